import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAll, tempWorkspace } from '../testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('TwitchDownloader TXT', () => {
  it('reads relative times as offsets: no wall clock, ts = elapsed * 1000', async () => {
    const file = ws.write(
      'jeanmassiet-vod123.txt',
      ['[0:00:41] Heyy_01: Bonsoir !', '[0:01:06] bob: il a dit: "non" :)', '[12:03:07] Nightbot: !uptime 3h', ''].join(
        '\n',
      ),
    );
    const { messages, issues, stream } = await parseAll(file);
    expect(issues).toEqual([]);
    expect(stream).toMatchObject({
      channel: 'jeanmassiet',
      startedAt: 0,
      absoluteTime: false,
      importFormat: 'twitchdownloader-txt',
    });
    expect(messages.map((m) => [m.id, m.elapsed, m.ts])).toEqual([
      ['l1', 41, 41_000],
      ['l2', 66, 66_000],
      ['l3', 12 * 3600 + 187, (12 * 3600 + 187) * 1000],
    ]);
    expect(messages[0]!.user).toEqual({ id: null, login: 'heyy_01', displayName: 'Heyy_01' });
    // The separator is the first ": " after the name; the rest is the message, colons included.
    expect(messages[1]!.text).toBe('il a dit: "non" :)');
    expect(messages[2]!.flags).toEqual({ action: false, cheer: false, command: true, bot: true });
  });

  it('reads UTC times, with or without " UTC" and with a T, elapsed counted from the first message', async () => {
    const file = ws.write(
      'utc.txt',
      [
        '[2023-01-02 20:14:15 UTC] alice: salut',
        '[2023-01-02 20:14:20] bob: yo',
        '[2023-01-02T20:15:15 UTC] carol: re',
      ].join('\r\n'),
    );
    const { messages, stream } = await parseAll(file);
    const start = Date.UTC(2023, 0, 2, 20, 14, 15);
    expect(stream).toMatchObject({ startedAt: start, absoluteTime: true });
    expect(messages.map((m) => [m.ts, m.elapsed, m.text])).toEqual([
      [start, 0, 'salut'],
      [start + 5000, 5, 'yo'],
      [start + 60_000, 60, 're'],
    ]);
  });

  it('reports bad lines with their line numbers and reasons, keeping the good ones', async () => {
    const file = ws.write(
      'bad.txt',
      [
        '[0:00:01] a: one',
        '[1:2x:00] b: two',
        'no timestamp here',
        '[0:00:04] c:',
        '[0:00:05] d: five',
        '[2023-01-02 20:00:00 UTC] e: mixed',
      ].join('\n'),
    );
    const { messages, issues } = await parseAll(file);
    expect(messages.map((m) => m.text)).toEqual(['one', 'five']);
    expect(issues).toEqual([
      { line: 2, reason: 'timestamp `[1:2x:00]` is not H:MM:SS' },
      { line: 3, reason: 'no `[timestamp]` at the start of the line' },
      { line: 4, reason: 'empty message' },
      {
        line: 6,
        reason: "timestamp `[2023-01-02 20:00:00 UTC]` is absolute but the file's times are relative (H:MM:SS)",
      },
    ]);
  });

  it('ignores a byte-order mark and refuses to read a JSON file as TXT when told to', async () => {
    const { messages } = await parseAll(ws.write('bom.txt', '\uFEFF[0:00:01] a: first\n'));
    expect(messages[0]).toMatchObject({ id: 'l1', user: { login: 'a' }, text: 'first' });
    await expect(parseAll(ws.write('x.json', '{"comments": []}'), { format: 'twitchdownloader-txt' })).rejects.toThrow(
      /x\.json: not a twitchdownloader-txt file: no chat message found \(line 1: no `\[timestamp\]` at the start of the line\); expected lines like/,
    );
  });

  it('takes the login from a localized "name (login)"', async () => {
    const file = ws.write('loc.txt', '[0:00:01] 小明 (xiaoming): 你好\n');
    const { messages } = await parseAll(file);
    expect(messages[0]!.user).toEqual({ id: null, login: 'xiaoming', displayName: '小明' });
  });
  it('accepts a name followed by a space before the colon, as real TwitchDownloader exports have', async () => {
    const file = ws.write(
      'real.txt',
      '[0:01:01] alice: first\n[0:01:02] Samuraiofanarchy : LUL\n[0:01:03] bob: last\n',
    );
    const { messages, issues } = await parseAll(file, { format: 'twitchdownloader-txt' });
    expect(issues).toEqual([]);
    expect(messages.map((m) => [m.user.login, m.user.displayName, m.text])).toEqual([
      ['alice', 'alice', 'first'],
      ['samuraiofanarchy', 'Samuraiofanarchy', 'LUL'],
      ['bob', 'bob', 'last'],
    ]);
  });

  it('reports dates that do not exist, names that are not logins and times beyond 7 days, keeping the good lines', async () => {
    const lines = [
      '[2023-01-02 20:14:15 UTC] alice: ok',
      '[2023-13-45 99:99:99 UTC] bob: bad date',
      '[2023-02-30 10:00:00 UTC] bob: 30 February',
      `[2023-01-02 20:14:16 UTC] ${'x'.repeat(26)}: long name`,
      '[2023-01-12 20:14:16 UTC] carol: ten days later',
      '[2023-01-02 20:14:17 UTC] dave: ok too',
    ];
    const { messages, issues } = await parseAll(ws.write('abs.txt', lines.join('\n')), {
      format: 'twitchdownloader-txt',
    });
    expect(messages.map((m) => m.text)).toEqual(['ok', 'ok too']);
    expect(issues.map((i) => [i.line, i.reason.replace(/ \(.*$/, '')])).toEqual([
      [2, 'timestamp `[2023-13-45 99:99:99 UTC]` is not YYYY-MM-DD HH:MM:SS UTC'],
      [3, 'timestamp `[2023-02-30 10:00:00 UTC]` is not YYYY-MM-DD HH:MM:SS UTC'],
      [4, `user name "${'x'.repeat(26)}" is not a Twitch login`],
      [5, 'time is 10.0 days after the stream start'],
    ]);
  });
});
