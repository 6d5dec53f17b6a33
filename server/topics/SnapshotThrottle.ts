export interface SnapshotThrottleDeps {
  /** Builds and sends one snapshot. */
  send(): void;
  /** Least time between two scheduled sends (default 1000 ms). */
  intervalMs?: number;
  /** Wall clock in ms (default `Date.now`). */
  now?: () => number;
}

/**
 * Sends a channel's snapshot at most once a second while messages flow (each batch changes it), at once when it
 * matters (a refit's new topics go out before any assignment that names them).
 *
 * @example
 * const throttle = new SnapshotThrottle({ send: () => events.snapshot(engine.snapshot()) });
 * throttle.schedule(); // after a batch: sent within a second, merged with the next batches
 */
export class SnapshotThrottle {
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: SnapshotThrottleDeps) {}

  /** Sends once the interval since the last send has passed; calls meanwhile are merged into that one send. */
  schedule(): void {
    if (this.timer || this.closed) return;
    const now = this.deps.now ?? Date.now;
    const wait = Math.max(0, this.lastAt + (this.deps.intervalMs ?? 1000) - now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendNow();
    }, wait);
    this.timer.unref();
  }

  /** Sends now (a scheduled send still follows, if one is pending). */
  sendNow(): void {
    if (this.closed) return;
    this.lastAt = (this.deps.now ?? Date.now)();
    this.deps.send();
  }

  /** Sends nothing from now on, scheduled sends included. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
