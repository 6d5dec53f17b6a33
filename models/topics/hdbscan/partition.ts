/**
 * Compares two labelings (-1 = noise) as partitions: true when a one-to-one renaming of clusters maps one onto
 * the other, with noise mapped to noise. Indices in `ignore` are left out of the comparison.
 */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>, ignore: Iterable<number> = []): boolean {
  if (a.length !== b.length) return false;
  const skip = new Set(ignore);
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if (skip.has(i)) continue;
    const x = a[i]!;
    const y = b[i]!;
    if ((x === -1) !== (y === -1)) return false;
    if (x === -1) continue;
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/** Adjusted Rand index of two labelings, noise (-1) treated as one more label. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const joint = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    joint.set(`${x},${y}`, (joint.get(`${x},${y}`) ?? 0) + 1);
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const v of joint.values()) index += pairs(v);
  let sa = 0;
  for (const v of ca.values()) sa += pairs(v);
  let sb = 0;
  for (const v of cb.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/**
 * For each cluster of `a`, the cluster of `b` it maps to (one-to-one matching by majority overlap is enough when
 * the partitions agree); used to compare per-point values where labels agree.
 */
export function labelsAgree(a: ArrayLike<number>, b: ArrayLike<number>, ignore: Iterable<number> = []): boolean[] {
  const skip = new Set(ignore);
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < a.length; i++) {
    if (skip.has(i)) continue;
    const m = counts.get(a[i]!) ?? new Map<number, number>();
    m.set(b[i]!, (m.get(b[i]!) ?? 0) + 1);
    counts.set(a[i]!, m);
  }
  const map = new Map<number, number>();
  for (const [x, m] of counts) {
    let best = -2;
    let bestCount = -1;
    for (const [y, c] of m) if (c > bestCount) [best, bestCount] = [y, c];
    map.set(x, best);
  }
  return Array.from({ length: a.length }, (_, i) => !skip.has(i) && map.get(a[i]!) === b[i]!);
}
