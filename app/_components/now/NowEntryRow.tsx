'use client';

import type { NowChip, NowEntry } from '../../lib/now/rankNow';
import { NOW_RECENT_BINS } from '../../lib/now/rankNow';
import { readableLabel } from '../../lib/now/topicKinds';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { topicColour } from '../../lib/topicPalette';
import { NowMark } from './NowMark';

/** "depuis 3 min": the span the recent counts cover, for the tooltips. */
export function useRecentSpan(binSeconds: number): string {
  const { minutes } = useI18n();
  return minutes((NOW_RECENT_BINS * binSeconds) / 60);
}

/**
 * One line of the Now panel: a subject topic (colour, readable label, recent count, mark), or the greeting group, a
 * closed disclosure that opens to the greeting topics it merges. Labels are chat text, rendered as text nodes.
 */
export function NowEntryRow({ entry, binSeconds }: { entry: NowEntry; binSeconds: number }) {
  const { t } = useI18n();
  const span = useRecentSpan(binSeconds);
  const count = (
    <span className="now-count" data-testid="now-count" title={t('now.recentTitle', { span })}>
      {t('now.recent', { count: entry.recent })}
    </span>
  );
  if (entry.kind === 'greetings') {
    return (
      <li
        className="now-item now-greetings"
        data-testid="now-item"
        data-kind="greetings"
        data-mark={entry.mark}
        data-recent={entry.recent}
      >
        <details className="now-group" data-testid="now-greetings">
          <summary>
            <span className="now-label" data-testid="now-label">
              {t('now.greetings')}
            </span>
            {count}
            <NowMark mark={entry.mark} />
            <span className="now-variants-count small muted">
              {t('now.greetingsVariants', { count: entry.topics.length })}
            </span>
          </summary>
          <ul className="now-variants">
            {entry.topics.map(({ topic, recent }) => (
              <li
                key={topic.id}
                className="now-variant"
                data-testid="now-greeting-variant"
                data-topic-id={topic.id}
                style={{ borderColor: topicColour(topic.colour).css }}
              >
                <span>{readableLabel(topic.terms, 2)}</span> <span className="muted">{recent}</span>
              </li>
            ))}
          </ul>
        </details>
      </li>
    );
  }
  const colour = topicColour(entry.topic.colour);
  return (
    <li
      className="now-item"
      data-testid="now-item"
      data-kind="topic"
      data-topic-id={entry.topic.id}
      data-mark={entry.mark}
      data-recent={entry.recent}
      style={{ borderLeftColor: colour.css }}
    >
      <span className="now-label" data-testid="now-label">
        {readableLabel(entry.topic.terms) || `#${entry.topic.id}`}
      </span>
      {count}
      <NowMark mark={entry.mark} />
    </li>
  );
}

/** An emote or laughter wave as a compact chip: its first terms, recent count and mark. */
export function NowChipItem({ chip }: { chip: NowChip }) {
  return (
    <li
      className="now-chip"
      data-testid="now-chip"
      data-topic-id={chip.topic.id}
      data-mark={chip.mark}
      style={{ borderColor: topicColour(chip.topic.colour).css }}
    >
      <span className="now-chip-label">{readableLabel(chip.topic.terms, 2)}</span>{' '}
      <span className="now-chip-count">{chip.recent}</span> <NowMark mark={chip.mark} />
    </li>
  );
}
