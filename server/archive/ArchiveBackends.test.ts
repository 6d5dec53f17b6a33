import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../test/support/postgresServer';
import type { Archive } from './Archive';
import { PgArchive } from './postgres/PgArchive';
import { SqliteArchive } from './SqliteArchive';

// What every archive back end must do alike: the SQLite file (the embedded default) and PostgreSQL (a deployment's
// shared archive) run the same cases. What only one of them has (SQLite's file and migrations, PostgreSQL's
// connection and notifications) is tested beside it.

let postgres: TestPostgres | null = null;

const backends: { name: string; skip: boolean; open: () => Promise<Archive> }[] = [
  { name: 'SQLite', skip: false, open: async () => SqliteArchive.open(':memory:') },
  {
    name: 'PostgreSQL',
    skip: !HAS_POSTGRES,
    open: async () => PgArchive.open(await postgres!.createDatabase()),
  },
];

beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.close());

const START = Date.UTC(2024, 0, 2, 20, 0, 0);

describe.each(backends)('archive on $name', ({ skip, open }) => {
  let archive: Archive;

  beforeEach(async (ctx) => {
    if (skip) return ctx.skip();
    archive = await open();
  });
  afterEach(() => archive?.close());

  function stream(channel = 'testchan', startedAt = START) {
    return archive.createStream({
      channel,
      source: 'import',
      title: 't',
      startedAt,
      absoluteTime: true,
      importFormat: 'jsonl',
    });
  }

  function live(channel: string, startedAt: number, platform?: string) {
    const info = { channel, source: 'live', title: 't', startedAt, absoluteTime: true, importFormat: null } as const;
    return archive.createStream(platform === undefined ? info : { ...info, platform });
  }

  it('names streams after channel and start time, unique on collision', () => {
    const a = stream();
    const b = stream();
    expect(a.id).toBe('testchan-20240102-200000');
    expect(b.id).toBe('testchan-20240102-200000-2');
  });

  it('stores every field of a message and reads it back in time order', () => {
    const s = stream();
    const full = makeMessage({
      id: 'm1',
      streamId: s.id,
      elapsed: 12.5,
      text: 'PogChamp quel clutch',
      emotes: [{ id: '88', name: 'PogChamp', start: 0, end: 8 }],
      badges: { subscriber: '12' },
      flags: { action: true, cheer: true, command: false, bot: true },
      bits: 100,
      replyParentId: 'parent',
      topic: 'boss-fight',
    });
    archive.insertMessages([
      makeMessage({ id: 'm2', streamId: s.id, elapsed: 20 }),
      full,
      makeMessage({ id: 'm0', streamId: s.id, elapsed: 1 }),
    ]);
    const read = [...archive.iterateMessages(s.id)];
    expect(read.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
    expect(read[1]).toEqual(full);
  });

  it('ignores a message already stored in the same stream', () => {
    const s = stream();
    expect(archive.insertMessages([makeMessage({ id: 'a', streamId: s.id })])).toBe(1);
    expect(archive.insertMessages([makeMessage({ id: 'a', streamId: s.id, text: 'other' })])).toBe(0);
    expect(archive.getStream(s.id)!.messageCount).toBe(1);
  });

  it('pages through a stream with ties on elapsed without loss or repeat, and seeks', () => {
    const s = stream();
    const msgs = Array.from({ length: 25 }, (_, i) =>
      makeMessage({ id: `m${i}`, streamId: s.id, elapsed: Math.floor(i / 5) }),
    );
    archive.insertMessages(msgs);
    const seen: string[] = [];
    let cursor = null;
    for (;;) {
      const page = archive.readPage(s.id, cursor, 4);
      seen.push(...page.messages.map((m) => m.id));
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    expect(seen).toEqual(msgs.map((m) => m.id));
    const fromThree = archive.readPage(s.id, { elapsed: 3, rowid: -1 }, 100).messages;
    expect(fromThree.map((m) => m.id)).toEqual(['m15', 'm16', 'm17', 'm18', 'm19', 'm20', 'm21', 'm22', 'm23', 'm24']);
  });

  it('marks deletions within one stream: one message, a user before a timeout, everything before a clear', () => {
    const s = stream();
    const older = stream('testchan', Date.UTC(2023, 0, 1));
    const t0 = 1_700_000_000_000;
    const troll = { id: '1', login: 'troll', displayName: 'Troll' };
    archive.insertMessages([
      makeMessage({ id: 'a', streamId: s.id, ts: t0, user: troll }),
      makeMessage({ id: 'b', streamId: s.id, ts: t0 + 1000, user: { id: '2', login: 'nice', displayName: 'Nice' } }),
      makeMessage({ id: 'c', streamId: s.id, ts: t0 + 5000, user: troll }),
      makeMessage({ id: 'old', streamId: older.id, ts: t0 - 1e9, user: troll }),
    ]);
    expect(archive.markDeleted(s.id, { kind: 'message', messageId: 'b' })).toEqual(['b']);
    expect(archive.markDeleted(s.id, { kind: 'user', login: 'Troll', ts: t0 + 2000 })).toEqual(['a']);
    expect([...archive.iterateMessages(s.id)].map((m) => m.deleted)).toEqual([true, true, false]);
    expect(archive.getStream(s.id)!.deletedCount).toBe(2);
    expect(archive.markDeleted(s.id, { kind: 'channel', ts: t0 + 9000 })).toEqual(['c']);
    // The other stream of the same channel is untouched.
    expect(archive.getStream(older.id)!.deletedCount).toBe(0);
  });

  it('lists streams with counts and duration, and tells listeners about new ones', () => {
    let changes = 0;
    archive.onStreamsChanged(() => changes++);
    const s = stream();
    archive.insertMessages([makeMessage({ id: 'a', streamId: s.id, elapsed: 3600 })]);
    expect(archive.listStreams()).toMatchObject([
      { id: s.id, messageCount: 1, durationSeconds: 3600, absoluteTime: true },
    ]);
    expect(changes).toBe(1);
    archive.deleteStream(s.id);
    expect(archive.listStreams()).toEqual([]);
    expect(changes).toBe(2);
  });

  it('keeps stream counters in step with inserts, duplicates and deletions', () => {
    const s = stream();
    archive.insertMessages([
      makeMessage({ id: 'a', streamId: s.id, elapsed: 5 }),
      makeMessage({ id: 'b', streamId: s.id, elapsed: 9, deleted: true }),
      makeMessage({ id: 'a', streamId: s.id, elapsed: 50 }), // duplicate: counts nothing
    ]);
    expect(archive.getStream(s.id)).toMatchObject({ messageCount: 2, deletedCount: 1, durationSeconds: 9 });
    archive.markDeleted(s.id, { kind: 'message', messageId: 'a' });
    archive.markDeleted(s.id, { kind: 'message', messageId: 'a' });
    expect(archive.getStream(s.id)).toMatchObject({ messageCount: 2, deletedCount: 2 });
  });

  it('lists a stream created incomplete as such until finishStream commits its last batch with the flag', () => {
    const s = archive.createStream({
      channel: 'imp',
      source: 'import',
      title: '',
      startedAt: 0,
      absoluteTime: true,
      importFormat: 'csv',
      complete: false,
    });
    expect(s).not.toHaveProperty('complete');
    archive.insertMessages([makeMessage({ id: 'a', streamId: s.id })]);
    expect(archive.listStreams()).toMatchObject([{ id: s.id, complete: false, messageCount: 1 }]);
    // A failing last batch (a message of a stream that does not exist) rolls the flag back with it.
    expect(() => archive.finishStream(s.id, [makeMessage({ id: 'b', streamId: 'no-such-stream' })])).toThrow();
    expect(archive.getStream(s.id)).toMatchObject({ complete: false, messageCount: 1 });
    expect(archive.finishStream(s.id, [makeMessage({ id: 'c', streamId: s.id })])).toBe(1);
    expect(archive.getStream(s.id)).toMatchObject({ complete: true, messageCount: 2 });
    // The existing delete path removes an incomplete stream like any other.
    archive.deleteStream(s.id);
    expect(archive.listStreams()).toEqual([]);
  });

  it('records a stream platform (Twitch unless told) and keys the messages of other platforms platform:name', () => {
    const twitch = live('room1', START);
    const fake = live('room1', START, 'fake');
    expect(twitch.id).toBe('room1-20240102-200000');
    expect(fake.id).toBe('fake-room1-20240102-200000');
    expect(archive.getStream(twitch.id)).toMatchObject({ channel: 'room1', platform: 'twitch' });
    expect(archive.getStream(fake.id)).toMatchObject({ channel: 'room1', platform: 'fake' });
    archive.insertMessages([
      makeMessage({ id: 'a', streamId: twitch.id }),
      makeMessage({ id: 'b', streamId: fake.id }),
    ]);
    expect([...archive.iterateMessages(twitch.id)].map((m) => m.channel)).toEqual(['room1']);
    expect([...archive.iterateMessages(fake.id)].map((m) => m.channel)).toEqual(['fake:room1']);
  });

  it('resumes a live channel only from a live stream of its own platform', () => {
    const fake = live('room1', START, 'fake');
    const twitch = live('room1', START + 3_600_000);
    // Newer still, but an import: never resumed as live.
    archive.createStream({
      channel: 'room1',
      platform: 'fake',
      source: 'import',
      title: 'f',
      startedAt: START + 7_200_000,
      absoluteTime: true,
      importFormat: 'jsonl',
    });
    expect(archive.latestStream({ platform: 'fake', name: 'room1' })?.streamId).toBe(fake.id);
    expect(archive.latestStream({ platform: 'twitch', name: 'room1' })?.streamId).toBe(twitch.id);
    expect(archive.latestStream({ platform: 'kick', name: 'room1' })).toBeNull();
  });
});
