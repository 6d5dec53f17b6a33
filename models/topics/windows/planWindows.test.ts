import { describe, expect, it } from 'vitest';
import { ownerWindows, planWindows } from './planWindows';

describe('planWindows', () => {
  it('steps overlapping windows from the first message until one reaches past the last', () => {
    const elapsed = [10, 20, 100, 200, 390, 400];
    const windows = planWindows(elapsed, 200, 100);
    expect(windows.map((w) => [w.start, w.end, w.from, w.to])).toEqual([
      [10, 210, 0, 4],
      [110, 310, 3, 4],
      [210, 410, 4, 6],
    ]);
  });

  it('keeps empty windows so that window k starts at first + k x step', () => {
    const windows = planWindows([0, 1000], 100, 50);
    expect(windows[5]).toEqual({ start: 250, end: 350, from: 1, to: 1 });
    expect(windows.at(-1)!.end).toBeGreaterThan(1000);
  });

  it('refuses a step wider than the window (messages would fall between windows)', () => {
    expect(() => planWindows([0, 1], 10, 20)).toThrow(RangeError);
    expect(planWindows([], 10, 5)).toEqual([]);
  });
});

describe('ownerWindows', () => {
  it('gives each message the window whose centre is closest, a window that contains it', () => {
    const elapsed = Array.from({ length: 500 }, (_, i) => i * 1.7);
    const windows = planWindows(elapsed, 120, 45);
    const owners = ownerWindows(elapsed, windows);
    elapsed.forEach((t, i) => {
      const w = windows[owners[i]!]!;
      expect(t).toBeGreaterThanOrEqual(w.start);
      expect(t).toBeLessThan(w.end);
      const distance = Math.abs(t - (w.start + w.end) / 2);
      for (const other of windows) expect(distance).toBeLessThanOrEqual(Math.abs(t - (other.start + other.end) / 2));
    });
  });

  it('breaks a tie towards the later window, so a message on a window end never belongs to it', () => {
    // Step = width: the centres are 50 and 150; t = 100 is equally far and is the first window's (exclusive) end.
    const elapsed = [0, 100, 199];
    expect([...ownerWindows(elapsed, planWindows(elapsed, 100, 100))]).toEqual([0, 1, 1]);
  });
});
