'use client';

import { useState } from 'react';
import type { MessageKey } from '../../lib/i18n/fr';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { sayError } from '../../lib/serverMessage';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { downloadFile } from '../../lib/workspace/toolsDownload';
import { downloadName, messagesCsv } from '../../lib/workspace/toolsExport';
import { chartPng, chartSvg, findCharts } from './ExportMenuCharts';
import styles from './tools.module.css';

const KNOWN_CHARTS = ['map', 'timeline', 'rate', 'hierarchy', 'types'] as const;

/**
 * Downloads: the analysis document (JSON), its messages with topics and types (CSV), and each chart of the page
 * (every element marked `data-export-chart`) as SVG or PNG. The chart list is read when the menu opens, so charts
 * mounted later are found too.
 */
export function ExportMenu({ analysis }: WorkspaceViewProps) {
  const { t } = useI18n();
  const [charts, setCharts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const chartName = (name: string) => {
    const base = name.replace(/-\d+$/, '');
    return (KNOWN_CHARTS as readonly string[]).includes(base)
      ? `${t(`ws.tools.export.chart.${base}` as MessageKey)}${base === name ? '' : ` ${name.slice(base.length + 1)}`}`
      : name;
  };

  const exportChart = async (name: string, format: 'svg' | 'png') => {
    setError(null);
    try {
      const chart = findCharts().find((c) => c.name === name);
      if (!chart) throw new Error(name);
      const file = downloadName(analysis, name, format);
      if (format === 'svg') downloadFile(chartSvg(chart.element), file, 'image/svg+xml');
      else downloadFile(await chartPng(chart.element), file, 'image/png');
    } catch (err) {
      setError(t('ws.tools.export.failed', { error: sayError(t, err) }));
    }
  };

  return (
    <details
      className="panel"
      data-testid="export-menu"
      onToggle={(e) => {
        if (e.currentTarget.open) setCharts(findCharts().map((c) => c.name));
      }}
    >
      <summary data-testid="export-open">{t('ws.tools.export.title')}</summary>
      <div className={styles.menu}>
        <button
          type="button"
          className="small-button"
          data-testid="export-json"
          onClick={() =>
            downloadFile(JSON.stringify(analysis), downloadName(analysis, 'analysis', 'json'), 'application/json')
          }
        >
          {t('ws.tools.export.json')}
        </button>
        <button
          type="button"
          className="small-button"
          data-testid="export-messages"
          onClick={() => downloadFile(messagesCsv(analysis), downloadName(analysis, 'messages', 'csv'), 'text/csv')}
        >
          {t('ws.tools.export.messagesCsv')}
        </button>
      </div>
      <h3 className="small">{t('ws.tools.export.charts')}</h3>
      {charts.length === 0 ? <p className="muted small">{t('ws.tools.export.noCharts')}</p> : null}
      <ul className={styles.legend}>
        {charts.map((name) => (
          <li key={name} data-testid="export-chart" data-chart={name}>
            <span>{chartName(name)}</span>
            <button
              type="button"
              className="small-button"
              data-testid="export-chart-svg"
              onClick={() => void exportChart(name, 'svg')}
            >
              SVG
            </button>
            <button
              type="button"
              className="small-button"
              data-testid="export-chart-png"
              onClick={() => void exportChart(name, 'png')}
            >
              PNG
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="error small" data-testid="export-error">
          {error}
        </p>
      ) : null}
    </details>
  );
}
