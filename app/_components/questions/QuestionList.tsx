'use client';

import { useId } from 'react';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import type { ChannelQuestions } from '../../lib/now/useQuestions';

/** Questions listed at most (the most asked); the rest wait until these are answered and hidden. */
export const QUESTIONS_SHOWN = 8;

/**
 * The questions chat asks the streamer, grouped when chat asks the same thing: the first wording, how many times
 * and by how many people, since when (stream clock), and a button that hides it in this browser. Chat text is
 * rendered as text nodes only.
 */
export function QuestionList({ questions }: { questions: ChannelQuestions }) {
  const { t } = useI18n();
  const titleId = useId();
  const shown = questions.groups.slice(0, QUESTIONS_SHOWN);
  return (
    <section
      className="panel questions-panel"
      data-testid="questions-panel"
      data-count={questions.groups.length}
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        {t('questions.title')} <span className="muted small">{questions.groups.length || ''}</span>
      </h2>
      {shown.length === 0 ? (
        <p className="muted small" data-testid="questions-empty">
          {t('questions.empty')}
        </p>
      ) : (
        <ol className="question-list">
          {shown.map((q) => (
            <li key={q.id} className="question" data-testid="question" data-question-id={q.id} data-count={q.count}>
              <p className="question-text" data-testid="question-text">
                {q.text}
              </p>
              <p className="question-meta small muted">
                <strong data-testid="question-count">{t('questions.asked', { count: q.count })}</strong>{' '}
                {q.users > 1 ? <span>{t('questions.askers', { count: q.users })} </span> : null}
                <span
                  data-testid="question-first"
                  data-first={q.firstAt}
                  title={t('questions.firstAtTitle', { clock: formatClock(q.firstAt) })}
                >
                  {t('questions.firstAt', { clock: formatClock(q.firstAt) })}
                </span>
              </p>
              {q.variants.length > 0 ? (
                <p className="question-variants small muted">
                  {t('questions.variants', { list: q.variants.join(' · ') })}
                </p>
              ) : null}
              <button
                type="button"
                className="small-button question-dismiss"
                data-testid="question-dismiss"
                aria-label={t('questions.dismissLabel', { text: q.text })}
                onClick={() => questions.dismiss(q.id)}
              >
                {t('questions.dismiss')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {questions.hidden > 0 ? (
        <button
          type="button"
          className="small-button questions-restore"
          data-testid="questions-restore"
          onClick={questions.restore}
        >
          {t('questions.restore', { count: questions.hidden })}
        </button>
      ) : null}
    </section>
  );
}
