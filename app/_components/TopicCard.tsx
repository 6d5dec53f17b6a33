'use client';

import { memo } from 'react';
import type { TopicCard as TopicCardData } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';
import { topicColour } from '../lib/topicPalette';
import { CardDetails, TermList } from './CardTerms';
import { CardHead } from './CardHead';
import { RepresentativeList } from './RepresentativeList';
import { TopicTrend } from './TopicTrend';

/** Label terms shown per card (the server may send more). */
export const CARD_TERMS = 5;
/** Representative messages shown per card. */
export const CARD_REPRESENTATIVES = 3;

/**
 * One live topic: colour swatch, id, state, label terms, size, trend sparkline and a few representative messages; the
 * figures (term scores, silhouette) wait in a closed "Details". Terms and messages are chat text: they are rendered
 * as React text nodes only, so markup in a message shows as its characters.
 */
export const TopicCard = memo(function TopicCard({ card, binSeconds }: { card: TopicCardData; binSeconds: number }) {
  const i18n = useI18n();
  const colour = topicColour(card.colour);
  const terms = card.terms.slice(0, CARD_TERMS);
  const ended = card.state === 'ended';
  return (
    <li
      className={`topic-card${ended ? ' ended' : ''}`}
      style={{ borderLeftColor: colour.css }}
      data-testid="topic-card"
      data-topic-id={card.id}
      data-state={card.state}
      data-colour={card.colour}
    >
      <CardHead colour={colour} name={`#${card.id}`} state={card.state} size={card.size} testId="topic" />
      {terms.length > 0 ? (
        <TermList terms={terms} testId="topic-term" listTestId="topic-label" />
      ) : (
        <p className="topic-terms muted small" data-testid="topic-label">
          {i18n.t('card.noTerms')}
        </p>
      )}
      <div className="topic-metrics">
        <TopicTrend trend={card.trend} binSeconds={binSeconds} colour={colour.css} />
      </div>
      <RepresentativeList messages={card.representatives.slice(0, CARD_REPRESENTATIVES)} testId="topic" />
      <CardDetails terms={terms}>
        <span data-testid="topic-silhouette">{i18n.t('card.silhouette', { value: i18n.fixed2(card.silhouette) })}</span>
      </CardDetails>
    </li>
  );
});
