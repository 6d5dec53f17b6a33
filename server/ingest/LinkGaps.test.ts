import { describe, expect, it } from 'vitest';
import { LinkGaps } from './LinkGaps';

describe('LinkGaps', () => {
  it('counts each drop of an established link, its time down and the chat it likely missed', () => {
    const gaps = new LinkGaps();
    gaps.state('connecting', 0);
    gaps.state('connected', 500);
    gaps.state('reconnecting', 10_000, 20);
    expect(gaps.losses(12_000)).toEqual({ drops: 1, offlineSeconds: 2, missedEstimate: 0, down: true });
    gaps.state('reconnecting', 13_000, 20); // the same outage, told again
    gaps.state('connected', 14_000, 20);
    gaps.state('reconnecting', 20_000, 5);
    gaps.state('connected', 21_500, 5);
    expect(gaps.losses(30_000)).toEqual({ drops: 2, offlineSeconds: 5.5, missedEstimate: 80 + 8, down: false });
  });

  it('does not count a first connection that takes long, or a channel left on purpose', () => {
    const gaps = new LinkGaps();
    gaps.state('connecting', 0);
    gaps.state('reconnecting', 3000);
    gaps.state('connected', 9000);
    gaps.state('disconnected', 12_000);
    expect(gaps.losses(20_000)).toEqual({ drops: 0, offlineSeconds: 0, missedEstimate: 0, down: false });
  });
});
