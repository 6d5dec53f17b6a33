'use client';

import { memo } from 'react';
import type { TopicCard as TopicCardData } from '../../contracts/socket-events';
import { formatScore, formatSilhouette } from '../lib/topicFormat';
import { topicColour } from '../lib/topicPalette';
import { CardHead } from './CardHead';
import { RepresentativeList } from './RepresentativeList';
import { TopicTrend } from './TopicTrend';

/** Label terms shown per card (the server may send more). */
export const CARD_TERMS = 5;
/** Representative messages shown per card. */
export const CARD_REPRESENTATIVES = 3;

/**
 * One live topic: colour swatch, id, state, label terms with scores, size, trend sparkline, silhouette and a few
 * representative messages. Terms and messages are chat text: they are rendered as React text nodes only, so markup
 * in a message shows as its characters.
 */
export const TopicCard = memo(function TopicCard({ card, binSeconds }: { card: TopicCardData; binSeconds: number }) {
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
        <ol className="topic-terms" data-testid="topic-label" aria-label="Label terms with their c-TF-IDF scores">
          {terms.map((t, i) => (
            <li key={`${i}:${t.term}`} className="topic-term" data-testid="topic-term" data-score={t.score}>
              <span className="topic-term-text">{t.term}</span>{' '}
              <span className="topic-term-score mono">{formatScore(t.score)}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="topic-terms muted small" data-testid="topic-label">
          (no label terms)
        </p>
      )}
      <div className="topic-metrics">
        <TopicTrend trend={card.trend} binSeconds={binSeconds} colour={colour.css} />
        <span className="small muted" data-testid="topic-silhouette">
          silhouette <span className="mono">{formatSilhouette(card.silhouette)}</span>
        </span>
      </div>
      <RepresentativeList messages={card.representatives.slice(0, CARD_REPRESENTATIVES)} testId="topic" />
    </li>
  );
});
