// Writers of chat files in third-party formats, from simulated chat: benchmark inputs of any size.
import fs from 'node:fs';
import { once } from 'node:events';
import type { ChatMessage } from '../contracts/chat';
import { simulateChat } from '../server/simulator';
import { formatClock } from '../server/formatClock';

function* messages(count: number, seed: number): Generator<ChatMessage> {
  // 20 msg/s: a busy channel; minutes chosen so the generator yields at least `count`.
  let n = 0;
  for (const m of simulateChat({
    seed,
    ratePerSecond: 20,
    channel: 'benchchan',
    streamId: 'bench',
    startedAt: Date.UTC(2024, 0, 1),
    minutes: Math.ceil(count / 20 / 60) * 2,
  })) {
    if (n++ >= count) return;
    yield m;
  }
}

async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffered = '';
  for (const line of lines) {
    buffered += line;
    if (buffered.length > 1 << 20) {
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
  }
  out.end(buffered);
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/** TwitchDownloader TXT with relative times: `[H:MM:SS] user: message`. @returns bytes written. */
export function writeTwitchDownloaderTxt(file: string, count: number, seed = 1): Promise<number> {
  return writeLines(
    file,
    (function* () {
      for (const m of messages(count, seed)) yield `[${formatClock(m.elapsed)}] ${m.user.displayName}: ${m.text}\n`;
    })(),
  );
}

/** TwitchDownloader JSON, snake_case v1 schema, one `comments` array. @returns bytes written. */
export function writeTwitchDownloaderJson(file: string, count: number, seed = 1): Promise<number> {
  return writeLines(
    file,
    (function* () {
      yield (
        '{"FileInfo":{"Version":{"Major":1,"Minor":2,"Patch":2}},"streamer":{"name":"benchchan","id":1234},' +
        '"video":{"title":"bench","id":"99","created_at":"2024-01-01T00:00:00Z","start":0},"comments":['
      );
      let first = true;
      for (const m of messages(count, seed)) {
        const comment = {
          _id: m.id,
          created_at: new Date(m.ts).toISOString(),
          channel_id: '1234',
          content_type: 'video',
          content_id: '99',
          content_offset_seconds: m.elapsed,
          commenter: { display_name: m.user.displayName, _id: m.user.id ?? '0', name: m.user.login, logo: '' },
          message: {
            body: m.text,
            bits_spent: m.bits,
            fragments: [{ text: m.text, emoticon: null }],
            user_badges: Object.entries(m.badges).map(([_id, version]) => ({ _id, version })),
            user_color: '#1E90FF',
            emoticons: [],
          },
        };
        yield (first ? '' : ',') + JSON.stringify(comment);
        first = false;
      }
      yield '],"embeddedData":null}';
    })(),
  );
}

/** tmi.js-shaped chat events (tags as tmi.js parses them), for the normaliser benchmark. */
export function tmiEvents(count: number, seed = 1) {
  const events = [];
  for (const m of messages(count, seed)) {
    const emotes: Record<string, string[]> = {};
    for (const e of m.emotes) (emotes[e.id] ??= []).push(`${e.start}-${e.end - 1}`);
    events.push({
      channel: '#benchchan',
      message: m.text,
      self: false,
      tags: {
        'user-id': m.user.id ?? undefined,
        username: m.user.login,
        'display-name': m.user.displayName,
        id: m.id,
        'tmi-sent-ts': String(m.ts),
        emotes: Object.keys(emotes).length ? emotes : undefined,
        badges: m.badges,
        'message-type': 'chat' as const,
      },
    });
  }
  return events;
}
