import { describe, expect, it } from 'vitest';
import type { AnalysisTopic } from '../../../contracts/analysis';
import { shortLabel, topicsInRange } from './topicsInRange';

const topic = (id: number, size: number, terms: string[] = []): AnalysisTopic => ({
  id,
  label: '',
  terms: terms.map((term, i) => ({ term, score: 1 / (i + 1) })),
  size,
  silhouette: null,
  firstElapsed: 0,
  lastElapsed: 0,
  representatives: [],
  moment: -1,
});

describe('topicsInRange', () => {
  const topics = [topic(0, 3), topic(1, 5), topic(2, 1)];
  const messages = [
    { topic: 0, elapsed: 10 },
    { topic: 0, elapsed: 11 },
    { topic: 0, elapsed: 300 },
    { topic: 1, elapsed: 12 },
    ...[200, 201, 202, 203].map((elapsed) => ({ topic: 1, elapsed })),
    { topic: 2, elapsed: 500 },
    { topic: -1, elapsed: 15 },
  ];

  it('lists every topic by size without a range', () => {
    expect(topicsInRange(topics, messages, null).map((e) => [e.topic.id, e.inRange])).toEqual([
      [1, 5],
      [0, 3],
      [2, 1],
    ]);
  });

  it('keeps only topics with messages inside the range, by their count there (bounds inclusive)', () => {
    expect(topicsInRange(topics, messages, [10, 12]).map((e) => [e.topic.id, e.inRange])).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('labels a topic by its first terms, or its id without terms', () => {
    expect(shortLabel(topic(4, 1, ['pizza', 'ananas', 'jamais', 'non']))).toBe('pizza / ananas / jamais');
    expect(shortLabel(topic(4, 1))).toBe('#4');
  });
});
