/** Small display helpers shared by the dashboard pages (pure functions, no React). */

/** Stream clock: whole seconds as `H:MM:SS` (negative and non-finite values show as `0:00:00`). */
export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A stable hue per login, so a chatter keeps their colour. */
export function loginHue(login: string): number {
  let h = 0;
  for (let i = 0; i < login.length; i++) h = (h * 31 + login.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** A segment of a chat message: plain text or an emote, both rendered as React text nodes. */
export interface TextSegment {
  text: string;
  emote: boolean;
}

/**
 * Splits a message into text and emote segments. Emote offsets count Unicode code points (end exclusive), as in
 * `contracts/chat.ts`; overlapping or out-of-range ranges are ignored.
 */
export function splitEmotes(text: string, emotes: readonly { start: number; end: number }[]): TextSegment[] {
  if (emotes.length === 0) return [{ text, emote: false }];
  const chars = Array.from(text);
  const ranges = [...emotes]
    .filter((e) => e.start >= 0 && e.end > e.start && e.end <= chars.length)
    .sort((a, b) => a.start - b.start);
  const out: TextSegment[] = [];
  let pos = 0;
  for (const r of ranges) {
    if (r.start < pos) continue;
    if (r.start > pos) out.push({ text: chars.slice(pos, r.start).join(''), emote: false });
    out.push({ text: chars.slice(r.start, r.end).join(''), emote: true });
    pos = r.end;
  }
  if (pos < chars.length) out.push({ text: chars.slice(pos).join(''), emote: false });
  return out;
}
