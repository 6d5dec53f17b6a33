/** The query parameter the replay page seeks to once connected: elapsed seconds into the stream. */
export const REPLAY_TIME_PARAM = 't';

/**
 * The replay page of a started replay, opened at a moment: `/replay/<key>?t=<whole seconds>`. Starts a couple of
 * seconds early so the moment's message arrives in the feed rather than before the page shows it.
 *
 * @param key the replay channel's key (`replay:start`'s answer)
 * @param elapsed seconds into the stream
 * @example replayHref('replay:abc', 754.6) // '/replay/replay%3Aabc?t=752'
 */
export function replayHref(key: string, elapsed: number): string {
  const at = Number.isFinite(elapsed) ? Math.max(0, Math.floor(elapsed) - 2) : 0;
  return `/replay/${encodeURIComponent(key)}?${REPLAY_TIME_PARAM}=${at}`;
}

/**
 * The moment a replay page was asked to open at, from its query string: whole non-negative seconds, or null when
 * absent or not a number (a hand-edited link must not seek somewhere odd).
 *
 * @param search `location.search`
 * @example replayStartFrom('?t=752') // 752
 */
export function replayStartFrom(search: string): number | null {
  const raw = new URLSearchParams(search).get(REPLAY_TIME_PARAM);
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}
