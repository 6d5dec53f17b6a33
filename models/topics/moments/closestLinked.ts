import type { SparseRows } from './sparseTextVectors';

/** The distance of messages i and j whose TF-IDF cosine is `cosine`. */
export type MixedDistance = (i: number, j: number, cosine: number) => number;

/**
 * For each message the linkage left out, the linked message closest to it (by `distance`) within `withinSeconds`:
 * the first of the closest in time order, -1 when none is that near in time.
 *
 * Why not a cosine per pair: a busy chat leaves most of its messages out (5 of 20 a second are linked), and each
 * meets a few hundred linked ones; walking both rows of every such pair was a third of a 10k refit's moment time.
 * The cosines come from posting lists of the linked rows instead, so a message meets only the linked ones that share
 * a feature with it; the sums run over its features in ascending order, as `rowCosine` adds them (the same numbers).
 *
 * @param rows normalised sparse rows, one per message (time order)
 * @param times ascending seconds of each message
 * @param linked ascending message indices of the linked messages
 * @param unlinked ascending message indices of the messages to place
 * @returns for each of `unlinked`, the index into `linked` of its closest linked message, or -1
 */
export function closestLinked(
  rows: SparseRows,
  times: Float64Array,
  linked: readonly number[],
  unlinked: readonly number[],
  withinSeconds: number,
  distance: MixedDistance,
): Int32Array {
  const { offsets, indices, values } = rows;
  let top = -1;
  for (const k of linked) for (let e = offsets[k]!; e < offsets[k + 1]!; e++) top = Math.max(top, indices[e]!);
  // Posting lists of the linked messages, feature by feature, each in ascending linked order.
  const start = new Int32Array(top + 2);
  for (const k of linked) for (let e = offsets[k]!; e < offsets[k + 1]!; e++) start[indices[e]! + 1]!++;
  for (let f = 0; f <= top; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, top + 1);
  const postedItem = new Int32Array(start[top + 1]!);
  const postedValue = new Float32Array(start[top + 1]!);
  linked.forEach((k, a) => {
    for (let e = offsets[k]!; e < offsets[k + 1]!; e++) {
      const at = fill[indices[e]!]!++;
      postedItem[at] = a;
      postedValue[at] = values[e]!;
    }
  });
  // Where each posting list's entries inside the time range begin: it only moves forward, as the messages do.
  const cursor = start.slice(0, top + 1);

  const out = new Int32Array(unlinked.length).fill(-1);
  let cosines = new Float64Array(64);
  let first = 0;
  let last = 0;
  unlinked.forEach((k, u) => {
    while (first < linked.length && times[linked[first]!]! < times[k]! - withinSeconds) first++;
    if (last < first) last = first;
    while (last < linked.length && times[linked[last]!]! <= times[k]! + withinSeconds) last++;
    const span = last - first;
    if (span <= 0) return;
    if (cosines.length < span) cosines = new Float64Array(2 * span);
    cosines.fill(0, 0, span);
    for (let e = offsets[k]!; e < offsets[k + 1]!; e++) {
      const f = indices[e]!;
      if (f > top) continue;
      const v = values[e]!;
      let q = cursor[f]!;
      const end = start[f + 1]!;
      while (q < end && postedItem[q]! < first) q++;
      cursor[f] = q;
      for (; q < end && postedItem[q]! < last; q++) cosines[postedItem[q]! - first]! += postedValue[q]! * v;
    }
    let best = -1;
    let bestDistance = Infinity;
    for (let a = first; a < last; a++) {
      const d = distance(k, linked[a]!, cosines[a - first]!);
      if (d < bestDistance) [best, bestDistance] = [a, d];
    }
    out[u] = best;
  });
  return out;
}
