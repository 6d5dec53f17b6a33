import { describe, expect, it } from 'vitest';
import { matchPairs } from './matchPairs';

describe('matchPairs', () => {
  it('gives a split topic to the part with more of its members', () => {
    const matched = matchPairs([
      { topicId: 4, cluster: 0, weight: 40 },
      { topicId: 4, cluster: 1, weight: 60 },
    ]);
    expect([...matched]).toEqual([[1, 4]]);
  });

  it('gives a merged cluster the id of the topic that gave it more members', () => {
    const matched = matchPairs([
      { topicId: 2, cluster: 0, weight: 25 },
      { topicId: 7, cluster: 0, weight: 70 },
    ]);
    expect([...matched]).toEqual([[0, 7]]);
  });

  it('solves independent groups separately and maximises the total within a group', () => {
    const matched = matchPairs([
      { topicId: 1, cluster: 0, weight: 50 },
      { topicId: 1, cluster: 1, weight: 45 },
      { topicId: 2, cluster: 0, weight: 45 },
      { topicId: 3, cluster: 2, weight: 10 },
    ]);
    // Greedy would give cluster 0 to topic 1 (50) and leave topic 2 out; 45 + 45 keeps more messages.
    expect(matched.get(0)).toBe(2);
    expect(matched.get(1)).toBe(1);
    expect(matched.get(2)).toBe(3);
  });

  it('ignores pairs without positive weight', () => {
    expect(matchPairs([{ topicId: 1, cluster: 0, weight: 0 }]).size).toBe(0);
  });
});
