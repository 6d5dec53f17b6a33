import type { TopicTerm } from '../../../contracts/analysis';
/**
 * The life stage of a topic, as the dashboard shows it.
 * - `born`: created at the latest refit, or younger than `bornSeconds`;
 * - `growing` / `fading` / `steady`: from its trend (recent bins against earlier ones);
 * - `ended`: not found at the latest refit; shown for a while, then forgotten.
 */
export type TopicState = 'born' | 'growing' | 'steady' | 'fading' | 'ended';

/** One label term of a topic with its c-TF-IDF score (the analysis document's definition). */
export type { TopicTerm } from '../../../contracts/analysis';

/** One cluster of a refit, as the clustering produced it. */
export interface RefitCluster {
  /** Ids of the messages HDBSCAN put in this cluster at this refit. */
  members: readonly string[];
  /** Label terms (c-TF-IDF), best first. */
  terms: readonly TopicTerm[];
  /**
   * Optional: stream clock (elapsed seconds) of each member, same order as `members`. With it the trend of the
   * topic is recounted exactly from its members at each refit; without it, members new to the topic are counted
   * at the refit's clock (see TopicTracker.refit).
   */
  memberTimes?: readonly number[];
}

/** A topic with an identity that survives refits. */
export interface TrackedTopic {
  /** Stable, never reused within a tracker (1, 2, 3, …). */
  id: number;
  /** Palette index, stable while the topic lives; reused only after the topic ended (see palette.ts). */
  colour: number;
  state: TopicState;
  /** Stream clock (elapsed seconds) of the refit that created it. */
  bornAt: number;
  /** Clock of the last refit or assignment that had it. */
  lastSeenAt: number;
  /** Members at the last refit that had it, plus messages assigned since. */
  size: number;
}

/** A topic with its trend: message counts per bin over the last bins, oldest first (the last bin is the current one). */
export type TrackedTopicWithTrend = TrackedTopic & { trend: number[] };
