/**
 * A token bucket: holds up to `burst` tokens, refills at `ratePerSecond`, and each event takes one. A client may
 * send a burst (a page load subscribes, lists streams and joins at once) but not more than the rate on average.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param ratePerSecond sustained events per second
   * @param burst most events at once (the bucket's size); a full bucket to start with
   * @param now clock in ms (tests pass a fake one)
   */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1))
      throw new RangeError(`token bucket: rate ${ratePerSecond} must be > 0 and burst ${burst} >= 1`);
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token if there is one; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const t = this.now();
    // A clock that goes backwards (fake clocks, NTP steps) must not drain the bucket.
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.ratePerSecond);
  }
}
