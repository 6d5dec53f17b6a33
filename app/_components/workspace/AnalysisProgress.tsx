'use client';

import type { AnalysisJob } from '../../../contracts/http/streamRoutes';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { jobPercent } from '../../lib/workspace/analysisJobs';

/** A running analysis: a bar with the stage's name and percent, the time left, and a cancel button. */
export function AnalysisProgress({
  job,
  onCancel,
  cancelling,
}: {
  job: AnalysisJob;
  /** Null for a viewer (who may not cancel). */
  onCancel: (() => void) | null;
  cancelling: boolean;
}) {
  const { t, duration } = useI18n();
  const percent = jobPercent(job);
  const stage = t(job.stage ? `ws.stage.${job.stage}` : 'ws.stage.none');
  const label = job.state === 'queued' ? t('ws.analyse.queued') : t('ws.analyse.progress', { stage, percent });
  return (
    <div className="ws-progress" data-testid="ws-progress" data-state={job.state} data-stage={job.stage ?? ''}>
      <div
        className="ws-progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
      >
        <div className="ws-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="ws-progress-label" data-testid="ws-progress-label">
        {label}
      </span>
      <span className="muted small" data-testid="ws-progress-eta">
        {job.etaSeconds === null ? t('ws.analyse.etaUnknown') : t('ws.analyse.eta', { eta: duration(job.etaSeconds) })}
      </span>
      {onCancel ? (
        <button type="button" className="small-button" data-testid="ws-cancel" disabled={cancelling} onClick={onCancel}>
          {t('ws.analyse.cancel')}
        </button>
      ) : null}
    </div>
  );
}
