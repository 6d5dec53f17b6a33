import { afterEach, describe, expect, it } from 'vitest';
import { BlockingCalls, BlockingCallTimeout } from './BlockingCalls';

const ENTRY = new URL('../../test/support/blockingCallsWorker.ts', import.meta.url);
const open: BlockingCalls[] = [];
function start(): BlockingCalls {
  const calls = new BlockingCalls(ENTRY, {});
  open.push(calls);
  return calls;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.terminate()));
});

describe('BlockingCalls', () => {
  it("answers each call with its own answer, and passes the worker's error on with its code", () => {
    const calls = start();
    expect(calls.call('echo', [{ a: [1, 2] }], 30_000)).toEqual({ a: [1, 2] });
    expect(calls.call('late', [50, 'later'], 5000)).toBe('later');
    let error: unknown;
    try {
      calls.call('fail', [], 5000);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ message: 'refused by the database', code: '23503' });
  });

  it('gives up after its timeout, and never takes the late answer for the next call', () => {
    const calls = start();
    calls.call('echo', [0], 30_000); // the thread is up
    expect(() => calls.call('late', [300, 'stale'], 50)).toThrow(BlockingCallTimeout);
    // The stale answer arrives while this call waits: it is dropped.
    expect(calls.call('late', [500, 'fresh'], 5000)).toBe('fresh');
  });

  it('fails at once, not at its timeout, when the thread dies of an error or exits', () => {
    for (const op of ['crash', 'exit']) {
      const calls = start();
      calls.call('echo', [0], 30_000);
      const started = Date.now();
      expect(() => calls.call(op, [], 20_000)).toThrow(/the thread that runs it has died/);
      expect(Date.now() - started).toBeLessThan(5000);
      // And so does every later call.
      expect(() => calls.call('echo', [1], 20_000)).toThrow(/has died/);
    }
  });
});
