'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisTopic } from '../../../contracts/analysis';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { topicColour } from '../../lib/topicPalette';
import { shortLabel, topicsInRange } from '../../lib/workspace/topicsInRange';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { TopicSparkline } from './TopicSparkline';
import { TopicTerms } from './TopicTerms';

/** Topics rendered at first (a long stream has hundreds); "show more" adds as many again. */
const PAGE = 40;

/**
 * The topics with messages inside the brushed range, largest first: label terms as a bar chart of their scores,
 * size, time span, sparkline and message type; the silhouette and representative messages behind "details".
 * Clicking a topic selects it (again: clears it).
 */
export function WorkspaceTopicList({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t } = useI18n();
  const entries = useMemo(
    () => topicsInRange(analysis.topics, analysis.messages, selection.range),
    [analysis, selection.range],
  );
  const counts = useMemo(
    () => new Map(analysis.timeline.topics.map((series) => [series.topic, series.counts])),
    [analysis],
  );
  const [limit, setLimit] = useState(PAGE);
  const listRef = useRef<HTMLOListElement>(null);

  // A topic picked elsewhere (the map) is rendered and scrolled into the list's view, without scrolling the page.
  const selectedIndex = entries.findIndex((e) => e.topic.id === selection.topic);
  useEffect(() => {
    if (selectedIndex >= limit) setLimit(selectedIndex + 1);
  }, [selectedIndex, limit]);
  useEffect(() => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>('[data-selected="true"]');
    if (!list || !item) return;
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = Math.max(0, top - 8);
  }, [selection.topic, limit]);

  return (
    <section className="panel ws-topics" data-testid="ws-topics">
      <div className="ws-panel-head">
        <h2>{t('ws.topics.title')}</h2>
        <span className="muted small" data-testid="ws-topics-count" data-count={entries.length}>
          {t('ws.topics.count', { count: entries.length })}
        </span>
        {selection.topic !== null ? (
          <button
            type="button"
            className="small-button"
            data-testid="ws-topic-clear"
            onClick={() => onSelect({ topic: null })}
          >
            {t('ws.topics.clear')}
          </button>
        ) : null}
      </div>
      {entries.length === 0 ? <p className="muted">{t('ws.topics.empty')}</p> : null}
      <ol className="ws-topic-list" ref={listRef}>
        {entries.slice(0, limit).map(({ topic, inRange }) => (
          <TopicRow
            key={topic.id}
            topic={topic}
            inRange={selection.range ? inRange : null}
            counts={counts.get(topic.id) ?? []}
            selected={topic.id === selection.topic}
            onToggle={() => onSelect({ topic: topic.id === selection.topic ? null : topic.id })}
          />
        ))}
      </ol>
      {entries.length > limit ? (
        <button
          type="button"
          className="small-button ws-more"
          data-testid="ws-topics-more"
          onClick={() => setLimit(limit + PAGE)}
        >
          {t('ws.topics.showMore')} ({t('ws.topics.more', { count: entries.length - limit })})
        </button>
      ) : null}
    </section>
  );
}

function TopicRow({
  topic,
  inRange,
  counts,
  selected,
  onToggle,
}: {
  topic: AnalysisTopic;
  /** Messages inside the brushed range (null: no range). */
  inRange: number | null;
  counts: readonly number[];
  selected: boolean;
  onToggle: () => void;
}) {
  const { t, fixed2 } = useI18n();
  const colour = topicColour(topic.id).css;
  return (
    <li
      className={selected ? 'ws-topic selected' : 'ws-topic'}
      data-testid="ws-topic"
      data-topic={topic.id}
      data-selected={String(selected)}
      data-size={topic.size}
      style={{ borderLeftColor: colour }}
    >
      <button type="button" className="ws-topic-head" aria-pressed={selected} onClick={onToggle}>
        <span className="ws-topic-name" data-testid="ws-topic-name">
          {shortLabel(topic)}
        </span>
        <span className="ws-topic-size small">
          {inRange === null ? t('ws.topics.size', { count: topic.size }) : t('ws.topics.inRange', { count: inRange })}
        </span>
      </button>
      <div className="ws-topic-body">
        <TopicTerms terms={topic.terms} colour={colour} />
        <div className="ws-topic-side">
          <TopicSparkline counts={counts} colour={colour} />
          <span className="mono small muted">
            {t('ws.topics.span', { from: formatClock(topic.firstElapsed), to: formatClock(topic.lastElapsed) })}
          </span>
          <span className="small ws-type" data-testid="ws-topic-type" data-type={topic.type ?? ''}>
            {t('ws.topics.type', { type: topic.type ? t(`ws.msgType.${topic.type}`) : t('ws.topics.noType') })}
          </span>
        </div>
      </div>
      <details className="ws-topic-details">
        <summary>{t('ws.topics.details')}</summary>
        <p className="small">{t('ws.topics.silhouette', { value: fixed2(topic.silhouette) })}</p>
        <ul className="ws-reps small">
          {topic.representatives.map((r) => (
            <li key={r.messageId} data-testid="ws-topic-rep">
              <span className="mono muted">{formatClock(r.elapsed)}</span> <strong>{r.user}</strong> {r.text}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
