'use client';

import { useMemo, useState } from 'react';
import { orderTopicCards } from '../lib/topicFormat';
import type { ChannelTopics } from '../lib/useChannelTopics';
import { TopicCard } from './TopicCard';
import { TopicStatus } from './TopicStatus';

/** Cards shown before "show all" (two rows on a wide screen): a busy window can hold dozens of small topics. */
export const TOPIC_CARDS_SHOWN = 8;

/**
 * A channel's live topics (channel, demo and replay pages): a status line, then one card per topic, largest first,
 * ended ones dimmed at the end. Updated live from `topics:update`.
 *
 * @param topics the channel's topics (`useChannelTopics`, called by the page so the feed can colour its lines too).
 * @param minMessages messages the server needs before the first refit, when known (shown while warming up).
 */
export function TopicPanel({ topics, minMessages = null }: { topics: ChannelTopics; minMessages?: number | null }) {
  const { snapshot, enabled, sinceRefit } = topics;
  const [showAll, setShowAll] = useState(false);
  const cards = useMemo(() => orderTopicCards(snapshot?.topics ?? []), [snapshot]);
  const shown = showAll ? cards : cards.slice(0, TOPIC_CARDS_SHOWN);
  const hidden = cards.length - shown.length;

  return (
    <section className="panel topic-panel" data-testid="topic-panel" aria-label="Live topics">
      <h2>Topics</h2>
      <TopicStatus snapshot={snapshot} enabled={enabled} minMessages={minMessages} sinceRefit={sinceRefit} />
      {snapshot?.status === 'ready' && cards.length === 0 ? (
        <p className="muted">No topic in the window: every message is noise so far.</p>
      ) : null}
      {shown.length > 0 ? (
        <ol className="topic-cards">
          {shown.map((card) => (
            <TopicCard key={card.id} card={card} binSeconds={snapshot?.trendBinSeconds ?? 0} />
          ))}
        </ol>
      ) : null}
      {hidden > 0 || (showAll && cards.length > TOPIC_CARDS_SHOWN) ? (
        <button type="button" className="small-button topic-more" data-testid="topic-show-all" onClick={() => setShowAll((v) => !v)}>
          {showAll ? `Show the ${TOPIC_CARDS_SHOWN} largest` : `Show all ${cards.length} topics (${hidden} more)`}
        </button>
      ) : null}
    </section>
  );
}
