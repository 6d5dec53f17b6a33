import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_TRACKER_OPTIONS } from './options';
import { TopicTrendCounts, trendDirection } from './trend';

const settings = { ...DEFAULT_TOPIC_TRACKER_OPTIONS, trendBinSeconds: 60, trendBins: 10, recentBins: 2 };

describe('TopicTrendCounts', () => {
  it('bins assignments by clock and shifts the window with the clock', () => {
    const counts = new TopicTrendCounts(60);
    for (const t of [5, 30, 65, 130]) counts.recordAssignment(t);
    expect(counts.window(130, 3)).toEqual([2, 1, 1]);
    // One bin later the oldest bin has left the 3-bin window and an empty current bin entered.
    expect(counts.window(190, 3)).toEqual([1, 1, 0]);
  });

  it('does not count an assignment twice when the refit recounts its bin from members', () => {
    const counts = new TopicTrendCounts(60);
    counts.recordAssignment(70);
    counts.recordAssignment(100);
    counts.recordAssignment(125); // after the refit's clock: not among the members
    counts.recountFromMembers([10, 70, 100], 1, 120);
    expect(counts.window(125, 3)).toEqual([1, 2, 1]);
    expect(counts.pendingCount).toBe(1);
  });

  it('keeps counts of bins that left the window, raised to the members where higher', () => {
    const counts = new TopicTrendCounts(60);
    counts.recountFromMembers([10, 20, 30, 70], 0, 90);
    // Next refit: the window starts in bin 0 (at 25), so bin 0 is partly gone and keeps its old count of 3.
    counts.recountFromMembers([30, 70, 80, 150], 1, 150);
    expect(counts.window(150, 3)).toEqual([3, 2, 1]);
  });

  it('without member times counts only the new members not already assigned', () => {
    const counts = new TopicTrendCounts(60);
    counts.addNewMembers(10, 60);
    counts.recordAssignment(70);
    counts.recordAssignment(80);
    counts.addNewMembers(5, 90); // 2 of the 5 new members were the assignments
    expect(counts.window(90, 2)).toEqual([0, 10 + 2 + 3]);
  });
});

describe('trendDirection', () => {
  const endOfBin = 599.999; // clock near the end of bin 9: the current bin is nearly complete

  it('calls a rising rate growing, a falling one fading and a flat one steady', () => {
    expect(trendDirection([5, 5, 5, 5, 5, 5, 5, 5, 20, 20], endOfBin, settings)).toBe('growing');
    expect(trendDirection([20, 20, 20, 20, 20, 20, 20, 20, 5, 5], endOfBin, settings)).toBe('fading');
    expect(trendDirection([10, 10, 10, 10, 10, 10, 10, 10, 10, 10], endOfBin, settings)).toBe('steady');
  });

  it('ignores the bins before the first message (a young topic is not growing just because it is young)', () => {
    expect(trendDirection([0, 0, 0, 0, 0, 0, 10, 10, 10, 10], endOfBin, settings)).toBe('steady');
  });

  it('scales the current bin by the part of it that has elapsed', () => {
    // At 540 + 15 s the current bin holds 3 messages: 3 per quarter bin is the same rate as 12 per bin.
    expect(trendDirection([12, 12, 12, 12, 12, 12, 12, 12, 12, 3], 555, settings)).toBe('steady');
    expect(trendDirection([12, 12, 12, 12, 12, 12, 12, 12, 12, 3], endOfBin, settings)).toBe('fading');
  });

  it('stays steady on too few messages or without earlier bins', () => {
    expect(trendDirection([0, 0, 0, 0, 0, 0, 0, 1, 0, 4], endOfBin, settings)).toBe('steady');
    expect(trendDirection([0, 0, 0, 0, 0, 0, 0, 0, 30, 40], endOfBin, settings)).toBe('steady');
  });
});
