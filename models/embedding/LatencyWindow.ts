/** Latency percentiles over the most recent samples, in milliseconds (0 when there is no sample yet). */
export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
  /** Samples the figures are computed over (at most the window size). */
  samples: number;
}

/**
 * The last `size` latency samples in a ring buffer: memory stays fixed however long the server runs, and the
 * figures follow the current load rather than the whole history.
 *
 * @example
 * const w = new LatencyWindow(1024);
 * w.add(3.2); w.add(7.5);
 * w.summary().max; // 7.5
 */
export class LatencyWindow {
  private readonly ring: Float64Array;
  private count = 0;
  private next = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`latency window size must be an integer >= 1, got ${size}`);
    this.ring = new Float64Array(size);
  }

  add(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
  }

  /** Nearest-rank percentiles of the window (sorting a copy: called for stats, not per request). */
  summary(): LatencySummary {
    if (this.count === 0) return { p50: 0, p95: 0, max: 0, samples: 0 };
    const sorted = this.ring.slice(0, this.count).sort();
    const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
    return { p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]!, samples: this.count };
  }
}
