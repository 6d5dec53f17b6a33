'use client';

import { useEffect, useRef, useState } from 'react';
import type { AnalysisMessage } from '../../../contracts/analysis';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { virtualWindow } from '../../lib/workspace/toolsVirtualList';
import styles from './tools.module.css';

const ROW_HEIGHT = 30;

/**
 * A virtualised list of messages: only the rows in view (plus a few) are in the DOM, absolutely placed inside a
 * spacer as tall as the whole list, so 10k rows scroll as smoothly as 30. Text goes in as React text nodes.
 */
export function DrillDownList({
  messages,
  rows,
  opening,
  onOpenReplay,
}: {
  messages: readonly AnalysisMessage[];
  /** Indices into `messages`, in display order. */
  rows: readonly number[];
  /** The row whose replay is being opened (its button shows it), or null. */
  opening: number | null;
  onOpenReplay: (index: number) => void;
}) {
  const { t } = useI18n();
  const viewRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(360);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const measure = () => setViewport(view.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(view);
    return () => observer.disconnect();
  }, []);

  // A new list starts at its top.
  useEffect(() => {
    if (viewRef.current) viewRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);

  const win = virtualWindow(rows.length, ROW_HEIGHT, scrollTop, viewport);
  const visible = rows.slice(win.start, win.end);
  return (
    <div
      ref={viewRef}
      className={styles.list}
      data-testid="drill-list"
      data-rows={rows.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: win.total, position: 'relative' }} role="list">
        {visible.map((index, i) => {
          const m = messages[index]!;
          return (
            <div
              key={index}
              role="listitem"
              className={styles.row}
              style={{ top: (win.start + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
              data-testid="drill-row"
              data-index={index}
              data-elapsed={m.elapsed}
            >
              <span className={styles.time}>{formatClock(m.elapsed)}</span>
              <span className={styles.user} title={m.user ?? ''}>
                {m.user ?? ''}
              </span>
              <span className={styles.text} title={m.text} data-testid="drill-text">
                {m.text}
              </span>
              <button
                type="button"
                className={styles.iconButton}
                data-testid="drill-replay"
                aria-label={t('ws.tools.drill.openReplay')}
                title={t('ws.tools.drill.openReplay')}
                disabled={opening !== null}
                onClick={() => onOpenReplay(index)}
              >
                {opening === index ? '…' : '▶'}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
