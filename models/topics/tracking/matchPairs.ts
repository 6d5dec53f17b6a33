import { maxWeightAssignment } from './maxWeightAssignment';

/** A candidate link between an existing topic and a cluster of the new refit. */
export interface CandidatePair {
  topicId: number;
  cluster: number;
  weight: number;
}

/**
 * Maximum-weight one-to-one matching of topics to clusters over a sparse list of candidate pairs.
 * Candidates fall into small connected groups (a topic and its continuation; a split or a merge), so the
 * Hungarian algorithm runs on each group alone: the cost is tiny even with hundreds of topics.
 * Ties are broken the same way for the same input: groups and their rows and columns are ordered by topic id
 * and cluster index.
 *
 * @param pairs candidates with weight > 0; at most one per (topicId, cluster).
 * @returns the topic id matched to each matched cluster.
 * @example
 * // topic 1 split into clusters 0 (60 shared members) and 1 (40): the bigger part keeps the id.
 * matchPairs([{ topicId: 1, cluster: 0, weight: 60 }, { topicId: 1, cluster: 1, weight: 40 }]); // Map { 0 => 1 }
 */
export function matchPairs(pairs: readonly CandidatePair[]): Map<number, number> {
  const byTopic = new Map<number, CandidatePair[]>();
  const byCluster = new Map<number, CandidatePair[]>();
  for (const pair of pairs) {
    if (!(pair.weight > 0)) continue;
    pushTo(byTopic, pair.topicId, pair);
    pushTo(byCluster, pair.cluster, pair);
  }
  const matched = new Map<number, number>();
  const seenTopics = new Set<number>();
  for (const start of [...byTopic.keys()].sort((a, b) => a - b)) {
    if (seenTopics.has(start)) continue;
    const group = connectedGroup(start, byTopic, byCluster, seenTopics);
    solveGroup(group, matched);
  }
  return matched;
}

function pushTo(map: Map<number, CandidatePair[]>, key: number, pair: CandidatePair): void {
  const list = map.get(key);
  if (list) list.push(pair);
  else map.set(key, [pair]);
}

interface Group {
  topics: number[];
  clusters: number[];
  pairs: CandidatePair[];
}

function connectedGroup(
  start: number,
  byTopic: Map<number, CandidatePair[]>,
  byCluster: Map<number, CandidatePair[]>,
  seenTopics: Set<number>,
): Group {
  const group: Group = { topics: [], clusters: [], pairs: [] };
  const seenClusters = new Set<number>();
  const queue = [start];
  seenTopics.add(start);
  while (queue.length > 0) {
    const topicId = queue.pop()!;
    group.topics.push(topicId);
    for (const pair of byTopic.get(topicId) ?? []) {
      group.pairs.push(pair);
      if (seenClusters.has(pair.cluster)) continue;
      seenClusters.add(pair.cluster);
      group.clusters.push(pair.cluster);
      for (const other of byCluster.get(pair.cluster) ?? []) {
        if (seenTopics.has(other.topicId)) continue;
        seenTopics.add(other.topicId);
        queue.push(other.topicId);
      }
    }
  }
  group.topics.sort((a, b) => a - b);
  group.clusters.sort((a, b) => a - b);
  return group;
}

function solveGroup(group: Group, matched: Map<number, number>): void {
  const rows = group.topics.length;
  const cols = group.clusters.length;
  if (group.pairs.length === 1) {
    const only = group.pairs[0]!;
    matched.set(only.cluster, only.topicId);
    return;
  }
  const rowOf = new Map(group.topics.map((id, i) => [id, i]));
  const colOf = new Map(group.clusters.map((c, j) => [c, j]));
  const weights = new Float64Array(rows * cols);
  for (const pair of group.pairs) weights[rowOf.get(pair.topicId)! * cols + colOf.get(pair.cluster)!] = pair.weight;
  const assignment = maxWeightAssignment(weights, rows, cols);
  for (let i = 0; i < rows; i++) {
    const j = assignment[i]!;
    if (j >= 0) matched.set(group.clusters[j]!, group.topics[i]!);
  }
}
