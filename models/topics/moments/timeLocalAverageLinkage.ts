import { BestMergeQueue } from './BestMergeQueue';
import { GroupPairs } from './GroupPairs';

export interface TimeLocalLinkageOptions {
  /** Pairs further apart in time than this are not compared: their distance is `farDistance`. */
  maxGapSeconds: number;
  /** Merging stops when the closest two groups are this far apart on average. */
  cut: number;
  /** The distance assumed for pairs never compared, and the largest a pair may have (default 1). */
  farDistance?: number;
  /**
   * Pairs closer to `farDistance` than this are treated as never compared (default 0: exact). A small value drops
   * the many pairs that barely differ from unrelated, at a bounded error on each group mean.
   */
  minSaving?: number;
  /**
   * Stream seconds read per step (default: `maxGapSeconds`). Any value gives the same groups; it trades the work
   * of re-examining merges that wait on the next block against the memory of a larger one.
   */
  blockSeconds?: number;
}

/** Distances of point j to every point i in [from, j), written to `out[i - from]` (called for j = 0, 1, 2, ...). */
export interface RowDistances {
  row(j: number, from: number, out: Float64Array): void;
}

/**
 * Pair savings are summed as integers in units of 2^-24 (a saving is at most 1): integer sums are exact whatever
 * the order of the merges that build them, so the groups do not depend on how the stream is cut into blocks. Sums
 * stay exact up to 2^29 compared pairs between two groups, far beyond any stream's (a pair is within maxGapSeconds).
 */
const UNITS = 2 ** 24;
const UNIT = 2 ** -24;

/**
 * Average-linkage agglomerative clustering of time-ordered points where only pairs close in time are compared: the
 * distance between two groups is the mean over all their cross pairs, pairs further apart than `maxGapSeconds` (or
 * at least `farDistance`) counting as `farDistance`. Exact average linkage on that distance: the closest two groups
 * merge first, ties going to the pair whose groups' first points come first (distance, then the earlier group's first
 * point, then the later one's).
 *
 * Cost in proportion to the compared pairs, memory to the pairs of a few `maxGapSeconds`: the stream is read block
 * by block, and merges run as soon as they are final. A merge of two groups is final when no point still unread can
 * reach either (both ended more than `maxGapSeconds` before it) and no earlier merge in the order is pending on one of
 * them; by the reducibility of average linkage (a merged group is never closer to a third than the closer of its
 * parts) no later merge can then come before it. A group with no pending merge left below the cut is done: its pairs
 * are freed.
 *
 * The next merge comes from one queue entry per group, its best merge (`BestMergeQueue`), as in the generic
 * algorithm of Müllner (2011): a merge updates in place the entries of the merged group's neighbours, and an entry
 * that named one of the parts turns into a lower bound (reducibility again), recomputed from the group's pairs below
 * the cut only when it reaches the top. A queue of every candidate pair would instead re-offer each neighbour at
 * each merge and pop millions of void candidates.
 *
 * @param elapsed seconds of each point, ascending
 * @param distance distance of two points i < j, in [0, farDistance]; called once per pair within `maxGapSeconds`
 *   (or, where one point's distances to those before it come cheaper together, `RowDistances`)
 * @returns a group id per point (the smallest point index of its group)
 * @example
 * timeLocalAverageLinkage([0, 1, 500], (i, j) => (j === 2 ? 1 : 0.1), { maxGapSeconds: 60, cut: 0.5 }); // [0, 0, 2]
 */
export function timeLocalAverageLinkage(
  elapsed: ArrayLike<number>,
  distance: ((i: number, j: number) => number) | RowDistances,
  options: TimeLocalLinkageOptions,
): Int32Array {
  const n = elapsed.length;
  for (let i = 1; i < n; i++)
    if (elapsed[i]! < elapsed[i - 1]!)
      throw new RangeError(`timeLocalAverageLinkage: elapsed must ascend (index ${i})`);
  const far = options.farDistance ?? 1;
  const gap = options.maxGapSeconds;
  const minSaving = options.minSaving ?? 0;
  const block = options.blockSeconds ?? gap;
  const { cut } = options;

  // Groups live in slots (a merged group keeps the slot of the part with more neighbours, so a merge walks the
  // shorter list) and are named by their first point (the tie order and the result).
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const name = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Float64Array(n).fill(1);
  const last = Float64Array.from(elapsed);
  const done = new Uint8Array(n);
  const waiting = new Uint8Array(n);
  const version = new Int32Array(n);
  const pairs = new GroupPairs(n);
  // The pairs of each group below the cut, as triples (partner, the partner's version, pair sum): a pair's sum and
  // distance change only when one of its groups merges, so an entry holds while its partner's version does (a
  // merged group gets a fresh list). Finding a group's best merge reads this short list, not all the group's pairs.
  const near: (number[] | null)[] = Array.from({ length: n }, () => []);
  // Each group's best merge below the cut, exact or a lower bound; a waiting group has none this block.
  const queue = new BestMergeQueue(n);
  let active: number[] = [];

  const meanDistance = (a: number, b: number, sum: number) => far - (sum * UNIT) / (size[a]! * size[b]!);
  /** A pair (a, b) at distance d: a's entry takes it when it comes first (a lower bound then turns exact). */
  const offer = (a: number, b: number, d: number) => {
    const lo = Math.min(name[a]!, name[b]!);
    const hi = Math.max(name[a]!, name[b]!);
    if (queue.improves(a, d, lo, hi)) queue.set(a, d, lo, hi, b);
  };
  /** Finds g's best merge among its pairs below the cut (dropping the entries voided meanwhile). */
  const recompute = (g: number) => {
    const list = near[g]!;
    let best = -1;
    let bestD = cut;
    let bestLo = 0;
    let bestHi = 0;
    let w = 0;
    for (let e = 0; e < list.length; e += 3) {
      const z = list[e]!;
      if (parent[z] !== z || version[z] !== list[e + 1] || done[z]) continue;
      const sum = list[e + 2]!;
      list[w++] = z;
      list[w++] = list[e + 1]!;
      list[w++] = sum;
      const d = meanDistance(g, z, sum);
      const lo = Math.min(name[g]!, name[z]!);
      const hi = Math.max(name[g]!, name[z]!);
      if (best < 0 || d < bestD || (d === bestD && (lo < bestLo || (lo === bestLo && hi < bestHi))))
        [best, bestD, bestLo, bestHi] = [z, d, lo, hi];
    }
    list.length = w;
    if (best < 0) queue.remove(g);
    else queue.set(g, bestD, bestLo, bestHi, best);
  };
  // The merge that last moved a pair with each group (merges are numbered 0, 1, ...).
  const seen = new Int32Array(n).fill(-1);
  let merges = 0;
  const merge = (a: number, b: number) => {
    const keep = pairs.degree(a) >= pairs.degree(b) ? a : b;
    const gone = keep === a ? b : a;
    parent[gone] = keep;
    name[keep] = Math.min(name[a]!, name[b]!);
    size[keep]! += size[gone]!;
    last[keep] = Math.max(last[a]!, last[b]!);
    const stamp = ++version[keep]!;
    const mergeId = merges++;
    queue.remove(gone);
    const nearBefore = near[keep]!;
    const nearKeep: number[] = (near[keep] = []);
    near[gone] = null;
    // The merged group's best merge, and its neighbours' entries: a pair with it may now come first, and an entry
    // that named one of the parts is a lower bound until recomputed (average linkage never brings a merged group
    // closer to a third than the closer of its parts).
    let best = -1;
    let bestD = cut;
    let bestLo = 0;
    let bestHi = 0;
    const consider = (z: number, sum: number) => {
      const d = meanDistance(keep, z, sum);
      if (!(d < cut)) {
        if (!waiting[z] && queue.has(z) && (queue.partner(z) === a || queue.partner(z) === b)) queue.markStale(z);
        return;
      }
      nearKeep.push(z, version[z]!, sum);
      near[z]!.push(keep, stamp, sum);
      const lo = Math.min(name[keep]!, name[z]!);
      const hi = Math.max(name[keep]!, name[z]!);
      if (best < 0 || d < bestD || (d === bestD && (lo < bestLo || (lo === bestLo && hi < bestHi))))
        [best, bestD, bestLo, bestHi] = [z, d, lo, hi];
      if (waiting[z]) return;
      if (queue.improves(z, d, lo, hi)) queue.set(z, d, lo, hi, keep);
      else if (queue.partner(z) === a || queue.partner(z) === b) queue.markStale(z);
    };
    // Pairs of the part that goes move to the one kept (their sums known on the way). Of the kept part's other
    // pairs only those below the cut can stay below it (same sum, larger group): its near list has their sums.
    const moved = pairs.absorb(keep, gone);
    for (let k = 0; k < moved; k++) {
      const z = pairs.partner(k);
      seen[z] = mergeId;
      consider(z, pairs.sum(k));
    }
    for (let e = 0; e < nearBefore.length; e += 3) {
      const z = nearBefore[e]!;
      if (seen[z] === mergeId || parent[z] !== z || version[z] !== nearBefore[e + 1] || done[z]) continue;
      consider(z, nearBefore[e + 2]!);
    }
    if (best < 0) queue.remove(keep);
    else queue.set(keep, bestD, bestLo, bestHi, best);
  };

  let row = new Float64Array(64);
  let read = 0;
  let windowStart = 0;
  while (read < n) {
    // Read a block: compare each new point with every point within the gap before it (all single points still:
    // a point the stream can still reach never merged).
    const blockEnd = elapsed[read]! + block;
    const from = read;
    while (read < n && (read === from || elapsed[read]! < blockEnd)) {
      const j = read++;
      while (elapsed[j]! - elapsed[windowStart]! > gap) windowStart++;
      if (row.length < j - windowStart) row = new Float64Array(2 * (j - windowStart));
      if (typeof distance !== 'function') distance.row(j, windowStart, row);
      else for (let i = windowStart; i < j; i++) row[i - windowStart] = distance(i, j);
      for (let i = windowStart; i < j; i++) {
        const saved = far - row[i - windowStart]!;
        if (!(saved > minSaving)) continue;
        const sum = Math.round(saved * UNITS);
        pairs.add(i, j, sum);
        const d = meanDistance(i, j, sum);
        if (!(d < cut)) continue;
        near[i]!.push(j, 0, sum);
        near[j]!.push(i, 0, sum);
        offer(i, j, d);
        offer(j, i, d);
      }
      active.push(j);
    }

    // Merge in order while merges are final; a merge that must wait holds back its two groups for this block.
    const next = read < n ? elapsed[read]! : Infinity;
    const reachable = (g: number) => next - last[g]! <= gap;
    while (queue.size > 0) {
      const g = queue.top();
      if (queue.isStale(g)) {
        recompute(g);
        continue;
      }
      const h = queue.partner(g);
      if (waiting[g] || waiting[h] || reachable(g) || reachable(h)) {
        waiting[g] = waiting[h] = 1;
        queue.remove(g);
        queue.remove(h);
        continue;
      }
      merge(g, h);
    }

    // A group out of reach with no merge waiting is final: its pairs go. A waiting group's entry is recomputed
    // first thing next block (a lower bound below every distance puts it first).
    const still: number[] = [];
    for (const g of active) {
      if (parent[g] !== g) continue;
      if (waiting[g] || reachable(g)) {
        still.push(g);
        continue;
      }
      done[g] = 1;
      pairs.drop(g);
      near[g] = null;
    }
    for (const g of still) {
      if (!waiting[g]) continue;
      waiting[g] = 0;
      queue.set(g, -Infinity, -1, -1, -1, true);
    }
    active = still;
  }

  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  return Int32Array.from({ length: n }, (_, i) => name[root(i)]!);
}
