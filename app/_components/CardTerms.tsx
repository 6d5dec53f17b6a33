'use client';

import type { ReactNode } from 'react';
import type { TopicTerm } from '../../contracts/analysis';
import { useI18n } from '../lib/i18n/I18nProvider';

/**
 * A card's label terms as plain chips, as chat wrote them (accents kept: the server sends each term's most frequent
 * written form). The c-TF-IDF score stays in `data-score` and in the card's details, not on every chip.
 */
export function TermList({
  terms,
  testId,
  listTestId,
}: {
  terms: readonly TopicTerm[];
  testId: string;
  listTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <ol className="topic-terms" data-testid={listTestId} aria-label={t('card.terms')}>
      {terms.map((term, i) => (
        <li key={`${i}:${term.term}`} className="topic-term" data-testid={testId} data-score={term.score}>
          <span className="topic-term-text">{term.term}</span>
        </li>
      ))}
    </ol>
  );
}

/** A card's figures for the curious, closed by default: each term's c-TF-IDF score, then `children`. */
export function CardDetails({ terms, children }: { terms: readonly TopicTerm[]; children?: ReactNode }) {
  const { t, score } = useI18n();
  return (
    <details className="card-details small muted">
      <summary>{t('common.details')}</summary>
      {terms.length > 0 ? (
        <p>{t('card.scores', { scores: terms.map((term) => `${term.term} ${score(term.score)}`).join(' · ') })}</p>
      ) : null}
      {children ? <p>{children}</p> : null}
    </details>
  );
}
