import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { SqliteArchive } from '../archive/SqliteArchive';
import { recentChat } from './recentChat';

const START = Date.UTC(2026, 11, 8, 20, 0, 0);
const ZERATOR = { platform: 'twitch', name: 'zerator' };
let dir: string;
let archive: SqliteArchive;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-recent-'));
  archive = SqliteArchive.open(path.join(dir, 'archive.sqlite'));
  // A live stream of 20 minutes, one message every 6 s.
  const { id } = archive.createStream({
    channel: 'zerator',
    platform: 'twitch',
    source: 'live',
    title: 'zerator live',
    startedAt: START,
    absoluteTime: true,
    importFormat: null,
  });
  archive.insertMessages(
    Array.from({ length: 200 }, (_, i) =>
      makeMessage({
        id: `m${i}`,
        streamId: id,
        channel: 'zerator',
        ts: START + i * 6000,
        elapsed: i * 6,
        text: `n${i}`,
      }),
    ),
  );
});
afterEach(() => {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const LAST = START + 199 * 6000;
const options = { now: LAST + 60_000, silenceMs: 30 * 60_000, seconds: 600, maxMessages: 5000 };

describe('recentChat', () => {
  it('reads back the last window of the stream a channel goes on, oldest first', () => {
    const recent = recentChat(archive, ZERATOR, options);
    // The last 600 s before the last message (at 1,194 s): elapsed 594 s to 1,194 s.
    expect(recent.map((m) => m.text)).toEqual(Array.from({ length: 101 }, (_, i) => `n${99 + i}`));
  });

  it('keeps the newest when the window holds fewer messages than the minutes', () => {
    expect(recentChat(archive, ZERATOR, { ...options, maxMessages: 3 }).map((m) => m.text)).toEqual([
      'n197',
      'n198',
      'n199',
    ]);
  });

  it('reads nothing when the stream is over (the silence passed), or the channel has none', () => {
    expect(recentChat(archive, ZERATOR, { ...options, now: LAST + 30 * 60_000 })).toEqual([]);
    expect(recentChat(archive, { platform: 'twitch', name: 'other' }, options)).toEqual([]);
  });
});
