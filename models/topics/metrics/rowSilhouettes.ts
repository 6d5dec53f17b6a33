import { MetricsInputError } from './errors';
import { silhouetteOf } from './silhouette';
import { sampleWithoutReplacement, SplitMix32 } from '../../random';

/**
 * Exact silhouettes (as `silhouetteSamples` computes them) of the given rows only, each against every non-noise
 * point: O(rows x n x dims) time and one accumulator per cluster of memory. `silhouetteSamples` computes every pair
 * once for both of its points but keeps an n x clusters matrix of sums: 1.3 GB for 50k messages in 3,300 topics.
 * This costs twice as much per row and nothing per cluster, so a long stream's estimate stays linear in memory.
 *
 * @param points row-major n x dims
 * @param labels cluster of each row, -1 for noise, else 0..nClusters-1
 * @param rows the rows to compute (noise rows are skipped)
 * @returns a value for each listed non-noise row, NaN elsewhere (and everywhere with fewer than two clusters)
 * @example
 * rowSilhouettes(Float64Array.of(0, 1, 4, 6), 1, Int32Array.of(0, 0, 1, 1), 2, [0]); // [0.8, NaN, NaN, NaN]
 */
export function rowSilhouettes(
  points: Float64Array,
  dims: number,
  labels: Int32Array,
  nClusters: number,
  rows: ArrayLike<number>,
): Float64Array {
  const n = labels.length;
  if (points.length !== n * dims)
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `points.length (${points.length}) must be labels.length (${n}) x dims (${dims})`,
    );
  const out = new Float64Array(n).fill(NaN);
  const size = new Int32Array(nClusters);
  for (const l of labels) if (l >= 0) size[l]!++;
  let clusters = 0;
  for (const s of size) if (s > 0) clusters++;
  if (clusters < 2) return out;
  // The non-noise points, packed, so the inner loop reads memory in order.
  const members = Int32Array.from(labels.reduce<number[]>((acc, l, i) => (l >= 0 ? (acc.push(i), acc) : acc), []));
  const x = new Float64Array(members.length * dims);
  const clusterOf = new Int32Array(members.length);
  members.forEach((r, i) => {
    x.set(points.subarray(r * dims, r * dims + dims), i * dims);
    clusterOf[i] = labels[r]!;
  });
  const sums = new Float64Array(nClusters);
  for (let q = 0; q < rows.length; q++) {
    const r = rows[q]!;
    const own = labels[r]!;
    if (own < 0) continue;
    if (size[own] === 1) {
      out[r] = 0;
      continue;
    }
    sums.fill(0);
    const ro = r * dims;
    if (dims === 11) {
      // The pipeline's points (10 UMAP dimensions and the time column), unrolled: 2.5x faster than the loop below.
      const p0 = points[ro]!,
        p1 = points[ro + 1]!,
        p2 = points[ro + 2]!,
        p3 = points[ro + 3]!;
      const p4 = points[ro + 4]!,
        p5 = points[ro + 5]!,
        p6 = points[ro + 6]!,
        p7 = points[ro + 7]!;
      const p8 = points[ro + 8]!,
        p9 = points[ro + 9]!,
        p10 = points[ro + 10]!;
      for (let j = 0, jo = 0; j < members.length; j++, jo += 11) {
        const d0 = p0 - x[jo]!,
          d1 = p1 - x[jo + 1]!,
          d2 = p2 - x[jo + 2]!,
          d3 = p3 - x[jo + 3]!;
        const d4 = p4 - x[jo + 4]!,
          d5 = p5 - x[jo + 5]!,
          d6 = p6 - x[jo + 6]!,
          d7 = p7 - x[jo + 7]!;
        const d8 = p8 - x[jo + 8]!,
          d9 = p9 - x[jo + 9]!,
          d10 = p10 - x[jo + 10]!;
        const s =
          d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7 + d8 * d8 + d9 * d9 + d10 * d10;
        sums[clusterOf[j]!]! += Math.sqrt(s);
      }
    } else
      for (let j = 0; j < members.length; j++) {
        const jo = j * dims;
        let s = 0;
        for (let t = 0; t < dims; t++) {
          const diff = points[ro + t]! - x[jo + t]!;
          s += diff * diff;
        }
        sums[clusterOf[j]!]! += Math.sqrt(s);
      }
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let k = 0; k < nClusters; k++) if (k !== own && size[k]! > 0) b = Math.min(b, sums[k]! / size[k]!);
    out[r] = silhouetteOf(a, b);
  }
  return out;
}

/**
 * Silhouettes estimated from a few members of each topic: up to `perTopic` seeded random members of every topic give
 * each topic's mean and, weighted by the topics' sizes, the overall mean. At most `maxRows` rows are computed in all,
 * drawn in rounds (one member of each topic, largest topics first, then a second...), so the cost stays
 * maxRows x n however many topics a long stream has; a topic left without a row has no value (NaN). The `extra`
 * rows (messages a report shows) get their exact values too but do not enter the means, which stay unbiased.
 *
 * @param perTopic sampled members per topic (>= 1)
 * @param maxRows rows computed at most, `extra` left aside (default: no limit)
 * @param extra rows whose own value is wanted (e.g. each topic's representative messages); default none
 * @example
 * const { samples, perCluster, overall } = estimateSilhouettes(points, 11, labels, nTopics, { perTopic: 4, maxRows: 1500, seed: 42 });
 */
export function estimateSilhouettes(
  points: Float64Array,
  dims: number,
  labels: Int32Array,
  nClusters: number,
  options: { perTopic: number; maxRows?: number; extra?: ArrayLike<number>; seed: number },
): { samples: Float64Array; perCluster: Float64Array; overall: number } {
  if (!(Number.isInteger(options.perTopic) && options.perTopic >= 1))
    throw new MetricsInputError('INVALID_OPTION', `perTopic must be an integer >= 1, got ${options.perTopic}`);
  const membersOf: number[][] = Array.from({ length: nClusters }, () => []);
  labels.forEach((l, i) => {
    if (l >= 0) membersOf[l]!.push(i);
  });
  const random = SplitMix32.fromSeed(options.seed);
  const drawn = membersOf.map((m) => sampleWithoutReplacement(m, options.perTopic, random));
  const bySize = membersOf.map((_, k) => k).sort((a, b) => membersOf[b]!.length - membersOf[a]!.length || a - b);
  const sampled: number[][] = membersOf.map(() => []);
  let budget = options.maxRows ?? Infinity;
  for (let round = 0; round < options.perTopic && budget > 0; round++)
    for (const k of bySize) {
      if (budget <= 0) break;
      const row = drawn[k]![round];
      if (row === undefined) continue;
      sampled[k]!.push(row);
      budget--;
    }
  const rows = new Set<number>();
  for (const s of sampled) for (const r of s) rows.add(r);
  const extra = options.extra ?? [];
  for (let i = 0; i < extra.length; i++) rows.add(extra[i]!);
  const samples = rowSilhouettes(points, dims, labels, nClusters, Int32Array.from(rows));
  const perCluster = Float64Array.from(sampled, (s) => {
    if (s.length === 0) return NaN;
    let sum = 0;
    for (const r of s) sum += samples[r]!;
    return sum / s.length;
  });
  let total = 0;
  let weight = 0;
  perCluster.forEach((v, k) => {
    if (Number.isNaN(v)) return;
    total += v * membersOf[k]!.length;
    weight += membersOf[k]!.length;
  });
  return { samples, perCluster, overall: weight > 0 ? total / weight : NaN };
}
