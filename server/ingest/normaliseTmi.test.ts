import tmi from 'tmi.js';
import type { ChatUserstate } from 'tmi.js';
import { describe, expect, it } from 'vitest';
import { normaliseTmi, parseBadges, parseEmotes, tagString, type TmiMessageEvent } from './normaliseTmi';

const NOW = 1_700_000_999_000;
const options = { bots: new Set(['nightbot']), now: () => NOW };

/**
 * Feeds one raw IRC line through a real (unconnected) tmi.js 1.8.5 client and returns the chat event it emits,
 * so these tests see tags exactly as tmi.js hands them over (parsed, unescaped, '1'/'0' turned into booleans).
 */
function throughTmi(line: string): TmiMessageEvent & { event: 'message' | 'cheer' } {
  const client = new tmi.Client({ options: { skipUpdatingEmotesets: true } });
  let result: (TmiMessageEvent & { event: 'message' | 'cheer' }) | undefined;
  client.on('message', (channel, tags, message, self) => (result = { event: 'message', channel, tags, message, self }));
  client.on('cheer', (channel, tags, message) => (result = { event: 'cheer', channel, tags, message }));
  (client as unknown as { _onMessage(e: { data: string }): void })._onMessage({ data: line });
  if (!result) throw new Error(`tmi.js emitted no chat event for ${line}`);
  return result;
}

const BASE_TAGS =
  'badge-info=subscriber/14;badges=subscriber/12,premium/1;color=#FF0000;display-name=Zoé_Ünïcode;emotes=;' +
  'first-msg=0;flags=;id=5a1b2c3d-0000-4000-8000-000000000001;mod=0;room-id=4242;subscriber=1;' +
  'tmi-sent-ts=1700000000123;turbo=0;user-id=123456;user-type=';

function line(tags: string, text: string, login = 'zoe_unicode', channel = '#SomeChannel'): string {
  return `@${tags} :${login}!${login}@${login}.tmi.twitch.tv PRIVMSG ${channel} :${text}`;
}

describe('normaliseTmi', () => {
  it('turns a tagged PRIVMSG into a LiveChatMessage', () => {
    const msg = normaliseTmi(throughTmi(line(BASE_TAGS, 'bonjour tout le monde')), options);
    expect(msg).toEqual({
      id: '5a1b2c3d-0000-4000-8000-000000000001',
      channel: 'somechannel',
      ts: 1700000000123,
      user: { id: '123456', login: 'zoe_unicode', displayName: 'Zoé_Ünïcode' },
      text: 'bonjour tout le monde',
      emotes: [],
      badges: { subscriber: '12', premium: '1' },
      flags: { action: false, cheer: false, command: false, bot: false },
      bits: 0,
      replyParentId: null,
      deleted: false,
    });
  });

  it('keeps non-ASCII display names (localized names differ from the login)', () => {
    const msg = normaliseTmi(
      throughTmi(line(BASE_TAGS.replace('Zoé_Ünïcode', '홍길동'), 'salut', 'hong_gildong')),
      options,
    );
    expect(msg?.user).toEqual({ id: '123456', login: 'hong_gildong', displayName: '홍길동' });
  });

  it('counts emote positions in code points: an emote after an emoji', () => {
    // 😀 is one code point but two UTF-16 units: UTF-16 offsets would give " Kapp" and "a hi ".
    const text = '😀 Kappa hi Kappa 👋🏽 PogChamp';
    const tags = BASE_TAGS.replace('emotes=;', 'emotes=25:2-6,11-15/88:20-27;');
    const msg = normaliseTmi(throughTmi(line(tags, text)), options);
    expect(msg?.emotes).toEqual([
      { id: '25', name: 'Kappa', start: 2, end: 7 },
      { id: '25', name: 'Kappa', start: 11, end: 16 },
      { id: '88', name: 'PogChamp', start: 20, end: 28 },
    ]);
    for (const e of msg!.emotes) expect([...text].slice(e.start, e.end).join('')).toBe(e.name);
  });

  it('drops malformed, reversed, overlapping and out-of-range emote positions without throwing', () => {
    const text = 'Kappa Keepo';
    const tags = BASE_TAGS.replace('emotes=;', 'emotes=25:0-4,x-y,4-2,6-99,-1-3/1902:6-10,3-7/emotesv2_abc:/:1-2/999;');
    const msg = normaliseTmi(throughTmi(line(tags, text)), options);
    expect(msg?.emotes).toEqual([
      { id: '25', name: 'Kappa', start: 0, end: 5 },
      { id: '1902', name: 'Keepo', start: 6, end: 11 },
    ]);
  });

  it('parseEmotes accepts the raw tag and garbage', () => {
    expect(parseEmotes('25:0-4/1902:6-10', 'Kappa Keepo')).toEqual([
      { id: '25', name: 'Kappa', start: 0, end: 5 },
      { id: '1902', name: 'Keepo', start: 6, end: 11 },
    ]);
    expect(parseEmotes({ '25': ['0-4'], bad: null, worse: [3, {}, '1-'] }, 'Kappa')).toEqual([
      { id: '25', name: 'Kappa', start: 0, end: 5 },
    ]);
    for (const garbage of [null, undefined, 42, true, [], '', ':::', '25:0-4', { '25': '0-4,0-1' }]) {
      expect(() => parseEmotes(garbage, '')).not.toThrow();
    }
    expect(parseEmotes('25:0-4', '')).toEqual([]);
  });

  it('reads tag values tmi.js already unescaped, without unescaping them twice', () => {
    // On the wire: \s = space, \: = ';', \\ = '\'. tmi.js unescapes; a second pass would turn "a\sb" into "a b".
    const tags = `${BASE_TAGS.replace('display-name=Zoé_Ünïcode', 'display-name=a\\\\sb')};reply-parent-msg-id=p-1;reply-parent-msg-body=hello\\sworld\\:\\\\ok\\ndone`;
    const event = throughTmi(line(tags, '@someone yes'));
    expect(event.tags['reply-parent-msg-body']).toBe('hello world;\\okdone'); // tmi.js drops \n instead of making a newline
    const msg = normaliseTmi(event, options);
    expect(msg?.user.displayName).toBe('a\\sb');
    expect(msg?.replyParentId).toBe('p-1');
  });

  it('undoes tmi.js turning "1"/"0" tag values into booleans', () => {
    const tags = BASE_TAGS.replace('user-id=123456', 'user-id=1').replace('display-name=Zoé_Ünïcode', 'display-name=0');
    const event = throughTmi(line(tags, 'hi', 'zero'));
    expect(event.tags['user-id']).toBe(true);
    const msg = normaliseTmi(event, options);
    expect(msg?.user).toEqual({ id: '1', login: 'zero', displayName: '0' });
    expect(tagString(false)).toBe('0');
    expect(tagString(null)).toBeNull();
    expect(tagString('')).toBeNull();
  });

  it('unwraps /me (ACTION) messages and flags them', () => {
    const msg = normaliseTmi(throughTmi(line(BASE_TAGS, '\u0001ACTION danse la macarena\u0001')), options);
    expect(msg?.text).toBe('danse la macarena');
    expect(msg?.flags.action).toBe(true);
    // A still-wrapped text (not from tmi.js) is unwrapped too.
    const raw = normaliseTmi(
      { channel: '#c', tags: { username: 'u', id: 'x' }, message: '\u0001ACTION waves\u0001' },
      options,
    );
    expect(raw?.text).toBe('waves');
    expect(raw?.flags.action).toBe(true);
  });

  it('reads bits from cheers (tmi.js emits `cheer`, not `message`)', () => {
    const event = throughTmi(line(`${BASE_TAGS};bits=100`, 'Cheer100 allez'));
    expect(event.event).toBe('cheer');
    const msg = normaliseTmi(event, options);
    expect(msg?.bits).toBe(100);
    expect(msg?.flags).toEqual({ action: false, cheer: true, command: false, bot: false });
    const action = normaliseTmi(throughTmi(line(`${BASE_TAGS};bits=5`, '\u0001ACTION cheer5 yo\u0001')), options);
    expect(action?.flags).toMatchObject({ action: true, cheer: true });
    expect(action?.text).toBe('cheer5 yo');
    const bad = normaliseTmi({ channel: '#c', tags: { username: 'u', id: 'x', bits: 'lots' }, message: 'hm' }, options);
    expect(bad?.bits).toBe(0);
    expect(bad?.flags.cheer).toBe(false);
  });

  it('reads the reply parent id', () => {
    const msg = normaliseTmi(
      throughTmi(line(`${BASE_TAGS};reply-parent-msg-id=b34ccfc7-4977-403a-8a94-33c6bac34fb8`, '@bob oui')),
      options,
    );
    expect(msg?.replyParentId).toBe('b34ccfc7-4977-403a-8a94-33c6bac34fb8');
  });

  it('flags bots (case-insensitive login) and commands', () => {
    const bot = normaliseTmi(throughTmi(line(BASE_TAGS, 'Uptime: 3h', 'nightbot')), options);
    expect(bot?.flags.bot).toBe(true);
    const command = normaliseTmi(throughTmi(line(BASE_TAGS, '!uptime')), options);
    expect(command?.flags).toEqual({ action: false, cheer: false, command: true, bot: false });
    const notCommand = normaliseTmi(throughTmi(line(BASE_TAGS, 'wow !')), options);
    expect(notCommand?.flags.command).toBe(false);
  });

  it('falls back to the clock and a deterministic id when tags are missing', () => {
    const event = { channel: '#Chan', tags: { username: 'Viewer' } as ChatUserstate, message: 'salut' };
    const a = normaliseTmi(event, options);
    const b = normaliseTmi({ ...event }, options);
    const c = normaliseTmi({ ...event, message: 'salut!' }, options);
    expect(a?.ts).toBe(NOW);
    expect(a?.id).toMatch(/^live-[0-9a-f]{24}$/);
    expect(b?.id).toBe(a?.id);
    expect(c?.id).not.toBe(a?.id);
    expect(a?.user).toEqual({ id: null, login: 'viewer', displayName: 'viewer' });
    const badTs = normaliseTmi({ ...event, tags: { username: 'v', 'tmi-sent-ts': 'soon' } }, options);
    expect(badTs?.ts).toBe(NOW);
  });

  it('ignores self messages and whispers', () => {
    expect(normaliseTmi({ channel: '#c', tags: { username: 'me' }, message: 'hi', self: true }, options)).toBeNull();
    expect(
      normaliseTmi({ channel: '#c', tags: { username: 'me', 'message-type': 'whisper' }, message: 'hi' }, options),
    ).toBeNull();
  });

  it('parseBadges reads objects and raw tags', () => {
    expect(parseBadges({ moderator: '1', subscriber: '3012', broken: null })).toEqual({
      moderator: '1',
      subscriber: '3012',
      broken: '',
    });
    expect(parseBadges('moderator/1,subscriber/12,bare')).toEqual({ moderator: '1', subscriber: '12', bare: '' });
    expect(parseBadges(null)).toEqual({});
  });
});
