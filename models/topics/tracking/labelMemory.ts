import type { TopicTerm } from './types';

/** Share of the newest label in a topic's remembered label. */
export const LABEL_MEMORY_RATE = 0.3;
/** Terms kept in a remembered label. */
export const LABEL_MEMORY_TERMS = 24;

/**
 * A topic's remembered label: a running average of its labels, each scaled to unit length, so that one noisy
 * refit (a fading cluster of eight messages whose c-TF-IDF lost the top term) does not replace what the topic was
 * about. The first label is taken as it is (scaled); later ones move the memory by `rate`.
 *
 * @param memory the remembered label (unit length), or an empty list for a new topic.
 * @param label the label of the topic's cluster at this refit.
 * @param rate share of the new label, in (0, 1].
 * @param maxTerms terms kept, best first.
 * @example
 * rememberLabel([{ term: 'gg', score: 1 }], [{ term: 'ez', score: 1 }], 0.3, 24);
 * // [{ term: 'gg', score: 0.919 }, { term: 'ez', score: 0.394 }]: 0.7 gg + 0.3 ez, scaled to unit length
 */
export function rememberLabel(
  memory: readonly TopicTerm[],
  label: readonly TopicTerm[],
  rate = LABEL_MEMORY_RATE,
  maxTerms = LABEL_MEMORY_TERMS,
): TopicTerm[] {
  const incoming = unitScores(label);
  if (incoming.size === 0) return [...memory];
  const blended = new Map<string, number>();
  const keep = memory.length === 0 ? 0 : 1 - rate;
  for (const { term, score } of memory) blended.set(term, keep * score);
  for (const [term, score] of incoming) blended.set(term, (blended.get(term) ?? 0) + (keep === 0 ? 1 : rate) * score);
  const top = [...blended].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxTerms);
  const norm = Math.hypot(...top.map(([, s]) => s));
  return top.map(([term, score]) => ({ term, score: norm > 0 ? score / norm : 0 }));
}

function unitScores(label: readonly TopicTerm[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { term, score } of label) scores.set(term, (scores.get(term) ?? 0) + score);
  const norm = Math.hypot(...scores.values());
  if (!(norm > 0)) return new Map();
  for (const [term, score] of scores) scores.set(term, score / norm);
  return scores;
}
