import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAll, tempWorkspace } from '../testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('Chatterino logs', () => {
  it('takes the date from the file name, reads the two spaces after the time, and starts at the first message', async () => {
    const file = ws.write(
      'PopCorn-2023-01-02.log',
      [
        '# Start logging at 2023-01-02 20:14:10 Central European Standard Time',
        '[20:14:15]  alice: salut tout le monde',
        '[20:14:20]  bob: !discord',
        '',
      ].join('\n'),
    );
    const { messages, stream, issues } = await parseAll(file);
    expect(issues).toEqual([]);
    const start = Date.UTC(2023, 0, 2, 20, 14, 15);
    expect(stream).toMatchObject({
      channel: 'popcorn',
      startedAt: start,
      absoluteTime: true,
      importFormat: 'chatterino',
    });
    expect(messages.map((m) => [m.id, m.user.login, m.text, m.ts, m.elapsed])).toEqual([
      ['l2', 'alice', 'salut tout le monde', start, 0],
      ['l3', 'bob', '!discord', start + 5000, 5],
    ]);
    expect(messages[1]!.flags.command).toBe(true);
  });

  it('reads `#channel name: text` lines and rolls over midnight', async () => {
    const file = ws.write(
      'chan-2023-03-04.log',
      ['[23:59:50] #somechan alice: late', '[00:00:10] #somechan bob: early'].join('\n'),
    );
    const { messages, stream } = await parseAll(file);
    expect(stream!.channel).toBe('somechan');
    expect(messages.map((m) => m.elapsed)).toEqual([0, 20]);
    expect(messages[1]!.ts).toBe(Date.UTC(2023, 2, 5, 0, 0, 10));
  });

  it('turns moderation notices into deletions without counting them (or other notices) as bad lines', async () => {
    const file = ws.write(
      'mod-2023-01-02.log',
      [
        '[10:00:00]  spammer: buy followers',
        '[10:00:01]  alice: hi',
        '[10:00:02]  spammer has been timed out for 10m.',
        '[10:00:03]  dave subscribed at Tier 1. They have subscribed for 5 months!',
        '[10:0x:04]  carol: broken',
      ].join('\n'),
    );
    const { messages, issues, deletions } = await parseAll(file);
    expect(messages.map((m) => m.user.login)).toEqual(['spammer', 'alice']);
    expect(deletions).toEqual([{ kind: 'user', login: 'spammer', ts: Date.UTC(2023, 0, 2, 10, 0, 2) }]);
    expect(issues).toEqual([{ line: 5, reason: 'timestamp `[10:0x:04]` is not HH:MM:SS' }]);
  });

  it('without a date in the name, counts elapsed from the first line and has no wall clock', async () => {
    const file = ws.write('export.log', ['[20:00:00]  a: one', '[20:00:30]  b: two'].join('\n'));
    const { messages, stream } = await parseAll(file, { format: 'chatterino' });
    expect(stream).toMatchObject({ absoluteTime: false, startedAt: 0 });
    expect(messages.map((m) => [m.elapsed, m.ts])).toEqual([
      [0, 0],
      [30, 30_000],
    ]);
  });
});
