'use client';

import { useEffect, useState } from 'react';
import type { LossPoint, TrainingJob, TrainingLogLine } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall, errorText } from '../../lib/admin/adminApi';
import { formatDuration, formatInstant, formatMetric, formatRate, jobFraction } from '../../lib/admin/formatTraining';
import { LossChart } from './LossChart';

const ACTIVE_STATES = new Set(['queued', 'running', 'interrupted']);

function ProgressLine({ job }: { job: TrainingJob }) {
  const p = job.progress;
  if (p === null) return <span className="muted small">no progress yet</span>;
  return (
    <span className="small mono" data-testid="job-progress">
      {p.stage} ({p.stageIndex + 1}/{p.stageCount}) step {p.step}/{p.totalSteps} · loss {formatMetric(p.loss)} · lr{' '}
      {formatRate(p.learningRate)} · {p.tokensPerSecond === null ? '—' : Math.round(p.tokensPerSecond)} tok/s · ETA{' '}
      {formatDuration(p.etaSeconds)}
    </span>
  );
}

/** A job's logs as plain text lines (never HTML). */
function LogView({ lines }: { lines: TrainingLogLine[] }) {
  return (
    <ol className="job-logs" data-testid="job-logs">
      {lines.map((l, i) => (
        <li key={i} className={`log-${l.level}`}>
          <span className="mono muted">{l.at.slice(11, 19)}</span> {l.message}
        </li>
      ))}
      {lines.length === 0 ? <li className="muted">No log lines yet.</li> : null}
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
      setError(`Could not cancel ${id}: ${errorText(err)}`);
    }
  };

  return (
    <section className="panel">
      <h2>Training jobs</h2>
      {jobs.length === 0 ? <p className="muted">No training job yet.</p> : null}
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
            <span className={`badge job-state-${job.state}`} data-testid="job-state">
              {job.state}
            </span>
            <span className="small muted">
              {job.request.preset} · {formatInstant(job.createdAt)}
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
                Cancel
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
                  <th>stage</th>
                  <th>steps</th>
                  <th>time</th>
                  <th>tok/s</th>
                  <th>loss first → final</th>
                  <th>held-out</th>
                </tr>
              </thead>
              <tbody>
                {current.stageMetrics.map((m) => (
                  <tr key={m.stage}>
                    <td>{m.stage}</td>
                    <td>{m.steps}</td>
                    <td>{formatDuration(m.seconds)}</td>
                    <td>{m.tokensPerSecond === null ? '—' : Math.round(m.tokensPerSecond)}</td>
                    <td>
                      {formatMetric(m.firstLoss)} → {formatMetric(m.finalLoss)}
                    </td>
                    <td>
                      {m.heldOutAccuracy !== undefined ? `acc ${formatMetric(m.heldOutAccuracy)}` : ''}
                      {m.alignment !== undefined
                        ? `align ${formatMetric(m.alignment)} unif ${formatMetric(m.uniformity)}`
                        : ''}
                      {m.vocabSize !== undefined
                        ? `vocab ${m.vocabSize}, ${m.emoteTokens ?? 0} emotes, ${formatMetric(m.tokensPerMessage, 1)} tok/msg`
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
