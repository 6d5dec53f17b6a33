import type { TopicCard, TopicsSnapshot } from '../../../contracts/socket-events';
import { topicKind } from './topicKinds';

/**
 * Trend bins that make "now": the current, partial bin and the ones before it. With the server's 60 s bins that is
 * the last 2 to 3 minutes of chat (the current minute counts for the part of it that has passed).
 */
export const NOW_RECENT_BINS = 3;
/** A topic with fewer messages than this in the recent bins is not shown in the Now panel. */
export const NOW_MIN_RECENT = 2;
/** Entries the Now panel shows by default (greeting group included; emote chips apart). */
export const NOW_DEFAULT_COUNT = 6;
/** Emote chips shown at most. */
export const NOW_MAX_CHIPS = 8;
/** Recent pace at least this multiple of the earlier pace: rising (the tracker's own threshold). */
export const NOW_RISING_RATIO = 1.5;
/** Recent pace at most this multiple of the earlier pace: fading. */
export const NOW_FADING_RATIO = 0.66;

export type NowMark = 'rising' | 'steady' | 'fading';

/** How a trend reads now: messages of the recent bins, and how that compares with the topic's earlier pace. */
export interface RecentActivity {
  /** Messages in the last `NOW_RECENT_BINS` bins. */
  recent: number;
  /** Messages the earlier pace would have given over the same time (0 for a topic with no earlier messages). */
  expected: number;
  /** `recent + max(0, recent - expected)`: recent messages, counted twice for the part above the usual pace. */
  score: number;
  mark: NowMark;
}

/** One line of the Now panel: a subject topic, or every greeting topic as one group. */
export type NowEntry =
  | ({ kind: 'topic'; key: string; topic: TopicCard } & RecentActivity)
  | ({ kind: 'greetings'; key: 'greetings'; topics: { topic: TopicCard; recent: number }[] } & RecentActivity);

/** An emote or laughter wave, shown as a compact chip. */
export type NowChip = { key: string; topic: TopicCard } & RecentActivity;

export interface NowView {
  entries: NowEntry[];
  chips: NowChip[];
}

/**
 * Reads a trend (messages per bin, oldest first, the last bin holding `clock`): messages in the recent bins, against
 * the pace of the earlier bins from the first one with messages (bins before a topic existed would make every young
 * topic look like it grows).
 *
 * @param trend messages per bin, oldest first.
 * @param clock stream clock the trend was taken at (seconds).
 * @param binSeconds width of a bin in seconds.
 * @example recentActivity([0, 0, 0, 0, 0, 0, 0, 2, 6, 9], 599, 60) // { recent: 17, mark: 'rising', ... }
 */
export function recentActivity(trend: readonly number[], clock: number, binSeconds: number): RecentActivity {
  const bins = trend.length;
  const recentFrom = Math.max(0, bins - NOW_RECENT_BINS);
  let recent = 0;
  for (let i = recentFrom; i < bins; i++) recent += trend[i]!;
  const firstEarlier = trend.findIndex((count) => count > 0);
  let earlier = 0;
  for (let i = Math.max(0, firstEarlier); i < recentFrom; i++) earlier += trend[i]!;
  const earlierBins = firstEarlier >= 0 && firstEarlier < recentFrom ? recentFrom - firstEarlier : 0;
  const partial = binSeconds > 0 ? clock / binSeconds - Math.floor(clock / binSeconds) : 1;
  // The current bin has only run for part of its width: compare paces, not raw counts.
  const recentDuration = Math.min(NOW_RECENT_BINS, bins) - 1 + (partial > 0 ? partial : 1);
  const pace = earlierBins > 0 ? earlier / earlierBins : 0;
  const expected = pace * recentDuration;
  let mark: NowMark = 'steady';
  if (pace === 0) mark = recent >= NOW_MIN_RECENT ? 'rising' : 'steady';
  else if (recent >= NOW_RISING_RATIO * expected && recent >= NOW_MIN_RECENT) mark = 'rising';
  else if (recent <= NOW_FADING_RATIO * expected) mark = 'fading';
  return { recent, expected, score: recent + Math.max(0, recent - expected), mark };
}

/** Sums trends bin by bin, aligned on their last (current) bin. */
function sumTrends(trends: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...trends.map((t) => t.length));
  const sum = new Array<number>(length).fill(0);
  for (const trend of trends) {
    const offset = length - trend.length;
    trend.forEach((v, i) => (sum[offset + i]! += v));
  }
  return sum;
}

const byScore = (a: RecentActivity & { key: string }, b: RecentActivity & { key: string }) =>
  b.score - a.score || b.recent - a.recent || a.key.localeCompare(b.key);

/**
 * The Now panel: the topics that matter in the last few minutes, ranked by recent activity and growth, not by their
 * size in the whole window. Ranking rule: a topic's score is its messages in the last `NOW_RECENT_BINS` trend bins
 * (2-3 minutes with 60 s bins), plus the part of them above its earlier pace (so a rising topic counts up to twice,
 * a brand-new one exactly twice, a fading one once); ties go to more recent messages. Ended topics and topics with
 * fewer than `NOW_MIN_RECENT` recent messages are left out. Greeting topics (salut, bonjour, peepoHey, …) become one
 * "greetings" entry whose trend is the sum of theirs; emote and laughter waves become chips, apart from the entries.
 *
 * @param snapshot the channel's latest topics (`topics:update`): cards, their trends, the bin width and the clock.
 * @param count entries to return at most (the greeting group counts as one).
 * @example
 * const { entries, chips } = rankNow(snapshot, 6);
 * entries[0].kind === 'topic' && entries[0].mark; // 'rising'
 */
export function rankNow(
  snapshot: Pick<TopicsSnapshot, 'topics' | 'clock' | 'trendBinSeconds'>,
  count = NOW_DEFAULT_COUNT,
): NowView {
  const { clock, trendBinSeconds: bin } = snapshot;
  const entries: NowEntry[] = [];
  const chips: NowChip[] = [];
  const greetings: { topic: TopicCard; recent: number }[] = [];
  for (const topic of snapshot.topics) {
    if (topic.state === 'ended') continue;
    const activity = recentActivity(topic.trend, clock, bin);
    const kind = topicKind(topic.terms);
    if (kind === 'greeting') {
      if (activity.recent > 0) greetings.push({ topic, recent: activity.recent });
      continue;
    }
    if (activity.recent < NOW_MIN_RECENT) continue;
    const key = `topic-${topic.id}`;
    if (kind === 'emote') chips.push({ key, topic, ...activity });
    else entries.push({ kind: 'topic', key, topic, ...activity });
  }
  if (greetings.length > 0) {
    const activity = recentActivity(sumTrends(greetings.map((g) => g.topic.trend)), clock, bin);
    if (activity.recent >= NOW_MIN_RECENT) {
      greetings.sort((a, b) => b.recent - a.recent || a.topic.id - b.topic.id);
      entries.push({ kind: 'greetings', key: 'greetings', topics: greetings, ...activity });
    }
  }
  entries.sort(byScore);
  chips.sort(byScore);
  return { entries: entries.slice(0, Math.max(0, count)), chips: chips.slice(0, NOW_MAX_CHIPS) };
}
