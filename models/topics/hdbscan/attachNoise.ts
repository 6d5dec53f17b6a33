import { KdTree, type KdTreeData } from './KdTree';
import { kdSearchScratch, kNearest } from './kdSearch';

/**
 * What placing a left-out point needs, as plain arrays (posted from a worker with the rest of a fit): the points
 * HDBSCAN clustered, their labels, and how far from the nearest of them a point may lie and still join its topic.
 */
export interface NoiseAttachment {
  /** The clustered training points (k-d tree over them only). */
  readonly tree: KdTreeData;
  /** Label of each clustered point, by its row in the tree's input (`tree.index[pos]`). */
  readonly labels: Int32Array;
  /** Largest distance at which a point joins its nearest clustered point's topic (0: none joins). */
  readonly maxDistance: number;
}

/**
 * Median distance from a clustered point to its nearest other clustered point: the spacing of messages inside
 * topics, the unit in which "near a topic" is judged (it follows the layout's scale, whatever the embedder).
 */
function clusteredSpacing(tree: KdTree): number {
  if (tree.n < 2) return 0;
  const scratch = kdSearchScratch(tree, 1);
  const nearest = new Float64Array(tree.n);
  for (let pos = 0; pos < tree.n; pos++) {
    kNearest(tree, scratch, tree.coords, pos * tree.dims, 1, pos);
    nearest[pos] = Math.sqrt(scratch.heap[0]!);
  }
  nearest.sort();
  return nearest[tree.n >> 1]!;
}

/**
 * Gives each point HDBSCAN left out (label -1) the topic of its nearest clustered point when that point is at most
 * `ratio` times the typical spacing of clustered points away; the rest stay out. Why: HDBSCAN leaves out every
 * point that falls off a cluster before the cluster is selected, about a fifth of real chat, where a reader calls
 * only 6-11% of messages one-offs (the hand-grouped windows); a message that sits among a topic's messages is part of
 * it. Ratio 2 leaves about a tenth out on real chat (README, "Topics").
 *
 * @param points row-major n x dims points of the fit
 * @param labels the fit's labels (not changed)
 * @param ratio the largest distance as a multiple of the clustered points' median nearest-neighbour distance; 0 = off
 * @returns the new labels, which points were attached, and what placing later points the same way needs
 * @example
 * const { labels, attachment } = attachNoise(points, 11, fit.labels, 2);
 */
export function attachNoise(
  points: Float64Array,
  dims: number,
  labels: Int32Array,
  ratio: number,
): { labels: Int32Array; attached: Uint8Array; attachment: NoiseAttachment } {
  const n = labels.length;
  const clusteredRows: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i]! >= 0) clusteredRows.push(i);
  const sub = new Float64Array(clusteredRows.length * dims);
  clusteredRows.forEach((row, j) => sub.set(points.subarray(row * dims, row * dims + dims), j * dims));
  const tree = KdTree.build(sub, dims);
  const clusteredLabels = Int32Array.from(clusteredRows, (row) => labels[row]!);
  const maxDistance = ratio > 0 ? ratio * clusteredSpacing(tree) : 0;
  const attachment: NoiseAttachment = { tree: tree.toData(), labels: clusteredLabels, maxDistance };
  const out = Int32Array.from(labels);
  const attached = new Uint8Array(n);
  if (maxDistance > 0) {
    const noiseRows: number[] = [];
    for (let i = 0; i < n; i++) if (labels[i]! < 0) noiseRows.push(i);
    const placed = attachPoints(attachment, points, dims, noiseRows);
    noiseRows.forEach((row, j) => {
      if (placed[j]! >= 0) {
        out[row] = placed[j]!;
        attached[row] = 1;
      }
    });
  }
  return { labels: out, attached, attachment };
}

/**
 * The topic each given point joins under `attachment` (-1: none), by the same rule as `attachNoise`.
 *
 * @param rows the rows of `points` to place (all rows when omitted)
 */
export function attachPoints(
  attachment: NoiseAttachment,
  points: Float64Array,
  dims: number,
  rows?: readonly number[],
): Int32Array {
  const which = rows ?? Array.from({ length: points.length / dims }, (_, i) => i);
  const out = new Int32Array(which.length).fill(-1);
  if (attachment.maxDistance <= 0 || attachment.tree.n === 0) return out;
  const tree = KdTree.fromData(attachment.tree);
  const scratch = kdSearchScratch(tree, 1);
  const limitSq = attachment.maxDistance * attachment.maxDistance;
  which.forEach((row, j) => {
    if (kNearest(tree, scratch, points, row * dims, 1, -1) === 0) return;
    if (scratch.heap[0]! <= limitSq) out[j] = attachment.labels[tree.index[scratch.heapPos[0]!]!]!;
  });
  return out;
}
