import { encodeLabels, type Label } from './encodeLabels';
import { MetricsInputError } from './errors';

/** Shannon entropy (natural log) of a labelling given its cluster sizes. */
function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalised mutual information of two labellings, MI / ((H(a) + H(b)) / 2): scikit-learn's
 * `normalized_mutual_info_score` with its default arithmetic mean. Labels are compared by identity (so -1, noise,
 * is one more cluster, as in scikit-learn); numbers and strings may be mixed. 1 for the same partition under any
 * renaming, 0 for independent ones. Edge cases as scikit-learn: 1 when both put everything in one cluster (or
 * both are empty), 0 when only one of them does (MI = 0). Rounding above 1 is clipped.
 *
 * @throws MetricsInputError (LENGTH_MISMATCH) when the two labellings differ in length
 * @example
 * normalizedMutualInformation([0, 0, 1, 1], ['b', 'b', 'a', 'a']); // 1
 */
export function normalizedMutualInformation(a: ArrayLike<Label>, b: ArrayLike<Label>): number {
  if (a.length !== b.length)
    throw new MetricsInputError('LENGTH_MISMATCH', `labellings differ in length: a has ${a.length}, b has ${b.length}`);
  const n = a.length;
  const ea = encodeLabels(a);
  const eb = encodeLabels(b);
  const ka = ea.counts.length;
  const kb = eb.counts.length;
  if (ka === kb && ka <= 1) return 1;
  const joint = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = ea.ids[i]! * kb + eb.ids[i]!;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let mi = 0;
  for (const [key, nij] of joint) {
    const ni = ea.counts[Math.floor(key / kb)]!;
    const nj = eb.counts[key % kb]!;
    // One ratio of integer products (exact below 2^53): independent cells give log(1) = 0 exactly.
    mi += (nij / n) * Math.log((nij * n) / (ni * nj));
  }
  if (!(mi > 0)) return 0;
  const normalizer = (entropy(ea.counts, n) + entropy(eb.counts, n)) / 2;
  return Math.min(1, mi / normalizer);
}
