import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emoteSlices, parseAll, tempWorkspace } from '../testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

/** v1 snake_case comment, as TwitchDownloader writes it. */
function v1Comment(i: number, body: string, extra: Record<string, unknown> = {}) {
  return {
    _id: `c${i}`,
    created_at: new Date(Date.UTC(2023, 0, 2, 20, 0, 0) + 100_000 + i * 1000).toISOString(),
    content_offset_seconds: 100 + i,
    commenter: { display_name: `User${i}`, _id: `${1000 + i}`, name: `user${i}` },
    message: {
      body,
      bits_spent: 0,
      fragments: [{ text: body, emoticon: null }],
      user_badges: [],
      user_color: '#FF0000',
      emoticons: [],
    },
    ...extra,
  };
}

describe('TwitchDownloader JSON', () => {
  it('reads the snake_case v1 schema: ids, clock from created_at and offsets, emotes in code points, badges, bits', async () => {
    const emoteComment = v1Comment(1, '🎉 Kappa hi');
    emoteComment.message.fragments = [
      { text: '🎉 ', emoticon: null },
      { text: 'Kappa', emoticon: { emoticon_id: '25' } as never },
      { text: ' hi', emoticon: null },
    ];
    emoteComment.message.user_badges = [
      { _id: 'subscriber', version: '12' },
      { _id: 'moderator', version: '1' },
    ] as never;
    const cheer = v1Comment(2, 'Cheer100 gg');
    cheer.message.bits_spent = 100;
    const file = ws.write(
      'vod.json',
      JSON.stringify({
        FileInfo: { Version: { Major: 1, Minor: 2 } },
        streamer: { name: 'PopCorn', id: 42 },
        video: { title: 'ep', created_at: '2023-01-02T19:00:00Z' },
        comments: [v1Comment(0, '!uptime'), emoteComment, cheer],
        embeddedData: { thirdParty: [{ data: 'x'.repeat(200_000) }] },
      }),
    );
    const { messages, issues, stream } = await parseAll(file);
    expect(issues).toEqual([]);
    expect(stream).toMatchObject({
      channel: 'popcorn',
      source: 'import',
      importFormat: 'twitchdownloader-json',
      absoluteTime: true,
      title: 'vod.json',
    });
    // created_at - offset of the first comment, not video.created_at (a fallback).
    expect(stream!.startedAt).toBe(Date.UTC(2023, 0, 2, 20, 0, 0));
    expect(messages.map((m) => m.id)).toEqual(['c0', 'c1', 'c2']);
    const [cmd, emote, bits] = messages;
    expect(cmd!.flags.command).toBe(true);
    expect(cmd!.elapsed).toBe(100);
    expect(cmd!.ts).toBe(Date.UTC(2023, 0, 2, 20, 0, 0) + 100_000);
    expect(cmd!.user).toEqual({ id: '1000', login: 'user0', displayName: 'User0' });
    expect(emote!.emotes).toEqual([{ id: '25', name: 'Kappa', start: 2, end: 7 }]);
    expect(emoteSlices(emote!)).toEqual(['Kappa']);
    expect(emote!.badges).toEqual({ subscriber: '12', moderator: '1' });
    expect(bits!.bits).toBe(100);
    expect(bits!.flags.cheer).toBe(true);
  });

  it('reads the camelCase API shape, whose messages have no body: the text is the fragments joined', async () => {
    const comment = {
      id: 'abc-1',
      createdAt: '2024-03-01T10:00:05.500Z',
      contentOffsetSeconds: 5.5,
      commenter: { id: '77', login: 'nightbot', displayName: 'Nightbot' },
      message: {
        fragments: [
          // A space left inside an emote fragment is not part of the emote.
          { text: 'LUL ', emote: { emoteID: '425618', id: '425618;0;3' } },
          { text: 'trop drôle 😂 ', emote: null },
          { text: 'LUL', emote: { emoteID: '425618' } },
        ],
        userBadges: [{ setID: 'vip', version: '1' }],
        userColor: null,
      },
    };
    const file = ws.write('api.json', JSON.stringify({ streamer: { name: 'chan', id: '1' }, comments: [comment] }));
    const { messages, stream } = await parseAll(file);
    expect(stream!.startedAt).toBe(Date.parse('2024-03-01T10:00:00Z'));
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m.text).toBe('LUL trop drôle 😂 LUL');
    expect(m.id).toBe('abc-1');
    expect(m.user).toEqual({ id: '77', login: 'nightbot', displayName: 'Nightbot' });
    expect(m.flags.bot).toBe(true);
    expect(m.badges).toEqual({ vip: '1' });
    expect(m.emotes.map((e) => [e.start, e.end])).toEqual([
      [0, 3],
      [17, 20],
    ]);
    expect(emoteSlices(m)).toEqual(['LUL', 'LUL']);
  });

  it('reads a gzip file by its magic bytes, whatever its name', async () => {
    const json = JSON.stringify({
      streamer: { name: 'gzchan' },
      comments: [v1Comment(0, 'bonjour'), v1Comment(1, 'salut')],
    });
    const file = ws.write('chat.json', json, true); // gzip data under a .json name
    const { messages, stream } = await parseAll(file);
    expect(stream!.channel).toBe('gzchan');
    expect(messages.map((m) => m.text)).toEqual(['bonjour', 'salut']);
  });

  it('skips bad comments with their record number and start line, keeping the good ones', async () => {
    const bad = v1Comment(1, 'x') as Record<string, unknown>;
    delete bad.commenter;
    const noOffset = v1Comment(2, 'y') as Record<string, unknown>;
    delete noOffset.content_offset_seconds;
    const json = JSON.stringify({ comments: [v1Comment(0, 'ok 0'), bad, noOffset, v1Comment(3, 'ok 3')] }, null, 2);
    const file = ws.write('pretty.json', json);
    const { messages, issues } = await parseAll(file);
    expect(messages.map((m) => m.text)).toEqual(['ok 0', 'ok 3']);
    const lines = json.split('\n');
    const startOf = (id: string) =>
      lines.findIndex((l, i) => l.includes(`"_id": "${id}"`) && lines[i - 1]!.trim() === '{');
    expect(issues).toEqual([
      { line: startOf('c1'), record: 2, reason: 'missing field `commenter`' },
      { line: startOf('c2'), record: 3, reason: 'missing field `content_offset_seconds`' },
    ]);
  });

  it('ids records without an id as r<record>, and uses video.created_at when comments have no created_at', async () => {
    const c = v1Comment(0, 'hello') as Record<string, unknown>;
    delete c._id;
    delete c.created_at;
    const file = ws.write('x.json', JSON.stringify({ video: { created_at: '2023-05-05T12:00:00Z' }, comments: [c] }));
    const { messages, stream } = await parseAll(file, { channel: '#SomeChan' });
    expect(stream).toMatchObject({ channel: 'somechan', startedAt: Date.UTC(2023, 4, 5, 12), absoluteTime: true });
    expect(messages[0]).toMatchObject({ id: 'r1', elapsed: 100, ts: Date.UTC(2023, 4, 5, 12) + 100_000 });
  });

  it('keeps the comments read before a truncation and reports where the JSON broke', async () => {
    const json = JSON.stringify({ comments: [v1Comment(0, 'a'), v1Comment(1, 'b'), v1Comment(2, 'c')] });
    const cut = json.slice(0, json.indexOf('"c2"') + 10);
    const file = ws.write('cut.json', cut);
    const { messages, fatal } = await parseAll(file, { format: 'twitchdownloader-json' });
    expect(messages.map((m) => m.id)).toEqual(['c0', 'c1']);
    expect(fatal).toMatch(/^line 1, after record 2: /);
  });
});
