'use client';

import type { TopicTerm } from '../../../contracts/analysis';
import { useI18n } from '../../lib/i18n/I18nProvider';

/** A topic's label terms as a small horizontal bar chart of their c-TF-IDF scores (HTML bars, terms as text). */
export function TopicTerms({ terms, colour }: { terms: readonly TopicTerm[]; colour: string }) {
  const { t, score } = useI18n();
  const top = Math.max(...terms.map((term) => term.score), 1e-12);
  return (
    <ul className="ws-terms" aria-label={t('ws.topics.termsAria')}>
      {terms.slice(0, 5).map((term) => (
        <li key={term.term} title={score(term.score)}>
          <span className="ws-term" data-testid="ws-term">
            {term.term}
          </span>
          <span className="ws-term-bar">
            <span style={{ width: `${Math.max(4, (term.score / top) * 100)}%`, background: colour }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
