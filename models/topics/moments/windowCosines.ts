import type { SparseRows } from './sparseTextVectors';

/** Fills `out[i - from]` with the cosine of items i and j, for every i in [from, j). */
export type WindowCosines = (j: number, from: number, out: Float64Array) => void;

/**
 * Cosines of each item with the items just before it, through the features they share: each feature entry links to
 * the previous entry of the same feature, so item j meets only the earlier items that share a feature with it,
 * where comparing it with each in turn would walk both rows for every pair (most pairs of chat messages share
 * nothing). The sums run over j's features in ascending order, as `rowCosine` adds them: the same numbers, bit for bit.
 *
 * Call it for j = 0, 1, 2, ... in turn (each call records item j for the next ones).
 *
 * @param rows normalised sparse rows
 * @param rowOf the row of each item (default: item i is row i)
 * @example
 * const cosines = windowCosines(sparseTextRows(texts)); const out = new Float64Array(8);
 * cosines(0, 0, out); cosines(1, 0, out); // out[0]: cosine of texts 0 and 1
 */
export function windowCosines(rows: SparseRows, rowOf?: ArrayLike<number>): WindowCosines {
  const { offsets, indices, values } = rows;
  const previous = new Int32Array(indices.length).fill(-1);
  const itemOf = new Int32Array(indices.length);
  let top = 0;
  for (const k of indices) top = Math.max(top, k);
  const latest = new Int32Array(top + 1).fill(-1);
  let next = 0;
  return (j, from, out) => {
    if (j !== next) throw new RangeError(`windowCosines: item ${j} out of turn (expected ${next})`);
    next++;
    out.fill(0, 0, j - from);
    const r = rowOf ? rowOf[j]! : j;
    for (let e = offsets[r]!; e < offsets[r + 1]!; e++) {
      const feature = indices[e]!;
      const v = values[e]!;
      for (let p = latest[feature]!; p >= 0 && itemOf[p]! >= from; p = previous[p]!)
        out[itemOf[p]! - from]! += values[p]! * v;
      previous[e] = latest[feature]!;
      latest[feature] = e;
      itemOf[e] = j;
    }
  };
}
