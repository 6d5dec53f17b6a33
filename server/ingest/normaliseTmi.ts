import { createHash } from 'node:crypto';
import type { ChatUserstate } from 'tmi.js';
import type { EmoteRange } from '../../contracts/chat';
import type { LiveChatMessage } from './LiveChatMessage';
import { deriveFlags } from './messageFlags';

/** One tmi.js chat event (`message`, `action`, `chat` or `cheer`), as its listener receives it. */
export interface TmiMessageEvent {
  /** Channel as tmi.js passes it (`#name`); a bare login is accepted too. */
  channel: string;
  /**
   * Tags as tmi.js passes them: already parsed (`badges`, `emotes` are objects) and unescaped (`\s` -> space).
   * Raw tag strings for `badges` (`name/version,...`) and `emotes` (`id:0-4,6-10/id2:...`) are accepted as well.
   */
  tags: ChatUserstate;
  /** Message text; tmi.js has already unwrapped `\u0001ACTION ...\u0001` (a still-wrapped text is unwrapped here). */
  message: string;
  /** True for messages this client sent itself. */
  self?: boolean;
}

export interface NormaliseOptions {
  /** Lowercase logins of known bots (config `botNames`). */
  bots: ReadonlySet<string>;
  /** Clock used when the message has no `tmi-sent-ts` tag (epoch ms). */
  now: () => number;
}

const ACTION = /^\u0001ACTION (.*?)\u0001?$/s;

/**
 * Turns a tmi.js chat event into a {@link LiveChatMessage}.
 *
 * Returns `null` for what is not channel chat: messages sent by this client (`self`) and whispers.
 * Never throws on malformed tags: bad emote positions are dropped, a bad timestamp falls back to `now()`.
 *
 * Beware of tmi.js's tag transform: any tag whose value is exactly `1` or `0` arrives as `true` / `false`
 * (and an empty value as `null`); string tags are read back through that transform here.
 */
export function normaliseTmi(event: TmiMessageEvent, options: NormaliseOptions): LiveChatMessage | null {
  const { tags } = event;
  if (event.self) return null;
  const messageType = tags['message-type'];
  if (messageType !== undefined && messageType !== 'chat' && messageType !== 'action') return null;

  const channel = normaliseChannel(event.channel);
  let text = event.message ?? '';
  let action = messageType === 'action';
  const wrapped = ACTION.exec(text);
  if (wrapped) {
    text = wrapped[1] ?? '';
    action = true;
  }

  const login = (tagString(tags.username) ?? tagString(tags['login']) ?? tagString(tags['display-name']) ?? '')
    .trim()
    .toLowerCase();
  const displayName = tagString(tags['display-name'])?.trim() || login;
  const userId = tagString(tags['user-id']);

  const sentTs = tagString(tags['tmi-sent-ts']);
  const parsedTs = sentTs !== null && /^\d{1,16}$/.test(sentTs) ? Number(sentTs) : NaN;
  const ts = parsedTs > 0 ? parsedTs : options.now();

  const bits = parseBits(tags.bits);
  const id = tagString(tags.id) ?? fallbackId(channel, ts, login, text);

  return {
    id,
    channel,
    ts,
    user: { id: userId, login, displayName },
    text,
    emotes: parseEmotes(tags.emotes ?? tags['emotes-raw'], text),
    badges: parseBadges(tags.badges ?? tags['badges-raw']),
    flags: deriveFlags(text, login, options.bots, { action, bits }),
    bits,
    replyParentId: tagString(tags['reply-parent-msg-id']),
    deleted: false,
  };
}

/** `#Name` -> `name`. */
export function normaliseChannel(channel: string): string {
  return channel.trim().replace(/^#/, '').toLowerCase();
}

/**
 * Emote occurrences from Twitch's `emotes` tag, either as tmi.js parses it (`{ "25": ["0-4", "6-10"] }`) or raw
 * (`25:0-4,6-10/1902:12-16`). Positions count Unicode code points of `text` and are inclusive in the tag; the
 * result's `end` is exclusive and `name` is the code-point slice. Out-of-range, reversed, malformed and overlapping
 * ranges are dropped. Sorted by `start`.
 */
export function parseEmotes(emotes: unknown, text: string): EmoteRange[] {
  const entries: [string, unknown][] = [];
  if (typeof emotes === 'string') {
    for (const part of emotes.split('/')) {
      const colon = part.indexOf(':');
      if (colon > 0) entries.push([part.slice(0, colon), part.slice(colon + 1).split(',')]);
    }
  } else if (emotes !== null && typeof emotes === 'object') {
    entries.push(...Object.entries(emotes as Record<string, unknown>));
  }
  if (entries.length === 0) return [];

  const codePoints = Array.from(text);
  const found: EmoteRange[] = [];
  for (const [id, ranges] of entries) {
    if (!id) continue;
    const list = Array.isArray(ranges) ? ranges : typeof ranges === 'string' ? ranges.split(',') : [];
    for (const range of list) {
      const m = typeof range === 'string' ? /^(\d{1,9})-(\d{1,9})$/.exec(range.trim()) : null;
      if (!m) continue;
      const start = Number(m[1]);
      const last = Number(m[2]);
      if (start > last || last >= codePoints.length) continue;
      found.push({ id, name: codePoints.slice(start, last + 1).join(''), start, end: last + 1 });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: EmoteRange[] = [];
  for (const emote of found) {
    const previous = kept[kept.length - 1];
    if (previous && emote.start < previous.end) continue;
    kept.push(emote);
  }
  return kept;
}

/** Badges as tmi.js parses them (`{ subscriber: "12" }`) or raw (`subscriber/12,premium/1`). A missing version is `""`. */
export function parseBadges(badges: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof badges === 'string') {
    for (const part of badges.split(',')) {
      const slash = part.indexOf('/');
      const name = slash === -1 ? part : part.slice(0, slash);
      if (name) result[name] = slash === -1 ? '' : part.slice(slash + 1);
    }
  } else if (badges !== null && typeof badges === 'object') {
    for (const [name, version] of Object.entries(badges as Record<string, unknown>)) {
      if (name) result[name] = tagString(version) ?? '';
    }
  }
  return result;
}

function parseBits(bits: unknown): number {
  const value = tagString(bits);
  if (value === null || !/^\d{1,9}$/.test(value)) return 0;
  return Number(value);
}

/**
 * A tag value as the string Twitch sent. Undoes tmi.js's transform (`"1"` -> `true`, `"0"` -> `false`,
 * empty -> `null`); `null` when absent or empty.
 */
export function tagString(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (value === true) return '1';
  if (value === false) return '0';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Deterministic id for a message without an `id` tag: same channel, time, author and text give the same id. */
function fallbackId(channel: string, ts: number, login: string, text: string): string {
  const hash = createHash('sha256').update(`${channel}\u0000${ts}\u0000${login}\u0000${text}`).digest('hex');
  return `live-${hash.slice(0, 24)}`;
}
