'use client';

import { useMemo, useState } from 'react';
import { useI18n } from '../lib/i18n/I18nProvider';
import { orderMomentCards, orderTopicCards } from '../lib/topicFormat';
import type { ChannelTopics } from '../lib/useChannelTopics';
import { useOperatorRole } from '../lib/useOperatorRole';
import { MomentCard } from './MomentCard';
import { PipelineForm, PipelineStages } from './PipelineSettings';
import { TopicCard } from './TopicCard';
import { TopicStatus } from './TopicStatus';

/** Cards shown before "show all" (two rows on a wide screen): a busy window can hold dozens of small topics. */
export const TOPIC_CARDS_SHOWN = 8;
/** Moments shown before "show all": the few things chat talks about now. */
export const MOMENT_CARDS_SHOWN = 6;

/**
 * A channel's live topics (channel, demo and replay pages): a status line in plain words (the engine's figures and
 * pipeline in its closed details), for operators a clusterer choice, then, in a disclosure closed by default (the
 * Now panel above says what matters now), the moments (what chat talks about, each with its fine topics as chips)
 * and one card per fine topic, largest first, ended ones dimmed at the end. Updated live from `topics:update`.
 *
 * @param topics the channel's topics (`useChannelTopics`, called by the page so the feed can colour its lines too).
 * @param minMessages messages the server needs before the first refit, when known (shown while warming up).
 */
export function TopicPanel({ topics, minMessages = null }: { topics: ChannelTopics; minMessages?: number | null }) {
  const { t } = useI18n();
  const operator = useOperatorRole();
  const { snapshot, enabled, sinceRefit } = topics;
  const [showAll, setShowAll] = useState(false);
  const [showAllMoments, setShowAllMoments] = useState(false);
  const cards = useMemo(() => orderTopicCards(snapshot?.topics ?? []), [snapshot]);
  const topicsById = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  const moments = useMemo(() => orderMomentCards(snapshot?.moments ?? []), [snapshot]);
  const shownMoments = showAllMoments ? moments : moments.slice(0, MOMENT_CARDS_SHOWN);
  const hiddenMoments = moments.length - shownMoments.length;
  const shown = showAll ? cards : cards.slice(0, TOPIC_CARDS_SHOWN);
  const hidden = cards.length - shown.length;

  return (
    <section className="panel topic-panel" data-testid="topic-panel" aria-label={t('topics.region')}>
      <h2>{t('topics.title')}</h2>
      <TopicStatus
        snapshot={snapshot}
        enabled={enabled}
        minMessages={minMessages}
        sinceRefit={sinceRefit}
        details={snapshot ? <PipelineStages snapshot={snapshot} /> : null}
      />
      {snapshot && operator ? <PipelineForm snapshot={snapshot} /> : null}
      {snapshot?.status === 'ready' && cards.length === 0 ? <p className="muted">{t('topics.allNoise')}</p> : null}
      <details className="topic-all" data-testid="topic-all">
        <summary data-testid="topic-all-toggle">{t('now.allTopics', { count: cards.length })}</summary>
        {shownMoments.length > 0 ? (
          <>
            <h3 className="topic-level">{t('topics.moments')}</h3>
            <ol className="topic-cards" data-testid="moment-cards">
              {shownMoments.map((card) => (
                <MomentCard key={card.id} card={card} topics={topicsById} binSeconds={snapshot?.trendBinSeconds ?? 0} />
              ))}
            </ol>
          </>
        ) : null}
        {hiddenMoments > 0 || (showAllMoments && moments.length > MOMENT_CARDS_SHOWN) ? (
          <button
            type="button"
            className="small-button topic-more"
            data-testid="moment-show-all"
            onClick={() => setShowAllMoments((v) => !v)}
          >
            {showAllMoments
              ? t('topics.showMomentsLargest', { count: MOMENT_CARDS_SHOWN })
              : t('topics.showAllMoments', { count: moments.length, hidden: hiddenMoments })}
          </button>
        ) : null}
        {shown.length > 0 ? <h3 className="topic-level">{t('topics.fine')}</h3> : null}
        {shown.length > 0 ? (
          <ol className="topic-cards">
            {shown.map((card) => (
              <TopicCard key={card.id} card={card} binSeconds={snapshot?.trendBinSeconds ?? 0} />
            ))}
          </ol>
        ) : null}
        {hidden > 0 || (showAll && cards.length > TOPIC_CARDS_SHOWN) ? (
          <button
            type="button"
            className="small-button topic-more"
            data-testid="topic-show-all"
            onClick={() => setShowAll((v) => !v)}
          >
            {showAll
              ? t('topics.showLargest', { count: TOPIC_CARDS_SHOWN })
              : t('topics.showAll', { count: cards.length, hidden })}
          </button>
        ) : null}
      </details>
    </section>
  );
}
