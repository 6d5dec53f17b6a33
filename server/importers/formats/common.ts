import type { ChatUser, EmoteRange } from '../../../contracts/chat';
import type { SourceMessage } from './types';

/** Plain-object check for records read from JSON. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or null. Numbers are accepted too: some tools write numeric ids. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A finite number (numeric strings accepted), or null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The reason used everywhere for an absent field, so reports read alike across formats. */
export function missing(field: string): string {
  return `missing field \`${field}\``;
}

/** `#Name` -> `name`. */
export function channelName(raw: string): string {
  return raw.trim().replace(/^#/, '').toLowerCase();
}

/**
 * A user from the name a text log shows. Logs show the display name; for localized names (CJK) Twitch clients
 * write `表示名 (login)`, which gives the real login.
 */
export function userFromName(name: string): ChatUser {
  const paren = /^(.+?) \(([A-Za-z0-9_]+)\)$/.exec(name);
  if (paren) return { id: null, login: paren[2]!.toLowerCase(), displayName: paren[1]! };
  return { id: null, login: name.toLowerCase(), displayName: name };
}

/** A name as text logs write it: one token, or a localized `name (login)`. */
export const LOG_NAME = /^(?:\S+|\S+ \([A-Za-z0-9_]+\))$/;

/** `H:MM:SS` / `HH:MM:SS` (hours unbounded, optional fraction) -> seconds, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,3}):([0-5]\d):([0-5]\d(?:\.\d+)?)$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Days in a month (1-12) of a proleptic Gregorian year. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date-time as chat tools write it, to epoch ms: ISO 8601 (`T` or space, optional fraction, `Z`, `UTC` or an
 * offset) or epoch seconds / milliseconds. Without a zone it is read as UTC: the tools that omit it write UTC.
 * A date or time that does not exist (month 13, 31 April, 25:00) gives null. Range checks are the caller's.
 */
export function parseDateTime(text: string): number | null {
  const s = text.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (/^\d{12,13}$/.test(s)) return Number(s);
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?$/i.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  // Date.UTC rolls over (`2023-13-45 99:99:99` would be 2024-02-18): a date that does not exist is refused instead.
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (frac) ms += Math.round(Number(`0.${frac}`) * 1000);
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '');
    if (Number(z.slice(1, 3)) > 14 || Number(z.slice(3, 5)) > 59) return null;
    const minutes = Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5));
    ms -= (z[0] === '-' ? -1 : 1) * minutes * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}

/** Length in Unicode code points (what emote offsets count). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Emotes of a message made of fragments (TwitchDownloader, Twitch's API): each emote fragment is one occurrence,
 * placed by the code-point length of the fragments before it.
 * @param emoteId returns a fragment's emote id, or null for a text fragment.
 */
export function emotesFromFragments(
  fragments: readonly unknown[],
  emoteId: (fragment: Record<string, unknown>) => string | null,
): EmoteRange[] {
  const emotes: EmoteRange[] = [];
  let at = 0;
  for (const f of fragments) {
    if (!isObject(f) || typeof f.text !== 'string') continue;
    const length = codePointLength(f.text);
    const id = emoteId(f);
    // The range covers the emote's name only, should a writer have left the separating space in its fragment.
    const name = id === null ? '' : f.text.trim();
    if (id !== null && name !== '') {
      const start = at + codePointLength(f.text.slice(0, f.text.indexOf(name)));
      emotes.push({ id, name, start, end: start + codePointLength(name) });
    }
    at += length;
  }
  return emotes;
}

/**
 * Occurrences of known emote names as whole words of `text`, for formats that list a message's emotes without
 * positions (chat-downloader). Positions in code points.
 */
export function emotesByName(text: string, ids: ReadonlyMap<string, string>): EmoteRange[] {
  if (ids.size === 0) return [];
  const emotes: EmoteRange[] = [];
  let at = 0;
  for (const word of text.split(' ')) {
    const length = codePointLength(word);
    const id = ids.get(word);
    if (id !== undefined && length > 0) emotes.push({ id, name: word, start: at, end: at + length });
    at += length + 1;
  }
  return emotes;
}

/** IRC's `/me` wrapper: `\u0001ACTION text\u0001` -> `text`, or null when not wrapped. */
export function unwrapAction(text: string): string | null {
  const m = /^\u0001ACTION ?(.*?)\u0001?$/s.exec(text);
  return m ? m[1]! : null;
}

/** A message with every optional part empty: formats fill in what they know. */
export function plainMessage(
  user: ChatUser,
  text: string,
  time: { ts?: number | null; offset?: number | null },
): SourceMessage {
  return {
    id: null,
    channel: null,
    ts: time.ts ?? null,
    offset: time.offset ?? null,
    user,
    text,
    emotes: [],
    badges: {},
    bits: 0,
    action: false,
    replyParentId: null,
    deleted: false,
  };
}
