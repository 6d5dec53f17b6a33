import type { RatePoint } from '../../contracts/socket-events';

/**
 * Per-second message counts over a sliding window of stream time (elapsed seconds, not wall time, so a replay at
 * x100 shows the stream's own rates). A ring of `windowSeconds` counters: O(1) per message, O(window) per snapshot.
 */
export class RateTracker {
  private readonly counts: Uint32Array;
  /** Elapsed second held by each ring slot (-1 = empty). */
  private readonly seconds: Float64Array;
  private latest = -1;

  constructor(readonly windowSeconds: number) {
    this.counts = new Uint32Array(windowSeconds);
    this.seconds = new Float64Array(windowSeconds).fill(-1);
  }

  /** Counts one message at `elapsed` seconds. Messages older than the window are ignored. */
  add(elapsed: number): void {
    const second = Math.floor(elapsed);
    if (second < 0 || second <= this.latest - this.windowSeconds) return;
    const slot = second % this.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot]! += 1;
    if (second > this.latest) this.latest = second;
  }

  /** Messages per second over the last `seconds` of the window (up to the newest message). */
  recentRate(seconds = 60): number {
    if (this.latest < 0) return 0;
    const points = this.snapshot(this.latest).slice(-seconds);
    return points.reduce((n, p) => n + p.count, 0) / Math.max(1, points.length);
  }

  /** Forgets everything (new stream, replay seek). */
  reset(): void {
    this.counts.fill(0);
    this.seconds.fill(-1);
    this.latest = -1;
  }

  /**
   * The window ending at `clock` (elapsed seconds), one point per second, oldest first; seconds without messages
   * count 0. Empty before the first message.
   */
  snapshot(clock: number): RatePoint[] {
    const end = Math.floor(Math.max(clock, this.latest));
    if (end < 0) return [];
    const start = Math.max(0, end - this.windowSeconds + 1);
    const points: RatePoint[] = [];
    for (let t = start; t <= end; t++) {
      const slot = t % this.windowSeconds;
      points.push({ t, count: this.seconds[slot] === t ? this.counts[slot]! : 0 });
    }
    return points;
  }
}
