import type { TopicCard, TopicsSnapshot } from '../../contracts/socket-events';
import type { LatencySummary } from '../../models/embedding/LatencyWindow';
import { DEFAULT_TOPIC_TRACKER_OPTIONS, type TopicTracker } from '../../models/topics/tracking';
import type { ChannelTopicSettings } from './channelTopicTypes';
import type { CurrentFit } from './FitState';
import type { IntakeCounts } from './IngestQueue';
import type { MomentBoard } from './MomentBoard';
import { orderCards, trackedCard } from './trackedCards';
import type { WindowEntry } from './TopicWindow';

/** Everything a snapshot is made of; read, never changed. */
export interface SnapshotSources {
  channel: string;
  embedder: string;
  /** Stream clock of the newest message. */
  clock: number;
  settings: Pick<ChannelTopicSettings, 'windowMessages' | 'windowMinutes' | 'minMessages'>;
  /** The pipeline parameters of the next refit. */
  params: TopicsSnapshot['params'];
  window: readonly WindowEntry[];
  fit: CurrentFit | null;
  tracker: Pick<TopicTracker, 'topics'>;
  moments: Pick<MomentBoard, 'cards' | 'momentOfTopic'>;
  excluded: IntakeCounts;
  shed: TopicsSnapshot['shed'];
  lastRefit: TopicsSnapshot['lastRefit'];
  refits: number;
  latency: LatencySummary;
}

/**
 * The channel's topics as the dashboard receives them: cards of the tracked topics the current fit labels, sized by
 * the window's messages now, and the moments above them.
 * @example
 * events.snapshot(projectSnapshot({ channel, embedder: embedder.id, clock, settings, window: window.entries(), ... }));
 */
export function projectSnapshot(s: SnapshotSources): TopicsSnapshot {
  const topicSizes = new Map<number, number>();
  const momentSizes = new Map<number, number>();
  let noise = 0;
  for (const e of s.window) {
    if (e.topic !== null) topicSizes.set(e.topic, (topicSizes.get(e.topic) ?? 0) + 1);
    else if (e.fitted) noise++;
    if (e.moment !== null) momentSizes.set(e.moment, (momentSizes.get(e.moment) ?? 0) + 1);
  }
  const { latency } = s;
  return {
    channel: s.channel,
    status: s.fit ? 'ready' : 'warming-up',
    clock: s.clock,
    embedder: s.embedder,
    window: {
      messages: s.window.length,
      maxMessages: s.settings.windowMessages,
      maxSeconds: s.settings.windowMinutes * 60,
      minMessages: s.settings.minMessages,
    },
    noise,
    excluded: { ...s.excluded },
    shed: { ...s.shed },
    trendBinSeconds: DEFAULT_TOPIC_TRACKER_OPTIONS.trendBinSeconds,
    topics: topicCards(s, topicSizes),
    moments: s.fit ? s.moments.cards(momentSizes, topicSizes, s.clock) : [],
    lastRefit: s.lastRefit,
    params: s.params,
    refits: s.refits,
    assignment: {
      count: latency.samples,
      p50Ms: latency.samples ? latency.p50 : null,
      p95Ms: latency.samples ? latency.p95 : null,
    },
  };
}

/** @param sizes messages of the window per topic id */
function topicCards(s: SnapshotSources, sizes: ReadonlyMap<number, number>): TopicCard[] {
  const fit = s.fit;
  if (!fit) return [];
  const cards: TopicCard[] = [];
  for (const t of s.tracker.topics(s.clock)) {
    const label = fit.labels.get(t.id);
    if (!label) continue;
    cards.push({
      ...trackedCard(t, label, sizes.get(t.id) ?? 0, fit.representatives.get(t.id) ?? []),
      silhouette: fit.silhouette.get(t.id) ?? null,
      moment: s.moments.momentOfTopic(t.id),
    });
  }
  return orderCards(cards);
}
