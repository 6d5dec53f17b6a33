import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emoteSlices, parseAll, tempWorkspace } from '../testHelpers';
import { parseIrcLine, unescapeTag } from './irc';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

const TS = 1_700_000_000_000;

function privmsg(tags: Record<string, string>, nick: string, text: string, channel = '#lestream'): string {
  const all = {
    'badge-info': '',
    badges: '',
    color: '',
    'display-name': nick,
    emotes: '',
    'tmi-sent-ts': String(TS),
    ...tags,
  };
  const tagText = Object.entries(all)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return `@${tagText} :${nick.toLowerCase()}!${nick.toLowerCase()}@${nick.toLowerCase()}.tmi.twitch.tv PRIVMSG ${channel} :${text}`;
}

describe('IRC tag values', () => {
  it('unescapes \\s \\: \\\\ \\r \\n and drops a lone final backslash', () => {
    expect(unescapeTag('a\\sb\\:c\\\\d\\re\\nf\\')).toBe('a b;c\\d\re\nf');
    expect(unescapeTag('\\\\s')).toBe('\\s');
  });

  it('splits a line into tags, prefix, command and params', () => {
    expect(parseIrcLine('@a=1;b :n!n@n.tmi.twitch.tv PRIVMSG #c :hello : world')).toEqual({
      tags: { a: '1', b: '' },
      prefix: 'n!n@n.tmi.twitch.tv',
      command: 'PRIVMSG',
      params: ['#c', 'hello : world'],
    });
    expect(parseIrcLine('garbage')).toBeNull();
  });
});

describe('raw IRC lines', () => {
  it('reads PRIVMSG with tags: ids, escaped display names, badges, bits, replies, emotes after an emoji in code points', async () => {
    const lines = [
      ':tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!',
      'PING :tmi.twitch.tv',
      privmsg(
        {
          id: 'id-1',
          'user-id': '11',
          'display-name': 'Le\\sChat',
          badges: 'subscriber/12,moderator/1',
          emotes: '25:2-6/1902:8-12',
          'tmi-sent-ts': String(TS),
        },
        'lechat',
        '😀 Kappa Keepo hi',
      ),
      privmsg(
        { id: 'id-2', 'user-id': '12', bits: '100', 'reply-parent-msg-id': 'id-1', 'tmi-sent-ts': String(TS + 2500) },
        'Bob',
        'Cheer100 wow; ok',
      ),
      privmsg(
        { id: 'id-3', 'tmi-sent-ts': String(TS + 3000), emotes: '25:0-4' },
        'carol',
        '\u0001ACTION Kappa danse\u0001',
      ),
      ':tmi.twitch.tv USERSTATE #lestream',
    ];
    const file = ws.write('irc.log', lines.join('\n'));
    const { messages, issues, stream } = await parseAll(file);
    expect(issues).toEqual([]);
    expect(stream).toMatchObject({ channel: 'lestream', startedAt: TS, absoluteTime: true, importFormat: 'irc' });
    const [a, b, c] = messages;
    expect(a).toMatchObject({
      id: 'id-1',
      elapsed: 0,
      text: '😀 Kappa Keepo hi',
      badges: { subscriber: '12', moderator: '1' },
    });
    expect(a!.user).toEqual({ id: '11', login: 'lechat', displayName: 'Le Chat' });
    expect(a!.emotes).toEqual([
      { id: '25', name: 'Kappa', start: 2, end: 7 },
      { id: '1902', name: 'Keepo', start: 8, end: 13 },
    ]);
    expect(emoteSlices(a!)).toEqual(['Kappa', 'Keepo']);
    expect(b).toMatchObject({ id: 'id-2', bits: 100, replyParentId: 'id-1', elapsed: 2.5, text: 'Cheer100 wow; ok' });
    expect(b!.flags.cheer).toBe(true);
    expect(c).toMatchObject({ text: 'Kappa danse', flags: { action: true } });
    expect(emoteSlices(c!)).toEqual(['Kappa']);
  });

  it('turns CLEARMSG and CLEARCHAT into deletions and ignores other commands', async () => {
    const lines = [
      privmsg({ id: 'x1', 'tmi-sent-ts': String(TS) }, 'spam', 'bad words'),
      `@login=spam;room-id=1;target-msg-id=x1;tmi-sent-ts=${TS + 1000} :tmi.twitch.tv CLEARMSG #lestream :bad words`,
      `@ban-duration=600;room-id=1;target-user-id=9;tmi-sent-ts=${TS + 2000} :tmi.twitch.tv CLEARCHAT #lestream :troll`,
      `@room-id=1;tmi-sent-ts=${TS + 3000} :tmi.twitch.tv CLEARCHAT #lestream`,
      `@msg-id=resub;tmi-sent-ts=${TS} :tmi.twitch.tv USERNOTICE #lestream :yay`,
    ];
    const file = ws.write('mod.irc', lines.join('\n'));
    const { deletions, issues, messages } = await parseAll(file);
    expect(messages).toHaveLength(1);
    expect(issues).toEqual([]);
    expect(deletions).toEqual([
      { kind: 'message', messageId: 'x1' },
      { kind: 'user', login: 'troll', ts: TS + 2000 },
      { kind: 'channel', ts: TS + 3000 },
    ]);
  });

  it('reports lines that are not IRC or lack a time, and refuses messages from a second channel', async () => {
    const lines = [
      privmsg({ id: 'a' }, 'ann', 'one'),
      'this is not irc',
      ':bob!bob@bob.tmi.twitch.tv PRIVMSG #lestream :no tags, no time',
      privmsg({ id: 'b' }, 'bob', 'elsewhere', '#other'),
      privmsg({ id: 'c' }, 'cat', 'three'),
    ];
    const { messages, issues } = await parseAll(ws.write('x.log', lines.join('\n')));
    expect(messages.map((m) => m.id)).toEqual(['a', 'c']);
    expect(issues).toEqual([
      { line: 2, reason: 'not an IRC line' },
      { line: 3, reason: 'missing tag `tmi-sent-ts`' },
      { line: 4, reason: "message in #other, but this file's chat is #lestream" },
    ]);
  });
});
