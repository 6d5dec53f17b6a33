import { describe, expect, it } from 'vitest';
import type { AnalysisJob, StoredAnalysis } from '../../../contracts/http/streamRoutes';
import { activeJob, jobActive, jobPercent, newestAnalysis } from './analysisJobs';

const job = (id: string, state: AnalysisJob['state'], startedAt: number, fraction = 0.5): AnalysisJob => ({
  id,
  streamId: 's',
  model: 'bow',
  state,
  stage: null,
  fraction,
  etaSeconds: null,
  startedAt,
  finishedAt: null,
  key: null,
  error: null,
});

const stored = (key: string, createdAt: number) => ({ key, createdAt }) as StoredAnalysis;

describe('analysis jobs on the stream page', () => {
  it('follows the newest queued or running job and ignores finished ones', () => {
    expect(jobActive(job('a', 'queued', 1))).toBe(true);
    expect(jobActive(job('a', 'cancelled', 1))).toBe(false);
    expect(activeJob([job('a', 'running', 1), job('b', 'done', 9), job('c', 'queued', 5)])?.id).toBe('c');
    expect(activeJob([job('b', 'failed', 9)])).toBeNull();
  });

  it('shows the newest stored analysis first', () => {
    expect(newestAnalysis([stored('old', 1), stored('new', 3), stored('mid', 2)])?.key).toBe('new');
    expect(newestAnalysis([])).toBeNull();
  });

  it('never shows 100 % before the job is done', () => {
    expect(jobPercent(job('a', 'running', 1, 0.999))).toBe(99);
    expect(jobPercent(job('a', 'done', 1, 0.5))).toBe(100);
    expect(jobPercent(job('a', 'running', 1, 0.423))).toBe(42);
  });
});
