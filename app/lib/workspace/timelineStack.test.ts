import { describe, expect, it } from 'vitest';
import { binSpan, OTHER, stackTimeline } from './timelineStack';

const timeline = {
  binSeconds: 60,
  bins: 4,
  topics: [
    { topic: 0, counts: [5, 5, 0, 0] },
    { topic: 1, counts: [0, 0, 9, 9] },
    { topic: 2, counts: [1, 1, 1, 1] },
  ],
  noise: [2, 0, 0, 1],
};

describe('stackTimeline', () => {
  it('keeps the largest topics as layers, largest first, and sums the rest as "other"', () => {
    const stack = stackTimeline(timeline, null, 2);
    expect(stack.layers.map((l) => l.key)).toEqual([1, 0, OTHER]);
    expect(stack.layers[2]!.counts).toEqual([1, 1, 1, 1]);
    expect(stack.totals).toEqual([8, 6, 10, 11]);
  });

  it('ranks topics by their messages inside the brushed range, over the whole stream', () => {
    const stack = stackTimeline(timeline, [0, 119], 1);
    expect(stack.layers.map((l) => l.key)).toEqual([0, OTHER]);
    // Layers still span every bin: the axis stays the whole stream.
    expect(stack.layers[1]!.counts).toEqual([1, 1, 10, 10]);
  });

  it('leaves "other" out when every topic has its own layer', () => {
    expect(stackTimeline(timeline, null, 10).layers.map((l) => l.key)).toEqual([1, 0, 2]);
  });

  it('turns a range into the bins it touches, clamped', () => {
    expect(binSpan(timeline, [90, 200])).toEqual([1, 3]);
    expect(binSpan(timeline, [-50, 1e9])).toEqual([0, 3]);
    expect(binSpan(timeline, null)).toEqual([0, 3]);
  });
});
