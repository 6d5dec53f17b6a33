import type { AnalysisJob, StoredAnalysis } from '../../../contracts/http/streamRoutes';

/** Whether a job may still change (the page keeps polling it). */
export function jobActive(job: Pick<AnalysisJob, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/**
 * The stored analysis to show first: the newest.
 * @example newestAnalysis([]) // null
 */
export function newestAnalysis(analyses: readonly StoredAnalysis[]): StoredAnalysis | null {
  let best: StoredAnalysis | null = null;
  for (const a of analyses) if (best === null || a.createdAt > best.createdAt) best = a;
  return best;
}

/**
 * The job of this stream the page should follow on opening: a queued or running one (newest first), else none.
 */
export function activeJob(jobs: readonly AnalysisJob[]): AnalysisJob | null {
  const active = jobs.filter(jobActive).sort((a, b) => b.startedAt - a.startedAt);
  return active[0] ?? null;
}

/**
 * Whole percent done, never 100 before the job is done (a bar that sits at 100 % while the last stage runs reads as
 * stuck).
 * @example jobPercent({ state: 'running', fraction: 0.999 }) // 99
 */
export function jobPercent(job: Pick<AnalysisJob, 'state' | 'fraction'>): number {
  if (job.state === 'done') return 100;
  return Math.min(99, Math.max(0, Math.floor(job.fraction * 100)));
}
