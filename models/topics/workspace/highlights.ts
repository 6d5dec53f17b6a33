import type { Highlight, TopicTerm } from '../../../contracts/analysis';

/** A burst: minutes above median + BURST_MADS x the rate's robust spread. */
export const BURST_MADS = 3;
/** ... and at least this many times the median rate at its peak (a quiet stream's +3 messages is no highlight). */
export const BURST_MIN_RATIO = 1.5;
/** Bursts at most this many quiet minutes apart are one highlight. */
export const BURST_MERGE_GAP_MINUTES = 1;
/** Highlights kept per stream (the largest by messages). */
export const MAX_HIGHLIGHTS = 20;
/** Topics listed per highlight. */
const TOPICS_PER_HIGHLIGHT = 5;
/** Below this many minutes a stream has no "typical rate" to stand out from. */
const MIN_MINUTES = 5;

export interface HighlightInput {
  /** Elapsed seconds of each message (the analysis's clustered messages). */
  elapsed: ArrayLike<number>;
  /** Topic of each message, -1 for noise. */
  topics: ArrayLike<number>;
  /** Text of each message: a burst without any topic is named by its most common message. */
  texts: readonly string[];
  /** Label terms of each topic, best first. */
  terms: readonly (readonly TopicTerm[])[];
}

/**
 * The highlights of a stream: bursts of its message rate and the topics that drove them. Messages are counted per
 * minute; a minute bursts when its count exceeds median + 3 x the rate's spread (the median absolute deviation
 * scaled to a standard deviation, at least sqrt(median) and 1 so that chance jitter of a Poisson rate stays below)
 * and 1.5 x the median; bursting minutes at most one quiet minute apart form one highlight. The 20 largest by
 * messages are kept, in time order. Each lists the topics of its messages (share of all its messages, noise
 * included in the whole, largest first, 5 at most) and is labelled with its leading topic's first three terms.
 *
 * @example const bursts = highlights({ elapsed, topics, texts, terms }); bursts[0].label // 'penalty, arbitre, var'
 */
export function highlights(input: HighlightInput): Highlight[] {
  const { elapsed } = input;
  const n = elapsed.length;
  if (n === 0) return [];
  let last = 0;
  for (let i = 0; i < n; i++) last = Math.max(last, elapsed[i]!);
  const minutes = Math.floor(last / 60) + 1;
  if (minutes < MIN_MINUTES) return [];
  const perMinute = new Float64Array(minutes);
  for (let i = 0; i < n; i++) perMinute[Math.max(0, Math.floor(elapsed[i]! / 60))]! += 1;

  const median = medianOf(perMinute);
  const mad = medianOf(perMinute.map((c) => Math.abs(c - median)));
  const spread = Math.max(1.4826 * mad, Math.sqrt(median), 1);
  const threshold = Math.max(median + BURST_MADS * spread, BURST_MIN_RATIO * median);
  const runs = burstRuns(perMinute, threshold);

  const found = runs.map((run) => describeBurst(input, run, perMinute));
  found.sort((a, b) => b.messages - a.messages || b.peakRate - a.peakRate || a.startElapsed - b.startElapsed);
  return found
    .slice(0, MAX_HIGHLIGHTS)
    .sort((a, b) => a.startElapsed - b.startElapsed)
    .map((h, id) => ({ ...h, id }));
}

/** Runs of minutes above `threshold`, [first, last] inclusive, joined across short quiet gaps. */
function burstRuns(perMinute: Float64Array, threshold: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let m = 0; m < perMinute.length; m++) {
    if (perMinute[m]! <= threshold) continue;
    const previous = runs.at(-1);
    if (previous && m - previous[1] - 1 <= BURST_MERGE_GAP_MINUTES) previous[1] = m;
    else runs.push([m, m]);
  }
  return runs;
}

function describeBurst(input: HighlightInput, [first, last]: [number, number], perMinute: Float64Array): Highlight {
  const from = first * 60;
  const to = (last + 1) * 60;
  let start = Infinity;
  let end = -Infinity;
  let messages = 0;
  const byTopic = new Map<number, number>();
  const byText = new Map<string, number>();
  for (let i = 0; i < input.elapsed.length; i++) {
    const t = input.elapsed[i]!;
    if (t < from || t >= to) continue;
    messages++;
    start = Math.min(start, t);
    end = Math.max(end, t);
    const topic = input.topics[i]!;
    if (topic >= 0) byTopic.set(topic, (byTopic.get(topic) ?? 0) + 1);
    const text = input.texts[i]!.trim().toLowerCase().slice(0, 40);
    byText.set(text, (byText.get(text) ?? 0) + 1);
  }
  let peakRate = 0;
  for (let m = first; m <= last; m++) peakRate = Math.max(peakRate, perMinute[m]!);
  const ranked = [...byTopic].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, TOPICS_PER_HIGHLIGHT);
  const lead = ranked[0];
  const leadTerms = lead ? (input.terms[lead[0]] ?? []).slice(0, 3).map((t) => t.term) : [];
  const label = leadTerms.length > 0 ? leadTerms.join(', ') : mostCommon(byText);
  return {
    id: 0,
    startElapsed: start,
    endElapsed: end,
    peakRate,
    messages,
    label,
    topics: ranked.map(([topic, count]) => ({ topic, share: count / messages })),
  };
}

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let count = 0;
  for (const [text, c] of counts) if (c > count || (c === count && text < best)) [best, count] = [text, c];
  return best;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
