import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('allows a full burst at once, then refuses until tokens refill', () => {
    let t = 0;
    const bucket = new TokenBucket(20, 40, () => t);
    const first = Array.from({ length: 45 }, () => bucket.take());
    expect(first.filter(Boolean)).toHaveLength(40);
    expect(first.slice(40)).toEqual([false, false, false, false, false]);
    t += 49; // 0.98 of a token at 20/s: still nothing
    expect(bucket.take()).toBe(false);
    t += 1; // one token exactly
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('sustains the rate on average and never holds more than the burst', () => {
    let t = 0;
    const bucket = new TokenBucket(20, 40, () => t);
    let accepted = 0;
    // 10 s at 100 attempts per second: the burst, then 20 per second.
    for (let i = 0; i < 1000; i++) {
      t += 10;
      if (bucket.take()) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(40 + 199);
    expect(accepted).toBeLessThanOrEqual(40 + 200);
    t += 3_600_000; // an hour idle refills to the burst, not beyond
    expect(bucket.available()).toBe(40);
  });

  it('does not drain when the clock goes backwards', () => {
    let t = 1000;
    const bucket = new TokenBucket(1, 2, () => t);
    bucket.take();
    t = 0;
    expect(bucket.available()).toBe(1);
  });

  it('refuses nonsense settings', () => {
    expect(() => new TokenBucket(0, 10)).toThrow(RangeError);
    expect(() => new TokenBucket(5, 0)).toThrow(RangeError);
  });
});
