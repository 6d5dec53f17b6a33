'use client';

import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { request } from '../../lib/socket';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { drillRows } from '../../lib/workspace/toolsDrillRows';
import { shortLabel } from '../../lib/workspace/toolsLabels';
import { replayHref } from '../../lib/workspace/toolsReplayLink';
import { sayServerMessage } from '../../lib/serverMessage';
import { DrillDownList } from './DrillDownList';
import styles from './tools.module.css';

/**
 * Every message of the selected topic (or of the brushed range when no topic is selected) in a virtualised list,
 * with a text filter and, per row, "open in the replay at this moment": starts a replay of the stream (as the home
 * page's Replay button does) and opens it at the message's time (`?t=`, which the replay page seeks to).
 */
export function DrillDown({ streamId, analysis, selection }: WorkspaceViewProps) {
  const { t } = useI18n();
  const router = useRouter();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [opening, setOpening] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = useMemo(
    () => drillRows(analysis.messages, selection, deferredFilter),
    [analysis.messages, selection, deferredFilter],
  );
  const topic = selection.topic !== null ? (analysis.topics[selection.topic] ?? null) : null;
  const nothing = selection.topic === null && selection.range === null;

  const openReplay = async (index: number) => {
    setOpening(index);
    setError(null);
    // x1: whoever jumps to a moment wants to read it as it happened.
    const res = await request('replay:start', { streamId, speed: 1 });
    if (res.ok) router.push(replayHref(res.value.key, analysis.messages[index]!.elapsed));
    else {
      setOpening(null);
      setError(sayServerMessage(t, res));
    }
  };

  return (
    <section className="panel" data-testid="drill-down">
      <div className={styles.head}>
        <h2 data-testid="drill-title">
          {topic
            ? t('ws.tools.drill.ofTopic', { id: topic.id, label: shortLabel(topic.label) })
            : selection.range
              ? t('ws.tools.drill.ofRange', {
                  from: formatClock(selection.range[0]),
                  to: formatClock(selection.range[1]),
                })
              : t('ws.tools.drill.title')}
        </h2>
        {nothing ? null : (
          <span className="muted small" data-testid="drill-count" data-count={rows.length}>
            {t('ws.tools.drill.count', { count: rows.length })}
          </span>
        )}
      </div>
      {nothing ? (
        <p className="muted">{t('ws.tools.drill.prompt')}</p>
      ) : (
        <>
          <label className={styles.controls}>
            <span className="small">{t('ws.tools.drill.filter')}</span>
            <input
              type="search"
              className={styles.searchBox}
              data-testid="drill-filter"
              placeholder={t('ws.tools.drill.filterPlaceholder')}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
            />
          </label>
          {rows.length === 0 && filter ? <p className="muted small">{t('ws.tools.drill.noMatch')}</p> : null}
          <DrillDownList
            messages={analysis.messages}
            rows={rows}
            opening={opening}
            onOpenReplay={(i) => void openReplay(i)}
          />
          {opening !== null ? <p className="muted small">{t('ws.tools.drill.opening')}</p> : null}
          {error ? (
            <p className="error" data-testid="drill-error">
              {error}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
