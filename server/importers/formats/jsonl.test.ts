import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAll, tempWorkspace } from '../testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

const message = (id: string, elapsed: number, extra: Record<string, unknown> = {}) => ({
  kind: 'message',
  id,
  channel: 'demo',
  streamId: 'old',
  ts: 1_700_000_000_000 + elapsed * 1000,
  elapsed,
  user: { id: null, login: 'sim_bot', displayName: 'Sim_Bot' },
  text: 'hello',
  emotes: [],
  badges: {},
  flags: { action: false, cheer: false, command: false, bot: true },
  bits: 0,
  replyParentId: null,
  deleted: false,
  ...extra,
});

describe('our JSONL', () => {
  it('takes the stream from the header and keeps the writer`s bot flag and topics', async () => {
    const header = {
      kind: 'stream',
      version: 1,
      stream: {
        id: 'old',
        channel: 'demo',
        source: 'simulator',
        title: 'sim',
        startedAt: 1_700_000_000_000,
        absoluteTime: true,
        importFormat: null,
      },
    };
    const file = ws.write(
      'sim.jsonl',
      [header, message('a', 1, { topic: 't1' }), message('b', 2)].map((l) => JSON.stringify(l)).join('\n') + '\n',
    );
    const { messages, stream } = await parseAll(file);
    expect(stream).toEqual({
      channel: 'demo',
      source: 'simulator',
      title: 'sim',
      startedAt: 1_700_000_000_000,
      absoluteTime: true,
      importFormat: null,
    });
    expect(messages.map((m) => [m.id, m.topic, m.flags.bot, m.streamId])).toEqual([
      ['a', 't1', true, ''],
      ['b', undefined, true, ''],
    ]);
  });

  it('imports a file without header and reports bad lines', async () => {
    const lines = [
      JSON.stringify(message('a', 1)),
      '{not json',
      JSON.stringify({ kind: 'message', id: 'x' }),
      JSON.stringify({ kind: 'other' }),
      JSON.stringify(message('b', 2)),
    ];
    const { messages, issues, stream } = await parseAll(ws.write('part.jsonl', lines.join('\n')), { format: 'jsonl' });
    expect(stream).toMatchObject({
      channel: 'demo',
      startedAt: 1_700_000_000_000,
      source: 'import',
      importFormat: 'jsonl',
    });
    expect(messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(issues.map((i) => [i.line, i.reason.replace(/ \(.*\)$/, '')])).toEqual([
      [2, 'not JSON'],
      [3, 'missing field `text`'],
      [4, 'unknown kind `other`'],
    ]);
  });
});
