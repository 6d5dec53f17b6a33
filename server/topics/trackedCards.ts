import type { TopicTerm } from '../../contracts/analysis';
import type { TrackedCard } from '../../contracts/socket-events';
export { orderCards } from '../../contracts/cardOrder';
import type { RefitCluster, TrackedTopicWithTrend } from '../../models/topics/tracking';
import type { WindowEntry } from './TopicWindow';

/**
 * The part of a card a tracked topic or moment shares: identity and state from the tracker, label and typical
 * messages from the last refit, and its size in the window (0 once ended). A topic none of whose messages is in the
 * window any more (they left it, or were deleted) is shown ended: no live card reads 0 messages, and the next refit
 * would not find it either (it revives if it comes back).
 */
export function trackedCard(
  t: TrackedTopicWithTrend,
  label: Pick<TrackedCard, 'label' | 'terms'>,
  size: number,
  representatives: readonly WindowEntry[],
): TrackedCard {
  const ended = t.state === 'ended' || size <= 0;
  return {
    id: t.id,
    colour: t.colour,
    state: ended ? 'ended' : t.state,
    label: label.label,
    terms: label.terms,
    size: ended ? 0 : size,
    trend: t.trend,
    representatives: representatives.map((e) => ({ id: e.id, text: e.text, user: e.user, elapsed: e.elapsed })),
    bornAt: t.bornAt,
    lastSeenAt: t.lastSeenAt,
  };
}

/**
 * The clusters of a refit as a tracker takes them: the ids and times of each group's messages, with its terms.
 * @param labels group of each entry (-1: none), aligned with `entries`
 */
export function refitClusters(
  entries: readonly WindowEntry[],
  labels: Int32Array,
  terms: readonly (readonly TopicTerm[])[],
  nGroups: number,
): RefitCluster[] {
  const members: string[][] = Array.from({ length: nGroups }, () => []);
  const memberTimes: number[][] = Array.from({ length: nGroups }, () => []);
  labels.forEach((g, i) => {
    if (g < 0) return;
    members[g]!.push(entries[i]!.id);
    memberTimes[g]!.push(entries[i]!.elapsed);
  });
  return members.map((ids, g) => ({ members: ids, memberTimes: memberTimes[g]!, terms: terms[g] ?? [] }));
}
