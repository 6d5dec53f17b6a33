'use client';

import { useMemo, useState } from 'react';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { downloadFile } from '../../lib/workspace/toolsDownload';
import { downloadName, highlightsCsv, youtubeChapters } from '../../lib/workspace/toolsExport';
import { shortLabel } from '../../lib/workspace/toolsLabels';
import styles from './tools.module.css';

/**
 * The bursts of the message rate as moments: time span, label, peak rate and the topics that drove each (their share
 * of the burst). A click brushes the burst's range; a topic selects it. Exported as YouTube chapter lines (copied or
 * downloaded as .txt) and CSV.
 */
export function HighlightsPanel({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, number, percent } = useI18n();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const highlights = useMemo(() => analysis.highlights ?? [], [analysis.highlights]);
  const startLabel = t('ws.tools.highlights.chapterStart');
  const chapters = useMemo(
    () => youtubeChapters(highlights, analysis.stream.durationSeconds, startLabel).join('\n'),
    [highlights, analysis.stream.durationSeconds, startLabel],
  );

  if (!analysis.highlights) {
    return (
      <section className="panel" data-testid="highlights-panel">
        <h2>{t('ws.tools.highlights.title')}</h2>
        <p className="muted" data-testid="highlights-missing">
          {t('ws.tools.highlights.missing')}
        </p>
      </section>
    );
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${chapters}\n`);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  const isBrushed = (start: number, end: number) =>
    selection.range !== null && selection.range[0] === start && selection.range[1] === end;

  return (
    <section className="panel" data-testid="highlights-panel">
      <h2>{t('ws.tools.highlights.title')}</h2>
      {highlights.length === 0 ? <p className="muted">{t('ws.tools.highlights.empty')}</p> : null}
      <ol className={styles.results}>
        {highlights.map((h) => (
          <li
            key={h.id}
            className={`${styles.highlight} ${isBrushed(h.startElapsed, h.endElapsed) ? styles.selected : ''}`}
            data-testid="highlight"
            data-start={h.startElapsed}
            data-end={h.endElapsed}
          >
            <button
              type="button"
              className={styles.linkButton}
              data-testid="highlight-brush"
              title={t('ws.tools.highlights.brush', {
                from: formatClock(h.startElapsed),
                to: formatClock(h.endElapsed),
              })}
              onClick={() => onSelect({ range: [h.startElapsed, h.endElapsed] })}
            >
              <span className="mono">
                {formatClock(h.startElapsed)} – {formatClock(h.endElapsed)}
              </span>{' '}
              <span data-testid="highlight-label">{h.label}</span>
            </button>{' '}
            <span className="muted small">
              {t('ws.tools.highlights.peak', { rate: number(h.peakRate) })} ·{' '}
              {t('common.messages', { count: h.messages })}
            </span>
            <ul className={styles.shares}>
              {h.topics.slice(0, 5).map(({ topic, share }) => (
                <li key={topic}>
                  <button
                    type="button"
                    className={styles.linkButton}
                    data-testid="highlight-topic"
                    data-topic={topic}
                    onClick={() => onSelect({ topic })}
                  >
                    #{topic} {shortLabel(analysis.topics[topic]?.label ?? '', 2)}
                  </button>{' '}
                  <span className="muted mono">{percent(share)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <h3 className="small">{t('ws.tools.highlights.chapters')}</h3>
      <pre className={styles.chapters} data-testid="highlights-chapters">
        {chapters}
      </pre>
      <p className="muted small">{t('ws.tools.highlights.chaptersNote', { start: startLabel })}</p>
      <div className={styles.menu}>
        <button type="button" className="small-button" data-testid="highlights-copy" onClick={() => void copy()}>
          {copied === 'ok' ? t('ws.tools.highlights.copied') : t('ws.tools.highlights.copy')}
        </button>
        <button
          type="button"
          className="small-button"
          data-testid="highlights-txt"
          onClick={() => downloadFile(`${chapters}\n`, downloadName(analysis, 'chapters', 'txt'), 'text/plain')}
        >
          {t('ws.tools.highlights.downloadTxt')}
        </button>
        <button
          type="button"
          className="small-button"
          data-testid="highlights-csv"
          onClick={() =>
            downloadFile(highlightsCsv(analysis, highlights), downloadName(analysis, 'highlights', 'csv'), 'text/csv')
          }
        >
          {t('ws.tools.highlights.downloadCsv')}
        </button>
      </div>
      {copied === 'failed' ? <p className="error small">{t('ws.tools.highlights.copyFailed')}</p> : null}
    </section>
  );
}
