import { IMPORT_LIMITS as L } from './limits';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';

/**
 * Field checks shared by every format. Each returns null when the value is acceptable, else the reason, naming the
 * field as the file spells it (`commenter.name`, `tmi-sent-ts`...), so a user can find it in the file.
 */

/** C0 and C1 control characters and DEL: never part of a name; NUL also truncates strings in some SQLite tools. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A value quoted for an error message: JSON-escaped (control characters show as `\u0000`), at most 40 characters. */
export function quote(value: unknown): string {
  let s = typeof value === 'string' ? value : String(value);
  if (s.length > 40) s = s.slice(0, 40) + '…';
  return JSON.stringify(s);
}

/** A login (already lowercased by the format). */
export function checkLogin(login: string, field: string): string | null {
  return TWITCH_LOGIN.test(login) ? null : `${field} ${quote(login)} is not a Twitch login (1-25 of a-z, 0-9, _)`;
}

/** A channel name, from a record or from file metadata: the same rules as a login (it becomes part of a stream id). */
export function checkChannel(channel: string, field: string): string | null {
  return TWITCH_LOGIN.test(channel)
    ? null
    : `${field} ${quote(channel)} is not a Twitch channel name (1-25 of a-z, 0-9, _)`;
}

/** A display name: anything printable (localized names are), bounded. */
export function checkDisplayName(name: string, field: string): string | null {
  if (CONTROL.test(name)) return `${field} ${quote(name)} contains control characters`;
  if (name.length > L.maxDisplayNameChars) return `${field} is over ${L.maxDisplayNameChars} characters`;
  return null;
}

/** An id from the file (message id, reply parent id): bounded, printable. */
export function checkId(id: string, field: string): string | null {
  if (id.length > L.maxIdChars) return `${field} is over ${L.maxIdChars} characters`;
  if (CONTROL.test(id)) return `${field} ${quote(id)} contains control characters`;
  return null;
}

/** An absolute time in epoch ms: finite, between 2005 and 2100. */
export function checkEpochMs(ts: number, field: string): string | null {
  if (!Number.isFinite(ts) || ts < L.minTimeMs || ts >= L.maxTimeMs)
    return `${field} ${quote(describeMs(ts))} is not a time between 2005 and 2100`;
  return null;
}

/** An offset from the video start given by the file, in seconds: finite, 0 to 7 days. */
export function checkOffset(seconds: number, field: string): string | null {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > L.maxElapsedSeconds) {
    return `${field} ${quote(seconds)} is not an offset between 0 and ${L.maxElapsedSeconds / 86_400} days (in seconds)`;
  }
  return null;
}

function describeMs(ts: number): string {
  if (!Number.isFinite(ts)) return String(ts);
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? String(ts) : d.toISOString();
}

/**
 * The stream clock of an accepted message: within the stream's 7 days, and not more than an hour before the
 * latest message kept so far (`IMPORT_LIMITS.maxBackwardsSeconds`: the monotonic rule).
 * @param latest elapsed seconds of the latest message kept so far (null for the first one)
 */
export function checkElapsed(elapsed: number, latest: number | null): string | null {
  if (!Number.isFinite(elapsed) || elapsed > L.maxElapsedSeconds) {
    return `time is ${Number.isFinite(elapsed) ? `${(elapsed / 86_400).toFixed(1)} days` : String(elapsed)} after the stream start (at most ${L.maxElapsedSeconds / 86_400} days)`;
  }
  const floor = (latest ?? 0) - L.maxBackwardsSeconds;
  if (elapsed < floor) {
    const back = ((latest ?? 0) - elapsed) / 3600;
    return `time goes back ${back.toFixed(1)} h before the previous messages (more than ${L.maxBackwardsSeconds / 3600} h back is taken as a corrupt time)`;
  }
  return null;
}

/** Message text after NULs are removed: bounded. */
export function checkText(text: string, field: string): string | null {
  if (text.length > L.maxTextChars) return `${field} is over ${L.maxTextChars} characters`;
  if (text.trim() === '') return 'empty message';
  return null;
}
