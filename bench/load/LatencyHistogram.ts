/**
 * Millisecond latencies of a long run in constant memory: 1 ms buckets up to a minute, one overflow bucket.
 * 200 clients at 1,000 msg/s for a minute are 12 million samples; an array of them would weigh more than the
 * server under test.
 */
export class LatencyHistogram {
  private readonly buckets = new Float64Array(60_001);
  private count = 0;
  private max = 0;

  add(ms: number): void {
    const bucket = Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms)));
    this.buckets[bucket]!++;
    this.count++;
    this.max = Math.max(this.max, ms);
  }

  /** @param q quantile in [0, 1] @returns the bucket (ms) holding it; null without samples */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= rank) return ms;
    }
    return this.buckets.length - 1;
  }

  /** Non-empty buckets as [ms, count] pairs: what another process sends to be {@link merge}d. */
  toSparse(): { buckets: [number, number][]; max: number } {
    const buckets: [number, number][] = [];
    this.buckets.forEach((count, ms) => count > 0 && buckets.push([ms, count]));
    return { buckets, max: this.max };
  }

  merge(other: { buckets: [number, number][]; max: number }): void {
    for (const [ms, count] of other.buckets) {
      this.buckets[ms]! += count;
      this.count += count;
    }
    this.max = Math.max(this.max, other.max);
  }

  summary(): { samples: number; p50: number | null; p95: number | null; p99: number | null; max: number | null } {
    return {
      samples: this.count,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.count ? Math.round(this.max) : null,
    };
  }
}
