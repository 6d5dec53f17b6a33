import { describe, expect, it } from 'vitest';
import { jsNeighbourSearch } from '../../models/topics/pipeline';
import { runRefitJob } from './InProcessRefitter';
import { warmUpJob } from './refitWarmUp';

describe('warmUpJob', () => {
  it('is a window that runs every stage of a live refit, its subjects found as topics and moments', async () => {
    const job = warmUpJob({ messages: 200, dim: 32 });
    expect(job.vectors).toHaveLength(200 * 32);
    const result = await runRefitJob(job, jsNeighbourSearch);
    expect(result.nTopics).toBeGreaterThanOrEqual(4);
    expect(result.moments.nMoments).toBeGreaterThan(0);
    expect(result.silhouettes).not.toBeNull();
    expect(result.timings.map((t) => t.stage)).toEqual(
      expect.arrayContaining(['knn', 'umap', 'hdbscan', 'labels', 'moments', 'silhouette']),
    );
  });

  it('is the same window every time (the warm-up does the same work on every start)', () => {
    expect(warmUpJob({ messages: 50, dim: 8 })).toEqual(warmUpJob({ messages: 50, dim: 8 }));
  });
});
