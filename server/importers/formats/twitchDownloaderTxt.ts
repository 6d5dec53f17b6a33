import { LOG_NAME, parseClock, parseDateTime, plainMessage, userFromName } from './common';
import type { ChatFormat, LineParser, SourceEvent } from './types';

/** `[0:12:34]`, `[12:34:56]`: offset from the video start. */
const RELATIVE = /^\d+:\d\d:\d\d(\.\d+)?$/;

/**
 * Reads a `[timestamp] name: text` line shared by the text formats. The separator is the first `: ` after the name
 * (messages may contain `: ` themselves; names cannot). Spaces between the name and the colon are dropped.
 * @returns the name and text, or the reason the line is not a chat line.
 */
export function splitNameAndText(rest: string): { name: string; text: string } | string {
  const sep = rest.indexOf(': ');
  if (sep <= 0)
    return rest.endsWith(':') && LOG_NAME.test(rest.slice(0, -1).trimEnd())
      ? 'empty message'
      : 'no `user: ` separator after the timestamp';
  // TwitchDownloader writes `name : text` for some names (a space before the colon, seen in real exports).
  const name = rest.slice(0, sep).trimEnd();
  if (!LOG_NAME.test(name)) return `\`${name.length > 40 ? name.slice(0, 40) + '…' : name}\` is not a user name`;
  const text = rest.slice(sep + 2);
  if (text.trim() === '') return 'empty message';
  return { name, text };
}

function createParser(): LineParser {
  // The first timestamp decides whether the file is relative (video offsets) or UTC; mixing the two would give
  // a meaningless clock, so a line of the other kind is reported.
  let relative: boolean | null = null;
  return {
    line(line: string, lineNo: number, out: SourceEvent[]) {
      const close = line.startsWith('[') ? line.indexOf('] ') : -1;
      if (close < 0) {
        out.push({ type: 'error', line: lineNo, reason: 'no `[timestamp]` at the start of the line' });
        return;
      }
      const stamp = line.slice(1, close);
      let offset: number | null = null;
      let ts: number | null = null;
      if (RELATIVE.test(stamp) || !stamp.includes('-')) {
        offset = parseClock(stamp);
        if (offset === null) {
          out.push({ type: 'error', line: lineNo, reason: `timestamp \`[${stamp}]\` is not H:MM:SS` });
          return;
        }
      } else {
        ts = parseDateTime(stamp.replace(/\s*UTC$/i, ''));
        if (ts === null) {
          out.push({ type: 'error', line: lineNo, reason: `timestamp \`[${stamp}]\` is not YYYY-MM-DD HH:MM:SS UTC` });
          return;
        }
      }
      const isRelative = offset !== null;
      relative ??= isRelative;
      if (relative !== isRelative) {
        const kinds = relative ? ['absolute', 'relative (H:MM:SS)'] : ['relative', 'absolute (UTC)'];
        out.push({
          type: 'error',
          line: lineNo,
          reason: `timestamp \`[${stamp}]\` is ${kinds[0]} but the file's times are ${kinds[1]}`,
        });
        return;
      }
      const parts = splitNameAndText(line.slice(close + 2));
      if (typeof parts === 'string') {
        out.push({ type: 'error', line: lineNo, reason: parts });
        return;
      }
      out.push({
        type: 'message',
        line: lineNo,
        message: plainMessage(userFromName(parts.name), parts.text, { ts, offset }),
      });
    },
  };
}

/** TwitchDownloader's text export: `[H:MM:SS] name: text` (video offsets) or `[YYYY-MM-DD HH:MM:SS UTC] name: text`. */
export const twitchDownloaderTxt: ChatFormat = {
  name: 'twitchdownloader-txt',
  kind: 'lines',
  fields: {
    id: null,
    login: 'user name',
    displayName: 'user name',
    ts: 'timestamp',
    offset: 'timestamp',
    text: 'message',
    channel: null,
    replyParentId: null,
  },
  createParser,
};
