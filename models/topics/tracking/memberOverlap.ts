import type { CandidatePair } from './matchPairs';

/** What the tracker remembers of a topic's membership at the last refit that had it. */
export interface RememberedMembers {
  /** Message id -> topic id: the live topics' messages, or the ended topics' (one stage each). */
  topicOfMessage: ReadonlyMap<string, number>;
  /** Topic id -> number of members at the last refit that had it; message ids of topics missing here are ignored. */
  memberCount: ReadonlyMap<number, number>;
}

export interface MemberOverlapRule {
  minSharedMembers: number;
  minMemberOverlap: number;
}

/**
 * Candidate (topic, cluster) links by shared members, in one pass over the new members (O(total members)).
 * A pair qualifies when it shares at least `minSharedMembers` messages and its overlap coefficient
 * shared / min(|topic|, |cluster|) reaches `minMemberOverlap`. Its weight is the number of shared messages, so
 * the best matching keeps as many messages under their topic as possible (a split's bigger part, a merge's bigger
 * contributor), plus a tie-breaker |topic| + |cluster| scaled so that all tie-breakers of a matching add up to
 * less than 1: it decides only between pairs sharing as many messages, for the bigger part of a split and the
 * bigger topic of a merge.
 *
 * @param clusters the new clusters still without a topic: index in the refit and members.
 * @param previous membership remembered from the previous refits.
 * @param rule eligibility thresholds.
 */
export function memberOverlapPairs(
  clusters: readonly { index: number; members: readonly string[] }[],
  previous: RememberedMembers,
  rule: MemberOverlapRule,
): CandidatePair[] {
  const eligible: { cluster: number; topicId: number; count: number; sizes: number }[] = [];
  for (const { index, members } of clusters) {
    const counts = new Map<number, number>();
    for (const id of members) {
      const topicId = previous.topicOfMessage.get(id);
      if (topicId !== undefined) counts.set(topicId, (counts.get(topicId) ?? 0) + 1);
    }
    for (const [topicId, count] of counts) {
      const topicSize = previous.memberCount.get(topicId);
      if (topicSize === undefined || count < rule.minSharedMembers) continue;
      if (count / Math.min(topicSize, members.length) < rule.minMemberOverlap) continue;
      eligible.push({ cluster: index, topicId, count, sizes: topicSize + members.length });
    }
  }
  let largest = 1;
  for (const pair of eligible) largest = Math.max(largest, pair.sizes);
  const tieScale = 1 / ((eligible.length + 1) * largest);
  return eligible.map(({ cluster, topicId, count, sizes }) => ({ topicId, cluster, weight: count + tieScale * sizes }));
}
