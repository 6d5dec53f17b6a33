import { describe, expect, it } from 'vitest';
import { QuotaError } from '../channels/QuotaError';
import { RequestError } from '../errors';
import { EventRateLimiter, FLOOD_WINDOW_MS } from './EventRateLimiter';

describe('EventRateLimiter', () => {
  it('accepts the burst, refuses beyond it, and disconnects past the flood bound', () => {
    const t = 0;
    const limiter = new EventRateLimiter({ ratePerSecond: 20, burst: 40, floodLimit: 5 }, () => t);
    const verdicts = Array.from({ length: 46 }, () => limiter.check());
    expect(verdicts.slice(0, 40).every((v) => v === 'accept')).toBe(true);
    expect(verdicts.slice(40, 45)).toEqual(['refuse', 'refuse', 'refuse', 'refuse', 'refuse']);
    expect(verdicts[45]).toBe('disconnect');
    expect(limiter.refusedTotal).toBe(6);
  });

  it('throttles a client a little over the rate without cutting it off; cuts off one far over it', () => {
    const run = (eventsPerSecond: number) => {
      let t = 0;
      const limiter = new EventRateLimiter({ ratePerSecond: 10, burst: 10, floodLimit: 60 }, () => t);
      const counts = { accept: 0, refuse: 0, disconnect: 0, disconnectedAtMs: -1 };
      for (let i = 0; i < eventsPerSecond * 60; i++) {
        t = (i * 1000) / eventsPerSecond;
        const verdict = limiter.check();
        counts[verdict]++;
        if (verdict === 'disconnect') {
          counts.disconnectedAtMs = t;
          break;
        }
      }
      return counts;
    };
    // 15/s for a minute: 5 refused a second, 50 per 10-s window, under the bound of 60.
    const slightly = run(15);
    expect(slightly.disconnect).toBe(0);
    expect(slightly.refuse).toBeGreaterThan(250);
    expect(slightly.accept).toBeGreaterThanOrEqual(600);
    // 200/s: the burst, then refusals pile up past 60 within the first half second.
    const flood = run(200);
    expect(flood.disconnect).toBe(1);
    expect(flood.disconnectedAtMs).toBeLessThan(FLOOD_WINDOW_MS / 10);
  });

  it('explains the refusal: which event, the limit, and the settings that raise it', () => {
    const limiter = new EventRateLimiter({ ratePerSecond: 20, burst: 40, floodLimit: 100 });
    const err = limiter.error('channel:join');
    expect(err).toBeInstanceOf(QuotaError);
    expect(err).toBeInstanceOf(RequestError);
    expect(err.message).toMatch(
      /"channel:join" was ignored.*20 per second, bursts of 40.*socketEventBurst.*socketEventRate.*CHAT_TOPICS_SOCKET_EVENT_RATE/,
    );
  });
});
