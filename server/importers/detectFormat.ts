import { isObject } from './formats/common';
import { CHATTERINO_FILE } from './formats/chatterino';
import type { FormatName } from './formats/types';

/** Lines looked at: enough to outvote a few odd ones, few enough to stay inside the head. */
const SAMPLE_LINES = 50;

const IRC_LINE = /^(?:\[[^\]]+\]\s+|\d{4}-\d\d-\d\dT\S+\s+)?(?:@\S+ +)?:\S+ +(?:[A-Z]+|\d{3})(?: |$)|^PING /;
const CSV_ROW = /^"?\d{4}-\d\d-\d\d[^;]*;[^;]*;[^;]*;[^;]*;/;
const TXT_LINE =
  /^\[(?:\d+:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?: UTC)?)\] \S+(?: \([A-Za-z0-9_]+\))?: /;
const CHATTERINO_LINE = /^\[\d\d:\d\d(?::\d\d)?\] +(?:#\w+ +)?\S/;
/** What only Chatterino writes: its session header, the two spaces after the time, or `#channel` before the name. */
const CHATTERINO_MARK = /^# Start logging at |^\[\d\d:\d\d(?::\d\d)?\] (?: |#\w+ )\S/;

/** True when the first line of `text` is a JSONL record of ours. */
function isJsonlLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) && (value.kind === 'stream' || value.kind === 'message');
  } catch {
    return false;
  }
}

/**
 * Guesses a chat file's format from its first characters (decompressed) and its name.
 * Pure: no I/O. Returns null when nothing fits; the caller refuses the file.
 * @param head the start of the text (64 KB is plenty)
 * @param fileName the file's name as the user knows it (Chatterino's `channel-YYYY-MM-DD.log` is a hint)
 * @param complete whether `head` is the whole file (else its last line may be cut and is ignored)
 */
export function detectFormat(head: string, fileName: string, complete = false): FormatName | null {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.search(/\S/);
  if (start < 0) return null;
  const first = text[start];

  if (first === '{') {
    // CR-only files (old Mac tools) end their lines with `\r`: a line ends at either.
    const rel = text.slice(start, start + 65_536).search(/[\r\n]/);
    const nl = rel < 0 ? -1 : start + rel;
    if ((nl >= 0 || complete) && isJsonlLine(text.slice(start, nl < 0 ? undefined : nl))) return 'jsonl';
    if (/"(?:comments|content_offset_seconds|contentOffsetSeconds|FileInfo|streamer)"\s*:/.test(text))
      return 'twitchdownloader-json';
    return null;
  }
  if (first === '[') {
    const next = text.slice(start + 1).match(/\S/)?.[0];
    if (next === '{' || next === ']') {
      if (/"(?:content_offset_seconds|contentOffsetSeconds)"\s*:/.test(text)) return 'twitchdownloader-json';
      if (/"(?:time_in_seconds|message_id|timestamp)"\s*:/.test(text) && /"author"\s*:/.test(text))
        return 'chat-downloader-json';
      return null;
    }
  }

  const all = text.slice(start).split(/\r\n|\n|\r/);
  if (!complete && all.length > 1) all.pop();
  const lines = all.filter((l) => /\S/.test(l)).slice(0, SAMPLE_LINES);
  if (lines.length === 0) return null;
  if (lines[0]!.toLowerCase().startsWith('published_datetime;')) return 'csv';
  const half = lines.length / 2;
  const count = (re: RegExp) => lines.reduce((n, l) => n + (re.test(l) ? 1 : 0), 0);

  if (count(IRC_LINE) >= half) return 'irc';
  if (count(CSV_ROW) >= half) return 'csv';
  const chatterinoLines = count(CHATTERINO_LINE) + count(/^# /);
  const chatterinoName = CHATTERINO_FILE.test(fileName);
  if (chatterinoLines >= half && (count(CHATTERINO_MARK) > 0 || chatterinoName)) return 'chatterino';
  if (count(TXT_LINE) >= half) return 'twitchdownloader-txt';
  if (lines.every((l) => isJsonlLine(l))) return 'jsonl';
  return null;
}

/** What each format looks like, for the refusal message of a file that matches none (or not the one asked for). */
export const FORMAT_SHAPES: Readonly<Record<FormatName, string>> = {
  'twitchdownloader-json': 'a JSON object with a `comments` array (TwitchDownloader)',
  'twitchdownloader-txt': 'lines like `[0:01:23] name: message` or `[2023-01-02 20:14:15 UTC] name: message`',
  'chat-downloader-json': 'a JSON array of items with `timestamp`, `message` and `author` (chat-downloader)',
  chatterino: 'lines like `[20:14:15]  name: message` (Chatterino log)',
  irc: 'raw IRC lines like `@tags :nick!nick@nick.tmi.twitch.tv PRIVMSG #channel :message`',
  csv: 'a `;`-separated CSV with header `published_datetime;channel;username;channel_2;message`',
  jsonl: 'JSON lines like `{"kind":"message",...}` (chat-topics export)',
};
