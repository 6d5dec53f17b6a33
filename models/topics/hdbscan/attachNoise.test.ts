import { describe, expect, it } from 'vitest';
import { attachNoise, attachPoints } from './attachNoise';

// Two 1-D topics with points 0.1 apart (median spacing 0.1), and left-out points at various distances.
const clustered = [0, 0.1, 0.2, 0.3, 5, 5.1, 5.2, 5.3];
const topicOf = [0, 0, 0, 0, 1, 1, 1, 1];

function fitWith(extra: number[]) {
  const points = Float64Array.from([...clustered, ...extra]);
  const labels = Int32Array.from([...topicOf, ...extra.map(() => -1)]);
  return { points, labels };
}

describe('attachNoise', () => {
  it('gives a left-out point the topic of its nearest clustered point when it lies within ratio x the spacing', () => {
    const { points, labels } = fitWith([0.45, 4.85, 2.6]);
    const { labels: out, attached, attachment } = attachNoise(points, 1, labels, 2);
    expect(attachment.maxDistance).toBeCloseTo(0.2, 10);
    // 0.45 is 0.15 from 0.3 (topic 0); 4.85 is 0.15 from 5 (topic 1); 2.6 is 2.3 from anything: stays out.
    expect(Array.from(out.slice(8))).toEqual([0, 1, -1]);
    expect(Array.from(attached)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(Array.from(out.slice(0, 8))).toEqual(topicOf);
  });

  it('leaves every label as HDBSCAN gave it with ratio 0, and does not change its input', () => {
    const { points, labels } = fitWith([0.45, 4.85]);
    const before = Array.from(labels);
    const { labels: out, attachment } = attachNoise(points, 1, labels, 0);
    expect(Array.from(out)).toEqual(before);
    expect(Array.from(labels)).toEqual(before);
    expect(attachment.maxDistance).toBe(0);
  });

  it('scales with the layout: the same points ten times farther apart attach the same way', () => {
    const { points, labels } = fitWith([0.45, 4.85, 2.6]);
    const scaled = points.map((x) => x * 10);
    expect(Array.from(attachNoise(scaled, 1, labels, 2).labels)).toEqual(
      Array.from(attachNoise(points, 1, labels, 2).labels),
    );
  });

  it('attaches nothing when HDBSCAN clustered nothing', () => {
    const labels = new Int32Array(4).fill(-1);
    const { labels: out } = attachNoise(Float64Array.of(0, 1, 2, 3), 1, labels, 2);
    expect(Array.from(out)).toEqual([-1, -1, -1, -1]);
  });
});

describe('attachPoints', () => {
  it('places later points by the rule of the fit, in several dimensions', () => {
    // 2-D: topic 0 around the origin, topic 1 around (10, 10).
    const points = Float64Array.of(0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1);
    const labels = Int32Array.of(0, 0, 0, 1, 1, 1);
    const { attachment } = attachNoise(points, 2, labels, 2);
    const later = Float64Array.of(0.15, 0.1, 9.9, 9.95, 5, 5);
    expect(Array.from(attachPoints(attachment, later, 2))).toEqual([0, 1, -1]);
    expect(Array.from(attachPoints(attachment, later, 2, [2, 1]))).toEqual([-1, 1]);
  });
});
