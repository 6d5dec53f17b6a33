import { describe, expect, it } from 'vitest';
import { labelSimilarityPairs, termCosine } from './termSimilarity';

const t = (term: string, score: number) => ({ term, score });

describe('termCosine', () => {
  it('is 1 for the same label in another order and 0 without a shared term', () => {
    expect(termCosine([t('gg', 0.9), t('ez', 0.2)], [t('ez', 0.2), t('gg', 0.9)])).toBeCloseTo(1, 12);
    expect(termCosine([t('gg', 0.9)], [t('pizza', 0.9)])).toBe(0);
    expect(termCosine([], [t('gg', 1)])).toBe(0);
  });

  it('weighs terms by score', () => {
    const a = [t('gg', 0.9), t('ez', 0.1)];
    expect(termCosine(a, [t('gg', 1)])).toBeGreaterThan(termCosine(a, [t('ez', 1)]));
    expect(termCosine(a, [t('gg', 1)])).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 12);
  });
});

describe('labelSimilarityPairs', () => {
  it('lists exactly the pairs at or above the threshold, weighted by their cosine', () => {
    const clusters = [
      { index: 3, terms: [t('gg', 0.8), t('wp', 0.3)] },
      { index: 5, terms: [t('pizza', 1)] },
    ];
    const topics = [
      { id: 1, terms: [t('gg', 0.9), t('ez', 0.2)] },
      { id: 2, terms: [t('pizza', 0.2), t('ananas', 0.9)] },
    ];
    const pairs = labelSimilarityPairs(clusters, topics, 0.5);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.topicId).toBe(1);
    expect(pairs[0]!.cluster).toBe(3);
    expect(pairs[0]!.weight).toBeCloseTo(termCosine(clusters[0]!.terms, topics[0]!.terms), 12);
    // Cluster 5 and topic 2 share "pizza" but their cosine is below 0.5.
    expect(termCosine(clusters[1]!.terms, topics[1]!.terms)).toBeLessThan(0.5);
    expect(labelSimilarityPairs(clusters, topics, 0.2).some((p) => p.topicId === 2 && p.cluster === 5)).toBe(true);
  });
});
