'use client';

import { useState, type FormEvent } from 'react';
import { streamApi, type AnalysisSearchResult } from '../../../contracts/http/streamRoutes';
import { ApiCallError, callApi } from '../../lib/api';
import { sayError } from '../../lib/serverMessage';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { shortLabel } from '../../lib/workspace/toolsLabels';
import styles from './tools.module.css';

type Mode = AnalysisSearchResult['mode'];

/**
 * Search over the analysis: one box, by text or by meaning (the server embeds the query with the stream's model),
 * within the brushed range when there is one. Shows the ranked messages (a click selects the message's topic), the
 * ranked topics and the server's time. A 409 means the analysis kept no vectors: said plainly.
 */
export function SearchPanel({ streamId, analysisKey, analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, ms, score } = useI18n();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<Mode>('text');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AnalysisSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = selection.range;

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await callApi(streamApi.search, {
          params: { id: streamId, key: analysisKey },
          query: { q, mode, limit: 100, ...(range ? { from: range[0], to: range[1] } : {}) },
        }),
      );
    } catch (err) {
      setResult(null);
      setError(
        err instanceof ApiCallError && err.status === 409 && mode === 'meaning'
          ? t('ws.tools.search.noVectors')
          : sayError(t, err),
      );
    } finally {
      setBusy(false);
    }
  };

  const topicLabel = (id: number) => {
    const topic = analysis.topics[id];
    return topic ? `#${id} ${shortLabel(topic.label)}` : t('ws.tools.drill.noise');
  };

  return (
    <section className="panel" data-testid="search-panel">
      <h2>{t('ws.tools.search.title')}</h2>
      <form className={styles.controls} onSubmit={(e) => void search(e)} role="search">
        <input
          type="search"
          className={styles.searchBox}
          data-testid="search-input"
          aria-label={t('ws.tools.search.query')}
          placeholder={t('ws.tools.search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <span className={styles.toggle} role="group" aria-label={t('ws.tools.search.mode')}>
          {(['text', 'meaning'] as const).map((m) => (
            <button
              key={m}
              type="button"
              data-testid={`search-mode-${m}`}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {t(`ws.tools.search.${m}`)}
            </button>
          ))}
        </span>
        <button type="submit" className="primary" data-testid="search-submit" disabled={busy || !query.trim()}>
          {busy ? t('ws.tools.search.busy') : t('ws.tools.search.submit')}
        </button>
      </form>
      {range ? (
        <p className="muted small">
          {t('ws.tools.search.inRange', { from: formatClock(range[0]), to: formatClock(range[1]) })}
        </p>
      ) : null}
      {error ? (
        <p className="error" data-testid="search-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div data-testid="search-results" data-mode={result.mode}>
          <p className="muted small" data-testid="search-summary" data-ms={result.ms}>
            {t('ws.tools.search.summary', { count: result.messages.length, ms: ms(result.ms) })}
          </p>
          {result.messages.length === 0 && result.topics.length === 0 ? (
            <p className="muted">{t('ws.tools.search.none')}</p>
          ) : (
            <div className={styles.columns}>
              <div>
                <h3 className="small">{t('ws.tools.search.messages')}</h3>
                <ol className={styles.results}>
                  {result.messages.map(({ index, score: s }) => {
                    const m = analysis.messages[index];
                    if (!m) return null;
                    return (
                      <li key={index} className={styles.result} data-testid="search-message" data-index={index}>
                        <span className={styles.time}>{formatClock(m.elapsed)}</span>
                        <span className={styles.user}>{m.user ?? ''}</span>
                        <span className={styles.text} data-testid="search-message-text">
                          {m.text}
                        </span>
                        {m.topic >= 0 ? (
                          <button
                            type="button"
                            className={styles.linkButton}
                            data-testid="search-message-topic"
                            onClick={() => onSelect({ topic: m.topic })}
                          >
                            {topicLabel(m.topic)}
                          </button>
                        ) : (
                          <span className="muted small">{t('ws.tools.drill.noise')}</span>
                        )}
                        <span className="muted small mono">{t('ws.tools.search.score', { score: score(s) })}</span>
                      </li>
                    );
                  })}
                </ol>
              </div>
              <div>
                <h3 className="small">{t('ws.tools.search.topics')}</h3>
                <ol className={styles.results}>
                  {result.topics.map(({ topic, score: s }) => (
                    <li key={topic} className={styles.result} data-testid="search-topic" data-topic={topic}>
                      <button type="button" className={styles.linkButton} onClick={() => onSelect({ topic })}>
                        {topicLabel(topic)}
                      </button>
                      <span className="muted small mono">{t('ws.tools.search.score', { score: score(s) })}</span>
                    </li>
                  ))}
                </ol>
              </div>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
