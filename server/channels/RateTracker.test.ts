import { describe, expect, it } from 'vitest';
import { RateTracker } from './RateTracker';

describe('RateTracker', () => {
  it('counts messages per elapsed second, with zeros for silent seconds', () => {
    const r = new RateTracker(10);
    for (const t of [0.1, 0.9, 2.5, 2.6, 2.7]) r.add(t);
    expect(r.snapshot(3)).toEqual([
      { t: 0, count: 2 },
      { t: 1, count: 0 },
      { t: 2, count: 3 },
      { t: 3, count: 0 },
    ]);
  });

  it('keeps only the last window, reusing slots without stale counts', () => {
    const r = new RateTracker(5);
    r.add(1);
    r.add(1);
    r.add(7);
    const points = r.snapshot(7);
    expect(points.map((p) => p.t)).toEqual([3, 4, 5, 6, 7]);
    expect(points.map((p) => p.count)).toEqual([0, 0, 0, 0, 1]);
    r.add(2); // older than the window: ignored
    expect(r.snapshot(7).reduce((a, p) => a + p.count, 0)).toBe(1);
  });

  it('forgets everything on reset', () => {
    const r = new RateTracker(5);
    r.add(3);
    r.reset();
    expect(r.snapshot(-1)).toEqual([]);
    expect(r.snapshot(3).every((p) => p.count === 0)).toBe(true);
  });
});
