/**
 * Failed sign-ins per remote address over a sliding window: past the limit, that address is refused (even with
 * the right password) until its oldest failure leaves the window. A guess costs an attacker a minute, not 50 ms.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  /**
   * @param maxFailures failures allowed per window (default 5)
   * @param windowMs the window (default one minute)
   * @param now the clock (tests pass their own)
   */
  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `address` may try again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.maxFailures]! + this.windowMs - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.set(address, recent);
    // Bound the map: addresses with no recent failure are dropped now and then.
    if (this.failures.size > 10_000) for (const a of [...this.failures.keys()]) if (this.recent(a).length === 0) this.failures.delete(a);
  }

  /** A successful sign-in clears the address's failures. */
  reset(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > since);
  }
}
