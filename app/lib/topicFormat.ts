import type { MomentCard, TopicCard, TrackedCard } from '../../contracts/socket-events';

/** Display helpers of the topic panel (pure functions, no React). */

/**
 * A c-TF-IDF score with two significant digits: scores span several orders of magnitude (0.88 for a dominant term,
 * 0.004 for a rare one), so a fixed number of decimals would show many as `0.00`.
 * @example formatScore(0.8812) // '0.88'
 * @example formatScore(0.00431) // '0.0043'
 */
export function formatScore(score: number): string {
  if (!Number.isFinite(score)) return '—';
  if (score === 0) return '0';
  if (Math.abs(score) >= 1) return score.toFixed(2);
  return score.toPrecision(2);
}

/** A silhouette with two decimals, `—` when unknown. */
export function formatSilhouette(silhouette: number | null): string {
  if (silhouette === null || !Number.isFinite(silhouette)) return '—';
  // -0.001 would print as `-0.00`.
  return (Math.abs(silhouette) < 0.005 ? 0 : silhouette).toFixed(2);
}

/**
 * `part` as a whole percentage of `whole` (one decimal under 10 %), `—` when `whole` is 0.
 * @example formatShare(23, 100) // '23 %'
 */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0)) return '—';
  const pct = (100 * part) / whole;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)} %`;
}

/**
 * A duration: milliseconds under a second, else seconds with one decimal; `—` when unknown.
 * @example formatMs(340.2) // '340 ms'
 * @example formatMs(1234) // '1.2 s'
 */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Cards in display order: live topics largest first (ties by id, so equal cards do not swap places between
 * snapshots), then ended ones, most recently seen first. The server already sends this order; sorting again keeps
 * the panel right whatever a server version sends.
 */
export function orderTopicCards(cards: readonly TopicCard[]): TopicCard[] {
  return orderCards(cards);
}

/** Moment cards in the same order as topic cards. */
export function orderMomentCards(cards: readonly MomentCard[]): MomentCard[] {
  return orderCards(cards);
}

function orderCards<T extends TrackedCard>(cards: readonly T[]): T[] {
  const live = cards.filter((c) => c.state !== 'ended').sort((a, b) => b.size - a.size || a.id - b.id);
  const ended = cards.filter((c) => c.state === 'ended').sort((a, b) => b.lastSeenAt - a.lastSeenAt || a.id - b.id);
  return [...live, ...ended];
}

/**
 * The warming-up line: how many messages the window has, against the minimum the first refit needs when the
 * server says it (`null`: unknown).
 * @example warmupText(42, 100) // '42 / 100 messages before the first topics'
 */
export function warmupText(messages: number, minMessages: number | null): string {
  const n = messages.toLocaleString('en-US');
  if (minMessages !== null && minMessages > 0)
    return `${n} / ${minMessages.toLocaleString('en-US')} messages before the first topics`;
  return `${n} message${messages === 1 ? '' : 's'} in the window; the first topics come with the first refit`;
}
