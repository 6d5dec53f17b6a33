import { channelName, parseClock, parseDateTime, plainMessage, userFromName } from './common';
import { splitNameAndText } from './twitchDownloaderTxt';
import type { ChatFormat, FormatContext, LineParser, SourceDeletion, SourceEvent } from './types';

/** Chatterino names its logs `<channel>-YYYY-MM-DD.log`: the only place the date is written. */
export const CHATTERINO_FILE = /^(.*?)-(\d{4})-(\d\d)-(\d\d)\.log(?:\.gz)?$/i;

/** Moderation notices, as Chatterino logs them: `[time] who has been timed out for 10m.` and friends. */
const USER_NOTICES = [
  /^(\w+) has been timed out\b/,
  /^(\w+) has been (?:permanently )?banned\b/,
  /^\w+ timed out (\w+) for\b/,
  /^\w+ (?:permanently )?banned (\w+)\b/,
];
const CLEAR_NOTICE = /^Chat has been cleared\b/;

/** Epoch ms of 00:00 UTC of the file's date, from its name or its `# Start logging at` header. */
function dateFromName(fileName: string): number | null {
  const m = CHATTERINO_FILE.exec(fileName);
  return m ? Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4])) : null;
}

function createParser(ctx: FormatContext): LineParser {
  let day = dateFromName(ctx.fileName);
  let first: number | null = null;
  let previous = -1;
  let rollover = 0;

  /** Time of day -> ts (date known) or offset from the first line (date unknown). Midnight moves to the next day. */
  const clock = (seconds: number): { ts: number | null; offset: number | null } => {
    // Logs are per day but a session can run past midnight: a jump back of over an hour is the next day.
    if (previous >= 0 && seconds + rollover < previous - 3600) rollover += 86_400;
    const t = seconds + rollover;
    previous = t;
    if (day !== null) return { ts: day + t * 1000, offset: null };
    first ??= t;
    return { ts: null, offset: t - first };
  };

  return {
    line(line: string, lineNo: number, out: SourceEvent[]) {
      if (line.startsWith('#')) {
        // `# Start logging at 2023-01-02 20:14:15 <zone>`: gives the date when the file name does not.
        const m = /^# Start logging at (\d{4}-\d\d-\d\d)/.exec(line);
        if (m && day === null && first === null) day = parseDateTime(`${m[1]} 00:00:00`);
        return;
      }
      const close = line.startsWith('[') ? line.indexOf(']') : -1;
      if (close < 0) {
        out.push({ type: 'error', line: lineNo, reason: 'no `[HH:MM:SS]` at the start of the line' });
        return;
      }
      const stamp = line.slice(1, close);
      const seconds = /^\d{1,2}:\d\d$/.test(stamp)
        ? parseClock(`${stamp}:00`)
        : /^\d{1,2}:\d\d:\d\d$/.test(stamp)
          ? parseClock(stamp)
          : null;
      if (seconds === null || seconds >= 86_400) {
        out.push({ type: 'error', line: lineNo, reason: `timestamp \`[${stamp}]\` is not HH:MM:SS` });
        return;
      }
      // Often two spaces after the time (Chatterino leaves room for a badge); sometimes `#channel ` comes first.
      let rest = line.slice(close + 1).trimStart();
      let channel: string | null = null;
      const chan = /^#(\w+) /.exec(rest);
      if (chan) {
        channel = channelName(chan[1]!);
        rest = rest.slice(chan[0].length).trimStart();
      }
      const time = clock(seconds);
      const parts = splitNameAndText(rest);
      if (typeof parts !== 'string') {
        const message = plainMessage(userFromName(parts.name), parts.text, time);
        message.channel = channel;
        out.push({ type: 'message', line: lineNo, message });
        return;
      }
      // Not a chat line: a moderation notice (marks earlier messages deleted) or another system notice (subs,
      // raids, "now hosting"), which is skipped without counting as a bad line.
      let deletion: SourceDeletion | null = CLEAR_NOTICE.test(rest) ? { kind: 'channel', ...time } : null;
      for (const re of USER_NOTICES) {
        const m: RegExpExecArray | null = deletion ? null : re.exec(rest);
        if (m) deletion = { kind: 'user', login: m[1]!.toLowerCase(), ...time };
      }
      if (deletion) out.push({ type: 'deletion', line: lineNo, deletion });
    },
  };
}

/**
 * Chatterino logs: `[HH:MM:SS]  name: text`, sometimes `[HH:MM:SS] #channel name: text`. Times of day in the
 * logging machine's zone (read as UTC: the log does not say which); the date comes from the file name.
 */
export const chatterino: ChatFormat = {
  name: 'chatterino',
  kind: 'lines',
  fields: {
    id: null,
    login: 'user name',
    displayName: 'user name',
    ts: 'timestamp',
    offset: 'timestamp',
    text: 'message',
    channel: '#channel',
    replyParentId: null,
  },
  createParser,
};
