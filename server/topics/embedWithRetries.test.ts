import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../models/embedding/Embedder';
import { EmbedOverloadError } from '../../models/embedding/errors';
import { embedWithRetries } from './embedWithRetries';
import { silent } from './topicTestFixtures';

/** An embedder that fails its first `failures` calls with `error`, then returns one 2-d vector per text. */
function failing(failures: number, error: () => Error): Embedder & { calls: number } {
  const e = {
    id: 'failing',
    dimension: 2,
    calls: 0,
    embed: async (texts: readonly string[]) => {
      if (e.calls++ < failures) throw error();
      return texts.map(() => new Float32Array(2));
    },
    close: async () => undefined,
  };
  return e;
}
const overload = () => new EmbedOverloadError('full', 'queue-full');

describe('embedWithRetries', () => {
  it('retries while the embedder refuses for overload, then returns its vectors', async () => {
    const embedder = failing(3, overload);
    const vectors = await embedWithRetries(['a', 'b'], {
      embedder,
      logger: silent,
      channel: 'demo',
      retryMs: 1,
      stopped: () => false,
    });
    expect(vectors).toHaveLength(2);
    expect(embedder.calls).toBe(4);
  });

  it('gives up (null) after the retries, on any other error at once, and once the caller stopped', async () => {
    const always = failing(Infinity, overload);
    expect(
      await embedWithRetries(['a'], {
        embedder: always,
        logger: silent,
        channel: 'demo',
        retries: 2,
        retryMs: 1,
        stopped: () => false,
      }),
    ).toBeNull();
    expect(always.calls).toBe(3);
    const broken = failing(Infinity, () => new Error('model crashed'));
    expect(
      await embedWithRetries(['a'], {
        embedder: broken,
        logger: silent,
        channel: 'demo',
        retryMs: 1,
        stopped: () => false,
      }),
    ).toBeNull();
    expect(broken.calls).toBe(1);
    const stopped = failing(Infinity, overload);
    expect(
      await embedWithRetries(['a'], {
        embedder: stopped,
        logger: silent,
        channel: 'demo',
        retryMs: 1,
        stopped: () => true,
      }),
    ).toBeNull();
    expect(stopped.calls).toBe(1);
  });
});
