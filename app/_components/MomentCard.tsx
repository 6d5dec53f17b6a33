'use client';

import { memo } from 'react';
import type { MomentCard as MomentCardData, TopicCard } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';
import { topicColour } from '../lib/topicPalette';
import { CARD_REPRESENTATIVES, CARD_TERMS } from './TopicCard';
import { CardHead } from './CardHead';
import { CardDetails, TermList } from './CardTerms';
import { RepresentativeList } from './RepresentativeList';
import { TopicTrend } from './TopicTrend';

/**
 * One live moment: what chat says about one thing right now (a question and its votes, a slip and the laughter
 * after it). Its fine topics are the detail: a chip per topic in the topic's own colour, with its first term.
 * Terms and messages are chat text, rendered as React text nodes only.
 */
export const MomentCard = memo(function MomentCard({
  card,
  topics,
  binSeconds,
}: {
  card: MomentCardData;
  topics: ReadonlyMap<number, TopicCard>;
  binSeconds: number;
}) {
  const { t } = useI18n();
  const colour = topicColour(card.colour);
  const terms = card.terms.slice(0, CARD_TERMS);
  const ended = card.state === 'ended';
  return (
    <li
      className={`topic-card moment-card${ended ? ' ended' : ''}`}
      style={{ borderLeftColor: colour.css }}
      data-testid="moment-card"
      data-moment-id={card.id}
      data-state={card.state}
    >
      <CardHead
        colour={colour}
        name={t('card.moment', { id: String(card.id) })}
        state={card.state}
        size={card.size}
        testId="moment"
      />
      {terms.length > 0 ? <TermList terms={terms} testId="moment-term" /> : null}
      <div className="topic-metrics">
        <TopicTrend trend={card.trend} binSeconds={binSeconds} colour={colour.css} />
        <span className="small muted">{t('card.momentTopics', { count: card.topics.length })}</span>
      </div>
      {card.topics.length > 0 ? (
        <ul className="moment-topics" aria-label={t('card.momentTopicsLabel')}>
          {card.topics.map((id) => {
            const topic = topics.get(id);
            const chipColour = topic ? topicColour(topic.colour).css : 'var(--border)';
            return (
              <li
                key={id}
                className="moment-topic"
                data-testid="moment-topic"
                data-topic-id={id}
                style={{ borderColor: chipColour }}
              >
                <span className="mono">#{id}</span> {topic?.terms[0]?.term ?? ''}
              </li>
            );
          })}
        </ul>
      ) : null}
      <RepresentativeList messages={card.representatives.slice(0, CARD_REPRESENTATIVES)} testId="moment" />
      <CardDetails terms={terms} />
    </li>
  );
});
