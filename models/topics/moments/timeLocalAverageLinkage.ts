/** A binary min-heap of candidate merges [distance, a, b, version of a, version of b]. */
class MergeHeap {
  private readonly items: [number, number, number, number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, number, number, number, number]): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, number, number, number, number] {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

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
}

/**
 * Average-linkage agglomerative clustering of time-ordered points where only pairs close in time are compared: the
 * distance between two groups is the mean over all their cross pairs, pairs further apart than `maxGapSeconds` (or
 * at least `farDistance`) counting as `farDistance`. Exact average linkage on that distance, at the cost of the
 * compared pairs (a stream of any length costs in proportion to its length, not its square).
 *
 * @param elapsed seconds of each point, ascending
 * @param distance distance of two points i < j, in [0, farDistance]
 * @returns a group id per point (the smallest point index of its group)
 * @example
 * timeLocalAverageLinkage([0, 1, 500], (i, j) => (j === 2 ? 1 : 0.1), { maxGapSeconds: 60, cut: 0.5 }); // [0, 0, 2]
 */
export function timeLocalAverageLinkage(
  elapsed: ArrayLike<number>,
  distance: (i: number, j: number) => number,
  options: TimeLocalLinkageOptions,
): Int32Array {
  const n = elapsed.length;
  const far = options.farDistance ?? 1;
  for (let i = 1; i < n; i++)
    if (elapsed[i]! < elapsed[i - 1]!)
      throw new RangeError(`timeLocalAverageLinkage: elapsed must ascend (index ${i})`);
  // Per live group, to each neighbouring group: the summed savings (far - d) of their compared pairs. The mean
  // distance of two groups is far - savings / (|A| |B|): pairs never compared save nothing, so one number per
  // neighbour is all average linkage needs.
  const savings: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n && elapsed[j]! - elapsed[i]! <= options.maxGapSeconds; j++) {
      const saved = far - distance(i, j);
      if (!(saved > (options.minSaving ?? 0))) continue;
      savings[i]!.set(j, saved);
      savings[j]!.set(i, saved);
    }
  }
  const size = new Float64Array(n).fill(1);
  const version = new Int32Array(n);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const mean = (a: number, b: number) => far - savings[a]!.get(b)! / (size[a]! * size[b]!);
  const heap = new MergeHeap();
  for (let a = 0; a < n; a++) {
    for (const b of savings[a]!.keys()) {
      if (b <= a) continue;
      const d = mean(a, b);
      if (d < options.cut) heap.push([d, a, b, 0, 0]);
    }
  }
  while (heap.size > 0) {
    const [, a, b, va, vb] = heap.pop();
    if (parent[a] !== a || parent[b] !== b || version[a] !== va || version[b] !== vb) continue;
    // The group with more neighbours absorbs the other, so each merge costs the smaller neighbourhood.
    const [keep, gone] = savings[a]!.size >= savings[b]!.size ? [a, b] : [b, a];
    parent[gone] = keep;
    const kept = savings[keep]!;
    kept.delete(gone);
    for (const [z, s] of savings[gone]!) {
      if (z === keep) continue;
      const other = savings[z]!;
      other.delete(gone);
      const total = (kept.get(z) ?? 0) + s;
      kept.set(z, total);
      other.set(keep, total);
    }
    savings[gone] = new Map();
    size[keep]! += size[gone]!;
    version[keep]!++;
    for (const z of kept.keys()) {
      const d = mean(keep, z);
      if (d < options.cut)
        heap.push(keep < z ? [d, keep, z, version[keep]!, version[z]!] : [d, z, keep, version[z]!, version[keep]!]);
    }
  }
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const out = new Int32Array(n);
  const smallest = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    if (!smallest.has(r)) smallest.set(r, i);
    out[i] = smallest.get(r)!;
  }
  return out;
}
