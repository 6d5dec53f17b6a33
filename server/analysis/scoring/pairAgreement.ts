/**
 * Pair counting shared by the two real-chat scorers. Both mirror the Python scorers shipped with the reference data
 * (`score_topics.py`, `score_windows.py`) operation for operation, so our figures and theirs are the same numbers.
 */

const pairs = (k: number): number => (k * (k - 1)) / 2;

function counts<T>(xs: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Sum of C(k, 2) over the group sizes of the labels (nulls never pair). */
export function samePairs(labels: readonly (string | number | null)[]): number {
  let s = 0;
  for (const [label, k] of counts(labels)) if (label !== null) s += pairs(k);
  return s;
}

/**
 * Adjusted Rand index as the scorers compute it: 1 when the expected and maximum indices coincide (a degenerate
 * partition), which scikit-learn's `adjusted_rand_score` also returns for identical trivial partitions.
 */
export function pairAri(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const n = a.length;
  const joint = counts(a.map((x, i) => `${typeof x}:${x}\u0000${typeof b[i]}:${b[i]}`));
  let s = 0;
  for (const k of joint.values()) s += pairs(k);
  let sa = 0;
  for (const k of counts(a).values()) sa += pairs(k);
  let sb = 0;
  for (const k of counts(b).values()) sb += pairs(k);
  const expected = n > 1 ? (sa * sb) / pairs(n) : 0;
  const max = (sa + sb) / 2;
  return max !== expected ? (s - expected) / (max - expected) : 1;
}

/** Pair precision, recall and F1 from pair counts (the scorers' conventions for empty groupings). */
export function pairF1(
  both: number,
  truthPairs: number,
  gotPairs: number,
): { precision: number; recall: number; f1: number } {
  const recall = truthPairs ? both / truthPairs : 1;
  const precision = gotPairs ? both / gotPairs : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Python's round(x, 3) on the values these scorers print (ties are rare enough that half-even does not matter). */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
