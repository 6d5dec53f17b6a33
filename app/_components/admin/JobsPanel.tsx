'use client';

import { useEffect, useState } from 'react';
import type { LossPoint, TrainingJob, TrainingLogLine } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall } from '../../lib/admin/adminApi';
import { sayError } from '../../lib/serverMessage';
import { formatMetric, formatRate, jobFraction } from '../../lib/admin/formatTraining';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { LossChart } from './LossChart';

const ACTIVE_STATES = new Set(['queued', 'running', 'interrupted']);

function ProgressLine({ job }: { job: TrainingJob }) {
  const { t, number, duration } = useI18n();
  const p = job.progress;
  if (p === null) return <span className="muted small">{t('jobs.noProgress')}</span>;
  return (
    <span className="small mono" data-testid="job-progress">
      {t('jobs.progress', {
        stage: p.stage,
        index: p.stageIndex + 1,
        stages: p.stageCount,
        step: p.step,
        total: p.totalSteps,
        loss: formatMetric(p.loss, 3, number),
        lr: formatRate(p.learningRate),
        speed: p.tokensPerSecond === null ? '—' : Math.round(p.tokensPerSecond),
        eta: duration(p.etaSeconds),
      })}
    </span>
  );
}

/** A job's logs as plain text lines (never HTML). */
function LogView({ lines }: { lines: TrainingLogLine[] }) {
  const { t } = useI18n();
  return (
    <ol className="job-logs" data-testid="job-logs">
      {lines.map((l, i) => (
        <li key={i} className={`log-${l.level}`}>
          <span className="mono muted">{l.at.slice(11, 19)}</span> {l.message}
        </li>
      ))}
      {lines.length === 0 ? <li className="muted">{t('jobs.noLogs')}</li> : null}
    </ol>
  );
}

/**
 * Training jobs, newest first: state, progress bar and figures, cancel; the selected job (by default the newest)
 * shows its live loss curves, stage metrics and logs.
 */
export function JobsPanel(props: {
  jobs: TrainingJob[];
  loss: Record<string, LossPoint[]>;
  logs: Record<string, TrainingLogLine[]>;
  csrfToken: string;
  loadJob: (id: string) => Promise<void>;
  upsertJob: (job: TrainingJob) => void;
}) {
  const { jobs, loss, logs, csrfToken, loadJob, upsertJob } = props;
  const { t, number, duration, dateTime } = useI18n();
  const metric = (value: number | null | undefined, digits = 3) => formatMetric(value, digits, number);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = jobs.find((j) => j.id === selected) ?? jobs[0] ?? null;
  const currentId = current?.id ?? null;

  useEffect(() => {
    if (currentId !== null) void loadJob(currentId);
  }, [currentId, loadJob]);

  const cancel = async (id: string) => {
    setError(null);
    try {
      upsertJob(await adminCall(adminApi.cancelJob, csrfToken, { params: { id }, body: {} }));
    } catch (err) {
      setError(t('jobs.cancelFailed', { id, error: sayError(t, err) }));
    }
  };

  return (
    <section className="panel">
      <h2>{t('jobs.title')}</h2>
      {jobs.length === 0 ? <p className="muted">{t('jobs.empty')}</p> : null}
      <ul className="job-list" data-testid="job-list">
        {jobs.map((job) => (
          <li
            key={job.id}
            data-testid="job-row"
            data-job-id={job.id}
            data-state={job.state}
            className={job.id === currentId ? 'selected' : undefined}
          >
            <button type="button" className="link-button" onClick={() => setSelected(job.id)}>
              <span className="mono">{job.id}</span>
            </button>
            <span className={`badge job-state-${job.state}`} data-testid="job-state" data-state={job.state}>
              {t(`jobState.${job.state}`)}
            </span>
            <span className="small muted">
              {job.request.preset} · {dateTime(job.createdAt)}
              {job.resultModel ? ` → ${job.resultModel}` : ''}
            </span>
            <progress max={1} value={job.state === 'succeeded' ? 1 : jobFraction(job.progress)} />
            <ProgressLine job={job} />
            {ACTIVE_STATES.has(job.state) ? (
              <button
                type="button"
                className="small-button"
                data-testid="job-cancel"
                onClick={() => void cancel(job.id)}
              >
                {t('jobs.cancel')}
              </button>
            ) : null}
            {job.error ? <span className="error small">{job.error}</span> : null}
          </li>
        ))}
      </ul>
      {error ? <p className="error">{error}</p> : null}
      {current ? (
        <div className="job-detail" data-testid="job-detail" data-job-id={current.id}>
          <h3>
            {current.id} <span className="muted small">{current.backend ?? ''}</span>
          </h3>
          <LossChart points={loss[current.id] ?? []} />
          {current.stageMetrics.length > 0 ? (
            <table className="metrics-table small">
              <thead>
                <tr>
                  <th>{t('jobs.colStage')}</th>
                  <th>{t('jobs.colSteps')}</th>
                  <th>{t('jobs.colTime')}</th>
                  <th>{t('jobs.colSpeed')}</th>
                  <th>{t('jobs.colLoss')}</th>
                  <th>{t('jobs.colHeldOut')}</th>
                </tr>
              </thead>
              <tbody>
                {current.stageMetrics.map((m) => (
                  <tr key={m.stage}>
                    <td>{m.stage}</td>
                    <td>{number(m.steps)}</td>
                    <td>{duration(m.seconds)}</td>
                    <td>{m.tokensPerSecond === null ? '—' : number(Math.round(m.tokensPerSecond))}</td>
                    <td>
                      {metric(m.firstLoss)} → {metric(m.finalLoss)}
                    </td>
                    <td>
                      {m.heldOutAccuracy !== undefined ? t('jobs.accuracy', { value: metric(m.heldOutAccuracy) }) : ''}
                      {m.alignment !== undefined
                        ? t('jobs.alignment', { alignment: metric(m.alignment), uniformity: metric(m.uniformity) })
                        : ''}
                      {m.vocabSize !== undefined
                        ? t('jobs.vocab', {
                            vocab: m.vocabSize,
                            emotes: m.emoteTokens ?? 0,
                            perMessage: metric(m.tokensPerMessage, 1),
                          })
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <LogView lines={logs[current.id] ?? []} />
        </div>
      ) : null}
    </section>
  );
}
