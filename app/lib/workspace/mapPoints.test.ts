import { describe, expect, it } from 'vitest';
import type { TopicAnalysis } from '../../../contracts/analysis';
import { mapPoints, robustBounds } from './mapPoints';

const message = (i: number, topic: number) => ({
  id: `m${i}`,
  elapsed: i * 2,
  text: 't',
  topic,
  moment: -1,
  probability: 1,
  silhouette: null,
});

describe('mapPoints', () => {
  it('lines each point up with its message (topic and time) and measures the bounds', () => {
    const analysis = {
      messages: [message(0, 1), message(1, -1), message(2, 0)],
      map: { nNeighbors: 15, minDist: 0.1, x: [1, -2, 5], y: [0, 3, 1] },
    } as unknown as TopicAnalysis;
    const points = mapPoints(analysis)!;
    expect(points.count).toBe(3);
    expect([...points.topic]).toEqual([1, -1, 0]);
    expect([...points.elapsed]).toEqual([0, 2, 4]);
    expect(points.bounds).toEqual({ minX: -2, maxX: 5, minY: 0, maxY: 3 });
  });

  it('has no map for a windowed analysis or one whose map does not match its messages', () => {
    expect(mapPoints({ messages: [message(0, 1)] } as unknown as TopicAnalysis)).toBeNull();
    const short = { messages: [message(0, 1)], map: { nNeighbors: 15, minDist: 0.1, x: [], y: [] } };
    expect(mapPoints(short as unknown as TopicAnalysis)).toBeNull();
  });

  it('fits the view without the far outliers', () => {
    const n = 1000;
    const x = Float32Array.from({ length: n }, (_, i) => (i === 0 ? 1000 : i % 10));
    const y = Float32Array.from({ length: n }, (_, i) => (i === 1 ? -500 : i % 7));
    expect(robustBounds(x, y)).toEqual({ minX: 0, maxX: 9, minY: 0, maxY: 6 });
  });
});
