/**
 * Sign-in attempts per remote address, and over all addresses, in a sliding window. An attempt is counted when it
 * starts, before the (slow, asynchronous) password check: counting failures after the check let 200 parallel guesses
 * all be evaluated. Past the limit an address is refused (even with the right password) until its oldest attempt
 * leaves the window; past the global limit everyone is, which bounds guessing from many addresses. A successful
 * sign-in forgets its address's attempts. A guess costs an attacker a minute, not 50 ms.
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();
  private global: number[] = [];

  /**
   * @param maxAttempts attempts allowed per address and window (default 5)
   * @param windowMs the window (default one minute)
   * @param now the clock (tests pass their own)
   * @param maxGlobalAttempts attempts allowed over all addresses per window (default 100)
   */
  constructor(
    private readonly maxAttempts = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxGlobalAttempts = 100,
  ) {}

  /**
   * Starts an attempt from `address`: 0 when it may go ahead (it is counted now), else the seconds to wait (it is
   * not counted).
   *
   * @example
   * if (limiter.begin(ip) > 0) refuse(); else if (await verify()) limiter.succeeded(ip);
   */
  begin(address: string): number {
    const since = this.now() - this.windowMs;
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > since);
    this.global = this.global.filter((t) => t > since);
    const wait = Math.max(this.waitFor(recent, this.maxAttempts), this.waitFor(this.global, this.maxGlobalAttempts));
    if (wait > 0) return wait;
    recent.push(this.now());
    this.global.push(this.now());
    this.attempts.set(address, recent);
    // Bound the map: addresses with no recent attempt are dropped now and then.
    if (this.attempts.size > 10_000)
      for (const [a, ts] of [...this.attempts]) if (ts.every((t) => t <= since)) this.attempts.delete(a);
    return 0;
  }

  /** A successful sign-in forgets the address's attempts (the global count keeps them). */
  succeeded(address: string): void {
    this.attempts.delete(address);
  }

  private waitFor(recent: number[], max: number): number {
    if (recent.length < max) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - max]! + this.windowMs - this.now()) / 1000));
  }
}
