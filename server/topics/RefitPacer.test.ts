import { describe, expect, it } from 'vitest';
import { RefitPacer } from './RefitPacer';

/**
 * A pacer over a 10-minute window of at most 10,000 messages (sampled down to 100 at most) that has seen `rate` messages
 * a second for `seconds`.
 */
function pacerAt(rate: number, seconds: number, options: { minWindow?: number } = {}) {
  const pacer = new RefitPacer({
    windowSeconds: 600,
    windowMessages: 10_000,
    refitStreamSeconds: 45,
    minWindow: 100,
    ...options,
  });
  for (let i = 0; i < rate * seconds; i++) pacer.offered(i / rate);
  return pacer;
}

describe('RefitPacer', () => {
  it('keeps every message while refits take less stream time than allowed (a live channel at x1)', () => {
    const pacer = pacerAt(5, 900);
    expect(pacer.fullWindow).toBe(3000);
    for (let r = 0; r < 10; r++) pacer.refitted({ messages: 3000, streamSeconds: 8 });
    expect(pacer.keepCap()).toBe(1);
    expect(pacer.affordableWindow).toBe(Infinity);
  });

  it('after a refit that took too long, keeps the share of new messages whose window a refit takes in time', () => {
    const pacer = pacerAt(5, 900);
    // 3,000 messages took 5 stream minutes (3 s at x100): 450 fit in the 45 s allowed.
    pacer.refitted({ messages: 3000, streamSeconds: 300 });
    expect(pacer.affordableWindow).toBeCloseTo(450, 6);
    expect(pacer.keepCap()).toBeCloseTo(450 / 3000, 6);
  });

  it('grows back by at most 1.5x a quick refit, and lifts the cap once it affords the window', () => {
    const pacer = pacerAt(5, 900);
    pacer.refitted({ messages: 3000, streamSeconds: 300 });
    // 450 messages in 4.5 stream seconds would allow 4,500: one quick refit proves little.
    pacer.refitted({ messages: 450, streamSeconds: 4.5 });
    expect(pacer.affordableWindow).toBeCloseTo(675, 6);
    const caps = [pacer.keepCap()];
    for (let r = 0; r < 10 && pacer.keepCap() < 1; r++) {
      pacer.refitted({ messages: pacer.affordableWindow, streamSeconds: 4.5 });
      caps.push(pacer.keepCap());
    }
    expect(caps.at(-1)).toBe(1);
    expect(caps.length).toBeLessThanOrEqual(6);
    expect(pacer.affordableWindow).toBeGreaterThanOrEqual(3000);
    for (let i = 1; i < caps.length; i++) expect(caps[i]!).toBeGreaterThan(caps[i - 1]!);
    // Affording the largest window the channel may hold, it keeps no limit at all.
    for (let r = 0; r < 5; r++) pacer.refitted({ messages: 3000, streamSeconds: 4.5 });
    expect(pacer.affordableWindow).toBe(Infinity);
  });

  it('never makes the window smaller than its floor, however slow the refit', () => {
    const pacer = pacerAt(5, 900, { minWindow: 150 });
    pacer.refitted({ messages: 20, streamSeconds: 600 });
    expect(pacer.affordableWindow).toBe(150);
    expect(pacer.keepCap()).toBeCloseTo(150 / 3000, 6);
  });

  it('counts only the arrivals of the last window span, at most the window size', () => {
    const pacer = new RefitPacer({ windowSeconds: 600, windowMessages: 2000 });
    for (let t = 0; t < 600; t++) pacer.offered(t);
    expect(pacer.fullWindow).toBe(600);
    // Ten minutes later the first ten minutes have left the span (counted in buckets of 10 s).
    for (let t = 600; t < 1200; t++) pacer.offered(t);
    expect(pacer.fullWindow).toBe(600);
    for (let i = 0; i < 5000; i++) pacer.offered(1200 + i / 100);
    expect(pacer.fullWindow).toBe(2000);
  });

  it('starts the count afresh when the clock goes back (a replay seek), keeping what a refit affords', () => {
    const pacer = pacerAt(5, 900);
    pacer.refitted({ messages: 3000, streamSeconds: 300 });
    pacer.offered(10);
    expect(pacer.fullWindow).toBe(1);
    expect(pacer.affordableWindow).toBeCloseTo(450, 6);
    expect(pacer.keepCap()).toBe(1);
  });

  it('keeps the stream clock of the newest message offered, embedded or not', () => {
    const pacer = new RefitPacer({ windowSeconds: 600, windowMessages: 10_000 });
    expect(pacer.clock).toBe(0);
    pacer.offered(12.5);
    pacer.offered(12);
    pacer.offered(40);
    expect(pacer.clock).toBe(40);
    pacer.offered(5); // a seek back: the clock follows
    expect(pacer.clock).toBe(5);
  });

  it('ignores a refit that measured nothing (no message, or the clock went back while it ran)', () => {
    const pacer = pacerAt(5, 900);
    pacer.refitted({ messages: 0, streamSeconds: 300 });
    pacer.refitted({ messages: 3000, streamSeconds: -120 });
    expect(pacer.keepCap()).toBe(1);
  });
});
