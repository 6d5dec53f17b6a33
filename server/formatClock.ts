/**
 * Elapsed seconds as a stream clock, `H:MM:SS` (the TwitchDownloader TXT form; the dashboard has its own copy
 * because the UI imports no server code).
 * @example formatClock(3725.4) // "1:02:05"
 */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
