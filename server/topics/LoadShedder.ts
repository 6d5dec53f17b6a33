/** How the shedder reacts; the defaults keep a message's wait for the embedder under about a second. */
export interface LoadShedderOptions {
  /** Above this wait (ms) of the oldest queued message the kept share is halved (default 1000). */
  highWaitMs?: number;
  /** Below this wait the kept share grows back (default 250). */
  lowWaitMs?: number;
  /** The share is adjusted at most this often (default 500 ms): one halving per look, not one per message. */
  adjustEveryMs?: number;
  /** Never keep less than this share (default 0.01: one message in a hundred still reaches the topics). */
  minRatio?: number;
  /**
   * Above this wait in stream time (seconds from the oldest waiting message to the newest arrived) the kept share is
   * halved too (default 15). A replay at x100 moves 100 stream seconds in one wall second: a wait the wall-clock
   * bound lets pass would put the topics minutes behind the stream. Live chat (x1) never reaches it first.
   */
  highWaitStreamSeconds?: number;
  /** The share grows back only while the stream-time wait is also below this (default 5 seconds). */
  lowWaitStreamSeconds?: number;
}

/**
 * Decides which new messages the topic engine clusters when chat comes faster than it can embed them. Every
 * message is still archived and shown; only the clustering works on a sample.
 *
 * Why a regular sample rather than a full queue that refuses the newest: a burst is what the streamer wants to see
 * clustered, and a queue that fills in the first second of a burst would cluster the burst's first second only.
 * Keeping one message in k, evenly spread, keeps every part of the burst in the topics at their true proportions.
 * The share follows the queue's delay (halved when the oldest waiting message has waited past `highWaitMs`, grown
 * back by a quarter when under `lowWaitMs`), so it needs no estimate of the embedder's speed, which changes with
 * the model, the machine and the other channels.
 *
 * @example
 * const shedder = new LoadShedder();
 * const kept = lines.filter(() => shedder.admit());
 * shedder.observe(oldestWaitMs, performance.now());
 */
export class LoadShedder {
  private ratio = 1;
  /** A ceiling on the kept share set from outside (`limit`): what the refits can take, not what the embedder can. */
  private cap = 1;
  private credit = 0;
  private lastAdjust = -Infinity;
  private shedCount = 0;
  private readonly highWaitMs: number;
  private readonly lowWaitMs: number;
  private readonly adjustEveryMs: number;
  private readonly minRatio: number;
  private readonly highWaitStream: number;
  private readonly lowWaitStream: number;

  constructor(options: LoadShedderOptions = {}) {
    this.highWaitMs = options.highWaitMs ?? 1000;
    this.lowWaitMs = options.lowWaitMs ?? 250;
    this.adjustEveryMs = options.adjustEveryMs ?? 500;
    this.minRatio = options.minRatio ?? 0.01;
    this.highWaitStream = options.highWaitStreamSeconds ?? 15;
    this.lowWaitStream = options.lowWaitStreamSeconds ?? 5;
  }

  /** Whether to cluster the next message; counts it as shed otherwise. */
  admit(): boolean {
    this.credit += this.keepRatio;
    if (this.credit >= 1) {
      this.credit -= 1;
      return true;
    }
    this.shedCount++;
    return false;
  }

  /**
   * Tells the shedder how long the oldest message waiting for the embedder has waited.
   * @param waitMs 0 when nothing waits
   * @param now the caller's clock (ms; `performance.now()`)
   * @param waitStreamSeconds the same wait in stream time: the newest message's stream clock less the oldest waiting
   *   one's (0 when nothing waits)
   */
  observe(waitMs: number, now: number, waitStreamSeconds = 0): void {
    if (now - this.lastAdjust < this.adjustEveryMs) return;
    if (waitMs > this.highWaitMs || waitStreamSeconds > this.highWaitStream)
      this.ratio = Math.max(this.minRatio, this.ratio / 2);
    else if (waitMs < this.lowWaitMs && waitStreamSeconds < this.lowWaitStream && this.ratio < 1)
      this.ratio = Math.min(1, this.ratio * 1.25 + 0.01);
    else return;
    this.lastAdjust = now;
  }

  /**
   * Keeps at most this share of new messages, whatever the embedder's queue says (`RefitPacer`: the share whose
   * window the refits can follow). The queue's own share goes on adjusting underneath.
   * @param cap in (0, 1]; below `minRatio` it counts as `minRatio`
   */
  limit(cap: number): void {
    this.cap = Math.min(1, Math.max(this.minRatio, cap));
  }

  /** The share of new messages clustered now (1: all): the queue's share under the ceiling set by {@link limit}. */
  get keepRatio(): number {
    return Math.min(this.ratio, this.cap);
  }

  /** Messages left out of the clustering by sampling since the start. */
  get shed(): number {
    return this.shedCount;
  }
}
