import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JsonlLine, JsonlMessageLine } from '../../contracts/jsonl';
import { simulateChat, type SimulateChatOptions } from './ChatSimulator';
import { chatMessageProblems } from './testHelpers';
import { writeSimulationJsonl } from './writeSimulationJsonl';

const opts: SimulateChatOptions = {
  seed: 3,
  ratePerSecond: 8,
  minutes: 5,
  streamId: 'sim-jsonl',
  startedAt: 1_700_000_000_000,
  channel: 'demo',
};

async function collect(options: SimulateChatOptions): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { messages } = await writeSimulationJsonl(options, out);
  out.end();
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.trimEnd().split('\n').length).toBe(messages + 1);
  return text;
}

describe('writeSimulationJsonl', () => {
  it('writes a stream header then one contract-shaped message per line', async () => {
    const text = await collect(opts);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JsonlLine);
    const [header, ...rest] = lines;
    expect(header).toEqual({
      kind: 'stream',
      version: 1,
      stream: {
        id: 'sim-jsonl',
        channel: 'demo',
        source: 'simulator',
        title: expect.stringContaining('seed 3'),
        startedAt: 1_700_000_000_000,
        absoluteTime: true,
        importFormat: null,
      },
    });
    expect(rest.length).toBeGreaterThan(1000);
    let prev = 0;
    for (const line of rest) {
      expect(line.kind).toBe('message');
      const m = line as JsonlMessageLine;
      expect(chatMessageProblems(m)).toEqual([]);
      expect(m.elapsed).toBeGreaterThanOrEqual(prev);
      prev = m.elapsed;
    }
    const { kind: _kind, ...first } = rest[0] as JsonlMessageLine;
    expect(first).toEqual(simulateChat(opts).next().value);
  });

  it('is byte-identical for the same options', async () => {
    expect(await collect(opts)).toBe(await collect(opts));
  });

  it('respects backpressure from a slow writable', async () => {
    let bytes = 0;
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        writes++;
        setImmediate(cb);
      },
    });
    const { messages } = await writeSimulationJsonl({ ...opts, minutes: 10 }, slow);
    expect(messages).toBeGreaterThan(2000);
    expect(writes).toBeGreaterThan(5);
    expect(bytes).toBeGreaterThan(messages * 200);
  });

  it('rejects when the writable fails', async () => {
    const broken = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'));
      },
    });
    broken.on('error', () => undefined);
    await expect(writeSimulationJsonl({ ...opts, minutes: 30 }, broken)).rejects.toThrow();
  });
});
