import type { HierarchyMerge, TopicTerm } from '../../../contracts/analysis';
import { formatLabel } from '../labels';
import type { GroupTermModel } from '../pipeline';

/** Label terms of a merged node (formatLabel's default). */
const NODE_TERMS = 5;

export interface TopicHierarchyInput {
  /** Term counts of each topic 0..n-1 and the idf the labels were weighted with. */
  termModel: GroupTermModel;
  /** Messages of each topic. */
  sizes: readonly number[];
  /** Each topic's own label: a merged node whose counts leave no positive term takes its larger child's label. */
  labels: readonly string[];
}

/**
 * BERTopic's `hierarchical_topics`, ours: the topics merged two by two into a tree, by average linkage (UPGMA, each
 * topic counting once) on the cosine distance between their c-TF-IDF rows (tf = count / the topic's total count,
 * times the labels' idf). c-TF-IDF rather than centroids of the message vectors: it is what the labels show, so a
 * merge reads as "these words go together", and a windowed analysis (which keeps no vectors) gets the same tree.
 * Merges come in order of increasing distance (average linkage never inverts); merge k makes node n + k, whose label
 * re-weights the summed term counts of everything under it with the same idf (BERTopic re-weights the joined class
 * documents the same way).
 *
 * Cost: the n x n similarities over the topics' sparse rows, then n merges, each updating one row and rescanning only
 * the rows whose nearest cluster was merged: O(n^2) in practice (O(n^3) at worst), milliseconds for 400 topics.
 *
 * @returns n - 1 merges for n >= 2 topics, none for 0 or 1
 * @example
 * const merges = topicHierarchy({ termModel: clustering.termModel, sizes, labels });
 * merges[0]; // { id: n, left: 3, right: 7, distance: 0.12, size: 240, label: 'penalty (0.31)/arbitre (0.22)' }
 */
export function topicHierarchy(input: TopicHierarchyInput): HierarchyMerge[] {
  const { termModel, sizes, labels } = input;
  const n = sizes.length;
  if (termModel.counts.start.length - 1 !== n)
    throw new RangeError(`topicHierarchy: ${termModel.counts.start.length - 1} count rows for ${n} topics`);
  if (n < 2) return [];
  const dist = cosineDistances(termModel);
  // Active clusters live in slots 0..n-1 (a merge keeps the lower slot); `node` is the slot's node id.
  const node = Int32Array.from({ length: n }, (_, i) => i);
  const leaves = new Float64Array(n).fill(1);
  const messages = Float64Array.from(sizes);
  const nodeLabels = [...labels];
  const counts: (Map<number, number> | null)[] = Array.from({ length: n }, (_, t) => rowCounts(termModel, t));
  const active = new Uint8Array(n).fill(1);
  // Each active slot's nearest active slot: average linkage is reducible (a merged cluster is never nearer to a third
  // one than the nearer of its parts), so only rows that pointed at a merged slot need a full scan again.
  const nearest = new Int32Array(n);
  const nearestDist = new Float64Array(n);
  const rescan = (i: number) => {
    let best = Infinity;
    let at = -1;
    for (let j = 0; j < n; j++) if (j !== i && active[j] && dist[i * n + j]! < best) [best, at] = [dist[i * n + j]!, j];
    nearest[i] = at;
    nearestDist[i] = best;
  };
  for (let i = 0; i < n; i++) rescan(i);
  const merges: HierarchyMerge[] = [];
  let previous = 0;
  for (let k = 0; k < n - 1; k++) {
    let best = Infinity;
    let first = -1;
    for (let i = 0; i < n; i++) if (active[i] && nearestDist[i]! < best) [best, first] = [nearestDist[i]!, i];
    const bi = Math.min(first, nearest[first]!);
    const bj = Math.max(first, nearest[first]!);
    // Lance-Williams update for average linkage: the new cluster's distance to each other one.
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === bi || m === bj) continue;
      const d = (leaves[bi]! * dist[bi * n + m]! + leaves[bj]! * dist[bj * n + m]!) / (leaves[bi]! + leaves[bj]!);
      dist[bi * n + m] = d;
      dist[m * n + bi] = d;
    }
    active[bj] = 0;
    const merged = addCounts(counts[bi]!, counts[bj]!);
    counts[bj] = null;
    counts[bi] = merged;
    const terms = weightedTerms(merged, termModel);
    const larger = messages[bi]! >= messages[bj]! ? bi : bj;
    const label = terms.length > 0 ? formatLabel(terms) : nodeLabels[larger]!;
    // Average linkage cannot invert; the max only hides rounding in the last digit.
    previous = Math.max(previous, best);
    merges.push({
      id: n + k,
      left: node[bi]!,
      right: node[bj]!,
      distance: previous,
      size: messages[bi]! + messages[bj]!,
      label,
    });
    node[bi] = n + k;
    leaves[bi]! += leaves[bj]!;
    messages[bi]! += messages[bj]!;
    nodeLabels[bi] = label;
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === bi) continue;
      if (nearest[m] === bi || nearest[m] === bj) rescan(m);
      else if (dist[m * n + bi]! < nearestDist[m]!) [nearest[m], nearestDist[m]] = [bi, dist[m * n + bi]!];
    }
    rescan(bi);
  }
  return merges;
}

/** 1 - cosine similarity of the topics' c-TF-IDF rows (1 against a row with no weight), n x n. */
function cosineDistances(model: GroupTermModel): Float64Array {
  const { counts, idf } = model;
  const n = counts.start.length - 1;
  const weights = new Float64Array(counts.values.length);
  for (let t = 0; t < n; t++) {
    let total = 0;
    for (let e = counts.start[t]!; e < counts.start[t + 1]!; e++) total += counts.values[e]!;
    let norm = 0;
    for (let e = counts.start[t]!; e < counts.start[t + 1]!; e++) {
      weights[e] = total > 0 ? (counts.values[e]! / total) * idf[counts.ids[e]!]! : 0;
      norm += weights[e]! * weights[e]!;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let e = counts.start[t]!; e < counts.start[t + 1]!; e++) weights[e]! *= scale;
  }
  const dense = new Float64Array(idf.length);
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let e = counts.start[i]!; e < counts.start[i + 1]!; e++) dense[counts.ids[e]!] = weights[e]!;
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let e = counts.start[j]!; e < counts.start[j + 1]!; e++) dot += dense[counts.ids[e]!]! * weights[e]!;
      const d = Math.min(2, Math.max(0, 1 - dot));
      dist[i * n + j] = d;
      dist[j * n + i] = d;
    }
    for (let e = counts.start[i]!; e < counts.start[i + 1]!; e++) dense[counts.ids[e]!] = 0;
  }
  return dist;
}

function rowCounts(model: GroupTermModel, t: number): Map<number, number> {
  const row = new Map<number, number>();
  for (let e = model.counts.start[t]!; e < model.counts.start[t + 1]!; e++)
    row.set(model.counts.ids[e]!, model.counts.values[e]!);
  return row;
}

/** The union's counts, built in the larger map (the smaller one is merged into it and dropped). */
function addCounts(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const [into, from] = a.size >= b.size ? [a, b] : [b, a];
  for (const [id, c] of from) into.set(id, (into.get(id) ?? 0) + c);
  return into;
}

/**
 * The node's best terms: its count share times idf, positive ones only, best first (ties by term). A running top-5
 * rather than a sort: near the root a node holds most of the vocabulary.
 */
function weightedTerms(row: Map<number, number>, model: GroupTermModel): TopicTerm[] {
  let total = 0;
  for (const c of row.values()) total += c;
  const better = (x: TopicTerm, y: TopicTerm) => x.score > y.score || (x.score === y.score && x.term < y.term);
  const top: TopicTerm[] = [];
  for (const [id, c] of row) {
    const score = (c / total) * model.idf[id]!;
    if (!(score > 0)) continue;
    const term = { term: model.vocabulary[id]!, score };
    if (top.length === NODE_TERMS && !better(term, top[NODE_TERMS - 1]!)) continue;
    let at = Math.min(top.length, NODE_TERMS - 1);
    while (at > 0 && better(term, top[at - 1]!)) at--;
    top.splice(at, 0, term);
    if (top.length > NODE_TERMS) top.pop();
  }
  return top;
}
