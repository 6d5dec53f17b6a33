import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { TopicPipelineParamsSchema } from '../../../contracts/analysis';
import { clusterMessages } from './clusterMessages';
import { jsNeighbourSearch } from './NeighbourSearch';

function seeded(seed: number) {
  return Lcg32.numericalRecipes(seed).toFunction();
}

/**
 * A ten-minute window of chat with no shared subject (random message vectors) plus eight copies of one spam line:
 * the shape of a quiet live window, where the layout has no density structure and the spam sits far away.
 */
function structurelessWindow(seed: number) {
  const rand = seeded(seed);
  const dim = 16;
  const n = 300;
  const spam = Array.from({ length: dim }, () => rand() - 0.5);
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) vectors[i * dim + k] = i < 8 ? spam[k]! : rand() - 0.5;
  const elapsed = Array.from({ length: n }, (_, i) => (i * 600) / n);
  const texts = Array.from({ length: n }, (_, i) => (i < 8 ? '+1' : `message ${i}`));
  return { vectors, dim, elapsed, texts };
}

const largestShare = (labels: Int32Array) => {
  const sizes = new Map<number, number>();
  for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  return Math.max(0, ...sizes.values()) / labels.length;
};

describe('a window without density structure', () => {
  // Seed 2 is a window that collapses: without a limit (the reference) 94% of it is one topic, with the former
  // limit of half the messages still 42%.
  it('collapsed into one topic under the reference selection and the former limit', async () => {
    const share = async (maxClusterShare: number) =>
      largestShare(
        (
          await clusterMessages(
            structurelessWindow(2),
            TopicPipelineParamsSchema.parse({ hdbscan: { maxClusterShare }, moments: { enabled: false } }),
            { neighbours: jsNeighbourSearch, skipSilhouettes: true },
          )
        ).labels,
      );
    expect(await share(1)).toBeGreaterThan(0.6);
    expect(await share(0.5)).toBeGreaterThan(0.3);
  });

  it('never puts more than a fifth of its messages in one topic with the defaults, and keeps the spam together', async () => {
    const params = TopicPipelineParamsSchema.parse({ moments: { enabled: false } });
    for (const seed of [1, 2, 3, 4]) {
      const { labels } = await clusterMessages(structurelessWindow(seed), params, {
        neighbours: jsNeighbourSearch,
        skipSilhouettes: true,
      });
      expect(largestShare(labels)).toBeLessThanOrEqual(0.2);
      expect(new Set(labels.slice(0, 8)).size).toBe(1);
      expect(labels[0]).toBeGreaterThanOrEqual(0);
    }
  });
});
