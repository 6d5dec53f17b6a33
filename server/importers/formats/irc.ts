import { parseBadges, parseEmotes } from '../../ingest/normaliseTmi';
import { channelName, num, parseDateTime, plainMessage, unwrapAction } from './common';
import type { ChatFormat, LineParser, SourceEvent } from './types';

/** One IRC line split into its parts (IRCv3 message tags included). */
export interface IrcLine {
  tags: Record<string, string>;
  prefix: string | null;
  command: string;
  params: string[];
}

const ESCAPES: Record<string, string> = { s: ' ', ':': ';', '\\': '\\', r: '\r', n: '\n' };

/** IRCv3 tag value escapes: `\s` space, `\:` `;`, `\\` `\`, `\r`, `\n`; any other `\x` is `x`; a lone final `\` goes. */
export function unescapeTag(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(.?)/gs, (_, c: string) => (c === '' ? '' : (ESCAPES[c] ?? c)));
}

/** Splits an IRC line. @returns null when it is not one (no command). */
export function parseIrcLine(line: string): IrcLine | null {
  let i = 0;
  const tags: Record<string, string> = {};
  if (line.startsWith('@')) {
    const end = line.indexOf(' ');
    if (end < 0) return null;
    for (const part of line.slice(1, end).split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) tags[part] = '';
      else tags[part.slice(0, eq)] = unescapeTag(part.slice(eq + 1));
    }
    i = end + 1;
  }
  while (line[i] === ' ') i++;
  let prefix: string | null = null;
  if (line[i] === ':') {
    const end = line.indexOf(' ', i);
    if (end < 0) return null;
    prefix = line.slice(i + 1, end);
    i = end + 1;
    while (line[i] === ' ') i++;
  }
  const trailingAt = line.indexOf(' :', i);
  const middle = trailingAt < 0 ? line.slice(i) : line.slice(i, trailingAt);
  const [command, ...params] = middle.split(' ').filter(Boolean);
  if (!command || !/^([A-Z]+|\d{3})$/.test(command)) return null;
  // Twitch prefixes every line it sends but PING/PONG: anything else without a prefix is not IRC but prose.
  if (prefix === null && command !== 'PING' && command !== 'PONG') return null;
  if (trailingAt >= 0) params.push(line.slice(trailingAt + 2));
  return { tags, prefix, command, params };
}

/** Some loggers put a time before each raw line (`[2023-01-02 20:14:15] @badges=...`). */
function splitTimePrefix(line: string): { ts: number | null; rest: string } {
  const m = /^(?:\[([^\]]+)\]|(\d{4}-\d\d-\d\dT\S+))\s+(?=[@:])/.exec(line);
  if (!m) return { ts: null, rest: line };
  return { ts: parseDateTime((m[1] ?? m[2])!.replace(/\s*UTC$/i, '')), rest: line.slice(m[0].length) };
}

function createParser(): LineParser {
  return {
    line(raw: string, lineNo: number, out: SourceEvent[]) {
      const { ts: prefixTs, rest } = splitTimePrefix(raw);
      const irc = parseIrcLine(rest);
      if (!irc) {
        out.push({ type: 'error', line: lineNo, reason: 'not an IRC line' });
        return;
      }
      if (irc.command !== 'PRIVMSG' && irc.command !== 'CLEARMSG' && irc.command !== 'CLEARCHAT') return; // JOIN, PING, USERSTATE...
      const sent = irc.tags['tmi-sent-ts'];
      const ts = sent && /^\d{1,16}$/.test(sent) ? Number(sent) : prefixTs;
      const channel = irc.params[0]?.startsWith('#') ? channelName(irc.params[0]) : null;
      if (irc.command === 'CLEARMSG') {
        const target = irc.tags['target-msg-id'];
        if (!target) out.push({ type: 'error', line: lineNo, reason: 'CLEARMSG: missing tag `target-msg-id`' });
        else out.push({ type: 'deletion', line: lineNo, deletion: { kind: 'message', messageId: target } });
        return;
      }
      if (irc.command === 'CLEARCHAT') {
        const login = irc.params[1]?.trim().toLowerCase();
        out.push({
          type: 'deletion',
          line: lineNo,
          deletion: login ? { kind: 'user', login, ts, offset: null } : { kind: 'channel', ts, offset: null },
        });
        return;
      }
      if (irc.params.length < 2) {
        out.push({ type: 'error', line: lineNo, reason: 'PRIVMSG without message text' });
        return;
      }
      if (ts === null) {
        out.push({
          type: 'error',
          line: lineNo,
          reason: sent ? `tag \`tmi-sent-ts=${sent}\` is not epoch milliseconds` : 'missing tag `tmi-sent-ts`',
        });
        return;
      }
      const nick = irc.prefix ? irc.prefix.split('!')[0]! : '';
      const login = (irc.tags.login || nick).toLowerCase();
      if (!login) {
        out.push({ type: 'error', line: lineNo, reason: 'no sender (`:nick!...` prefix or `login` tag)' });
        return;
      }
      let text = irc.params[irc.params.length - 1]!;
      const unwrapped = unwrapAction(text);
      if (unwrapped !== null) text = unwrapped;
      const message = plainMessage(
        { id: irc.tags['user-id'] || null, login, displayName: irc.tags['display-name']?.trim() || login },
        text,
        { ts },
      );
      message.id = irc.tags.id || null;
      message.channel = channel;
      message.action = unwrapped !== null;
      // Emote positions count code points of the unwrapped text (Twitch computes them after removing ACTION).
      message.emotes = parseEmotes(irc.tags.emotes ?? '', text);
      message.badges = parseBadges(irc.tags.badges ?? '');
      message.bits = Math.max(0, Math.trunc(num(irc.tags.bits) ?? 0));
      message.replyParentId = irc.tags['reply-parent-msg-id'] || null;
      out.push({ type: 'message', line: lineNo, message });
    },
  };
}

/**
 * Raw Twitch IRC lines with tags (`@badges=...;tmi-sent-ts=... :nick!nick@nick.tmi.twitch.tv PRIVMSG #chan :text`).
 * PRIVMSG gives messages; CLEARMSG and CLEARCHAT mark earlier ones deleted; other commands are ignored.
 */
export const irc: ChatFormat = {
  name: 'irc',
  kind: 'lines',
  fields: {
    id: 'tag `id`',
    login: 'sender (tag `login` or `:nick` prefix)',
    displayName: 'tag `display-name`',
    ts: 'tag `tmi-sent-ts`',
    offset: null,
    text: 'message text',
    channel: 'channel (`#name`)',
    replyParentId: 'tag `reply-parent-msg-id`',
  },
  createParser,
};
