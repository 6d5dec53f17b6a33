import { TopicTrackerError } from './errors';

/**
 * Settings of a TopicTracker. Every field is optional; the defaults suit a 10-minute window refitted every 30 s.
 */
export interface TopicTrackerOptions {
  /**
   * Least number of shared members for a cluster to inherit a topic's id by membership (default 3, a majority
   * of a cluster of min_cluster_size 5): one or two shared messages are too weak a link.
   */
  minSharedMembers?: number;
  /**
   * Least overlap coefficient |topic ∩ cluster| / min(|topic|, |cluster|) for a cluster to inherit a topic's id
   * by membership (default 0.25). The coefficient is 1 when one is a subset of the other, so a topic whose older
   * messages left the window, or that absorbed many new ones, still qualifies.
   */
  minMemberOverlap?: number;
  /**
   * Least cosine similarity of the label term-score vectors for a cluster that inherited no id by membership to
   * take the id of an unmatched topic (default 0.4): a topic whose members mostly left the window, or an ended
   * topic that comes back ("gg" after each win). Labels of one topic at two refits of a small cluster can lose
   * their top term (cosine about 0.45); labels of distinct topics that share a secondary term stay below 0.2.
   */
  minLabelSimilarity?: number;
  /**
   * Seconds an unmatched topic stays visible as `ended` (and can revive with its id) before it is forgotten
   * (default 180).
   */
  forgetEndedAfterSeconds?: number;
  /** A topic is `born` at the refit that created it and while younger than this many seconds (default 60). */
  bornSeconds?: number;
  /** Number of palette colours (default 12). */
  paletteSize?: number;
  /** Width of a trend bin in seconds (default 60). Bins are aligned on multiples of it from clock 0. */
  trendBinSeconds?: number;
  /** Number of trend bins returned by `topics()` (default 10), the last one being the current, partial bin. */
  trendBins?: number;
  /** How many of the last trend bins (the current one included) are "recent" for growing/fading (default 2). */
  recentBins?: number;
  /** `growing` when the recent message rate is at least this multiple of the earlier rate (default 1.5). */
  growingRatio?: number;
  /** `fading` when the recent message rate is at most this multiple of the earlier rate (default 0.66). */
  fadingRatio?: number;
  /** Fewer messages than this in the trend and the topic is `steady` (default 6): small counts are noise. */
  minTrendMessages?: number;
}

export type ResolvedTopicTrackerOptions = Required<TopicTrackerOptions>;

export const DEFAULT_TOPIC_TRACKER_OPTIONS: Readonly<ResolvedTopicTrackerOptions> = Object.freeze({
  minSharedMembers: 3,
  minMemberOverlap: 0.25,
  minLabelSimilarity: 0.4,
  forgetEndedAfterSeconds: 180,
  bornSeconds: 60,
  paletteSize: 12,
  trendBinSeconds: 60,
  trendBins: 10,
  recentBins: 2,
  growingRatio: 1.5,
  fadingRatio: 0.66,
  minTrendMessages: 6,
});

type Check = (x: number) => boolean;
const positiveInt: Check = (x) => Number.isInteger(x) && x >= 1;
const nonNegative: Check = (x) => Number.isFinite(x) && x >= 0;
const positive: Check = (x) => Number.isFinite(x) && x > 0;
const fraction: Check = (x) => Number.isFinite(x) && x > 0 && x <= 1;

const RULES: Record<keyof TopicTrackerOptions, [Check, string]> = {
  minSharedMembers: [positiveInt, 'an integer >= 1'],
  minMemberOverlap: [fraction, 'a number in (0, 1]'],
  minLabelSimilarity: [fraction, 'a number in (0, 1]'],
  forgetEndedAfterSeconds: [nonNegative, 'a finite number >= 0'],
  bornSeconds: [nonNegative, 'a finite number >= 0'],
  paletteSize: [positiveInt, 'an integer >= 1'],
  trendBinSeconds: [positive, 'a finite number > 0'],
  trendBins: [(x) => Number.isInteger(x) && x >= 2, 'an integer >= 2'],
  recentBins: [positiveInt, 'an integer >= 1'],
  growingRatio: [(x) => Number.isFinite(x) && x > 1, 'a finite number > 1'],
  fadingRatio: [(x) => Number.isFinite(x) && x > 0 && x < 1, 'a number in (0, 1)'],
  minTrendMessages: [(x) => Number.isInteger(x) && x >= 0, 'an integer >= 0'],
};

/**
 * Fills in the defaults and checks every option.
 *
 * @param options partial options; `undefined` fields take their default.
 * @throws TopicTrackerError `INVALID_OPTION`, naming the option, when a value is out of range or `recentBins` is
 *   not smaller than `trendBins`.
 */
export function resolveTopicTrackerOptions(options: TopicTrackerOptions = {}): ResolvedTopicTrackerOptions {
  const resolved: ResolvedTopicTrackerOptions = { ...DEFAULT_TOPIC_TRACKER_OPTIONS };
  for (const key of Object.keys(RULES) as (keyof TopicTrackerOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const [ok, expected] = RULES[key];
    if (typeof value !== 'number' || !ok(value)) {
      throw new TopicTrackerError(
        'INVALID_OPTION',
        `TopicTracker option ${key} must be ${expected}, got ${String(value)}`,
      );
    }
    resolved[key] = value;
  }
  if (resolved.recentBins >= resolved.trendBins) {
    throw new TopicTrackerError(
      'INVALID_OPTION',
      `TopicTracker option recentBins (${resolved.recentBins}) must be smaller than trendBins (${resolved.trendBins})`,
    );
  }
  return resolved;
}
