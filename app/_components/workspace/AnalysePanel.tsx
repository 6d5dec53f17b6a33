'use client';

import { useCallback, useEffect, useState } from 'react';
import { streamApi, type AnalysisJob, type StoredAnalysis } from '../../../contracts/http/streamRoutes';
import { callApi } from '../../lib/api';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { sayError } from '../../lib/serverMessage';
import { fetchPublicConfig } from '../../lib/publicConfig';
import { jobActive } from '../../lib/workspace/analysisJobs';
import { AnalysisCompare } from './AnalysisCompare';
import { AnalysisProgress } from './AnalysisProgress';

/** How often a running job is asked where it is. */
const POLL_MS = 500;

/** The operator token header (empty for a viewer: the server then refuses with 403, which the page says). */
async function operatorHeaders(): Promise<Record<string, string>> {
  return { 'x-csrf-token': (await fetchPublicConfig()).operatorToken ?? '' };
}

export interface AnalysePanelProps {
  streamId: string;
  /** True for an operator, false for a viewer, null while unknown. */
  operator: boolean | null;
  /** The live embedder's id (the default model), null while unknown. */
  serverModel: string | null;
  analyses: readonly StoredAnalysis[];
  /** A job already running when the page opened (followed at once). */
  initialJob: AnalysisJob | null;
  currentKey: string | null;
  /** Shows another stored analysis. */
  onShow: (key: string) => void;
  /** A job finished and stored its analysis under `key`. */
  onStored: (key: string) => void;
}

/**
 * Starts, follows and cancels a background analysis of the stream (operator only), and switches among the stored
 * analyses (one per model and parameters) with a small comparison table.
 */
export function AnalysePanel(props: AnalysePanelProps) {
  const { streamId, operator, serverModel, analyses, initialJob, currentKey, onShow, onStored } = props;
  const { t, dateTime } = useI18n();
  const [model, setModel] = useState('');
  const [job, setJob] = useState<AnalysisJob | null>(initialJob);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (initialJob) setJob((current) => current ?? initialJob);
  }, [initialJob]);

  const jobId = job?.id ?? null;
  const following = job !== null && jobActive(job);
  useEffect(() => {
    if (jobId === null || !following) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await callApi(streamApi.job, { params: { id: jobId } });
        if (!live) return;
        setJob(next);
        if (next.state === 'done' && next.key) onStored(next.key);
        if (jobActive(next)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (!live) return;
        setError(sayError(t, err));
        timer = setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, following, onStored, t]);

  const start = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await callApi(
        streamApi.startAnalysis,
        { params: { id: streamId }, body: model ? { model } : {} },
        { headers: await operatorHeaders() },
      );
      setJob(started);
      if (started.state === 'done' && started.key) onStored(started.key);
    } catch (err) {
      setError(t('ws.analyse.startError', { error: sayError(t, err) }));
    } finally {
      setBusy(false);
    }
  }, [streamId, model, onStored, t]);

  const cancel = useCallback(async () => {
    if (!job) return;
    setBusy(true);
    try {
      setJob(
        await callApi(streamApi.cancelJob, { params: { id: job.id }, body: {} }, { headers: await operatorHeaders() }),
      );
    } catch (err) {
      setError(sayError(t, err));
    } finally {
      setBusy(false);
    }
  }, [job, t]);

  const sorted = [...analyses].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <section className="panel ws-analyse" data-testid="ws-analyse" aria-label={t('ws.analyse.title')}>
      {sorted.length > 0 ? (
        <label className="ws-stored">
          <span className="muted small">{t('ws.analyse.stored')}</span>
          <select
            data-testid="ws-analysis-select"
            value={currentKey ?? ''}
            onChange={(e) => onShow(e.currentTarget.value)}
          >
            {sorted.map((a) => (
              <option key={a.key} value={a.key}>
                {/* Default parameters go unsaid: the option stays short enough to read in the head. */}
                {a.parameters
                  ? t('ws.analyse.optionParams', {
                      model: a.model.id,
                      date: dateTime(a.createdAt),
                      params: a.parameters,
                    })
                  : t('ws.analyse.option', { model: a.model.id, date: dateTime(a.createdAt) })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {operator ? (
        <div className="ws-start">
          <label>
            <span className="muted small">{t('ws.analyse.model')}</span>
            <select data-testid="ws-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
              <option value="">{t('ws.analyse.modelServer', { model: serverModel ?? '…' })}</option>
              <option value="bow">{t('ws.analyse.modelBow')}</option>
            </select>
          </label>
          <button
            type="button"
            className="primary"
            data-testid="ws-start"
            disabled={busy || following}
            onClick={() => void start()}
          >
            {busy && !following ? t('ws.analyse.starting') : t('ws.analyse.start')}
          </button>
        </div>
      ) : operator === false ? (
        <p className="muted small ws-viewer" data-testid="ws-viewer-note">
          {t('ws.analyse.viewer')}
        </p>
      ) : null}
      {job && jobActive(job) ? (
        <AnalysisProgress job={job} cancelling={busy} onCancel={operator ? () => void cancel() : null} />
      ) : null}
      {job?.state === 'failed' ? (
        <p className="error" role="alert" data-testid="ws-job-failed">
          {t('ws.analyse.failed', { error: job.error ?? '' })}
        </p>
      ) : null}
      {job?.state === 'cancelled' ? (
        <p className="muted" data-testid="ws-job-cancelled">
          {t('ws.analyse.cancelled')}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert" data-testid="ws-analyse-error">
          {error}
        </p>
      ) : null}
      {sorted.length > 1 ? <AnalysisCompare analyses={sorted} currentKey={currentKey} onShow={onShow} /> : null}
    </section>
  );
}
