import { closestLinked } from './closestLinked';
import { sparseTextRows } from './sparseTextVectors';
import { timeLocalAverageLinkage } from './timeLocalAverageLinkage';
import { windowCosines } from './windowCosines';

/** How moments are formed (see `MomentStageParamsSchema` in the analysis contract for the defaults and why). */
export interface MomentParams {
  /** Weight of the text distance; the time distance gets 1 - textWeight. */
  textWeight: number;
  /** A time gap of this many seconds or more is the largest time distance (1). */
  timeScaleSeconds: number;
  /** Messages further apart than this are never compared (they count as unrelated). */
  maxGapSeconds: number;
  /** Average-linkage cut: groups merge while their mean distance is below it. */
  cut: number;
  /** Groups smaller than this are no moment (-1). */
  minSize: number;
  /**
   * Text distance between a pure reaction (`isReaction`: emotes, laughter) and a message with words; null: their
   * TF-IDF cosine, as for any pair. See `MomentStageParamsSchema`.
   */
  reactionTextDistance?: number | null;
}

/**
 * Pairs whose distance is within this of "unrelated" (1) are not stored: on the annotated stream (13k messages) the
 * moments are identical to the exact linkage's, with a third less memory and time.
 */
const PAIR_SAVING_FLOOR = 0.2;

/**
 * Density cap of the linkage: at most this many messages per bin are linked (5 a second), so a 10-minute window of a
 * busy channel costs about what a calm one does. Chat slower than that (all our real streams but their busiest
 * seconds) is linked whole.
 */
const DENSITY_BIN_SECONDS = 10;
const MAX_LINKED_PER_BIN = 50;
/** A message left out of the linkage joins the group of its closest linked message at most this far away in time. */
const ASSIGN_SECONDS = 30;

export interface MomentsResult {
  /** Moment of each message (-1: none), numbered 0.. by first message. */
  labels: Int32Array;
  nMoments: number;
}

/**
 * Moments: what chat says about one thing at one time, the level a person names ("the hunting law", "the laughter
 * after the slip"). Messages are joined by average linkage on a distance that mixes how different their words are
 * (TF-IDF cosine over word and character n-grams, IDF of this set) with how far apart they are in time. Time is most
 * of what makes a reader group chat (a laughing wave shares no word with the slip it laughs at), words separate the
 * threads that run side by side; average linkage keeps a long wave whole without chaining unrelated threads.
 *
 * A pure reaction (emotes, laughter) shares no word with what it reacts to: between one and a message with words the
 * text distance is `reactionTextDistance` (neutral), so time alone decides which thread the wave joins.
 *
 * @param elapsed seconds of each message (any order)
 * @param texts the messages, aligned with `elapsed`
 * @param reactions which messages are pure reactions (`isReaction`), aligned with `texts`; none when absent
 * @example
 * const { labels } = findMoments(elapsed, texts, { textWeight: 0.5, timeScaleSeconds: 120, maxGapSeconds: 240, cut: 0.6, minSize: 3 });
 */
export function findMoments(
  elapsed: ArrayLike<number>,
  texts: readonly string[],
  params: MomentParams,
  reactions?: ArrayLike<boolean>,
): MomentsResult {
  const n = texts.length;
  if (elapsed.length !== n) throw new RangeError(`findMoments: ${elapsed.length} times for ${n} texts`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => elapsed[a]! - elapsed[b]! || a - b);
  const times = Float64Array.from(order, (i) => elapsed[i]!);
  const rows = sparseTextRows(order.map((i) => texts[i]!));
  const w = params.textWeight;
  const neutral = params.reactionTextDistance ?? null;
  const reacts = reactions && neutral !== null ? Uint8Array.from(order, (i) => (reactions[i] ? 1 : 0)) : null;
  const crossesReaction = (i: number, j: number) => reacts !== null && reacts[i] !== reacts[j];
  /** The distance of messages i and j whose TF-IDF cosine is `cosine` (not read between a reaction and words). */
  const mixed = (i: number, j: number, cosine: number) =>
    w * (crossesReaction(i, j) ? neutral! : 1 - Math.max(0, cosine)) +
    (1 - w) * Math.min(1, Math.abs(times[j]! - times[i]!) / params.timeScaleSeconds);

  // The linkage compares every pair within maxGapSeconds: its cost grows with the chat's rate squared. A busy chat
  // is linked on an even sample of at most MAX_LINKED_PER_BIN messages per DENSITY_BIN_SECONDS, and every other
  // message joins the group of its closest sampled message (same distance) within ASSIGN_SECONDS.
  const linked = evenSample(times);
  const linkedTimes = Float64Array.from(linked, (k) => times[k]!);
  // Each linked message meets the earlier ones through their shared features (windowCosines): the cosines `rowCosine`
  // gives, without walking the rows of the many pairs that share nothing.
  const cosines = windowCosines(rows, linked);
  const rowDistances = {
    row(b: number, from: number, out: Float64Array) {
      cosines(b, from, out);
      const j = linked[b]!;
      for (let a = from; a < b; a++) out[a - from] = mixed(linked[a]!, j, out[a - from]!);
    },
  };
  const linkedGroups = timeLocalAverageLinkage(linkedTimes, rowDistances, {
    maxGapSeconds: params.maxGapSeconds,
    cut: params.cut,
    minSaving: PAIR_SAVING_FLOOR,
  });
  const groups = new Int32Array(n).fill(-1);
  linked.forEach((k, a) => (groups[k] = linked[linkedGroups[a]!]!));
  const unlinked: number[] = [];
  for (let k = 0; k < n; k++) if (groups[k]! < 0) unlinked.push(k);
  const closest = closestLinked(rows, times, linked, unlinked, ASSIGN_SECONDS, mixed);
  unlinked.forEach((k, u) => (groups[k] = closest[u]! >= 0 ? linked[linkedGroups[closest[u]!]!]! : k));

  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  // Groups are named by a message of theirs in time order, so numbering them in order of first sight is stable.
  const ids = new Map<number, number>();
  const labels = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const g = groups[k]!;
    if (sizes.get(g)! < params.minSize) continue;
    if (!ids.has(g)) ids.set(g, ids.size);
    labels[order[k]!] = ids.get(g)!;
  }
  return { labels, nMoments: ids.size };
}

/**
 * Indices (into ascending `times`) of an even sample keeping at most MAX_LINKED_PER_BIN per DENSITY_BIN_SECONDS: all
 * of a chat slower than that, every k-th message of a busier bin.
 */
function evenSample(times: Float64Array): number[] {
  const out: number[] = [];
  let start = 0;
  while (start < times.length) {
    const binEnd = (Math.floor(times[start]! / DENSITY_BIN_SECONDS) + 1) * DENSITY_BIN_SECONDS;
    let end = start;
    while (end < times.length && times[end]! < binEnd) end++;
    const count = end - start;
    const stride = count / Math.min(count, MAX_LINKED_PER_BIN);
    for (let x = 0; x < Math.min(count, MAX_LINKED_PER_BIN); x++) out.push(start + Math.floor(x * stride));
    start = end;
  }
  return out;
}

/**
 * The moment each fine topic belongs to: the one holding most of its messages (ties: the earlier moment); -1 for a
 * topic none of whose messages is in a moment.
 *
 * @param topics fine topic per message (-1 noise)
 * @param moments moment per message (-1 none)
 */
export function momentOfTopics(topics: Int32Array, moments: Int32Array, nTopics: number): Int32Array {
  const votes: Map<number, number>[] = Array.from({ length: nTopics }, () => new Map());
  topics.forEach((t, i) => {
    const m = moments[i]!;
    if (t >= 0 && m >= 0) votes[t]!.set(m, (votes[t]!.get(m) ?? 0) + 1);
  });
  return Int32Array.from(votes, (v) => {
    let best = -1;
    let count = 0;
    for (const [m, c] of v) if (c > count || (c === count && m < best)) [best, count] = [m, c];
    return best;
  });
}
