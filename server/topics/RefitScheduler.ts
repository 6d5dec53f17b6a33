/** What the scheduler reads of the channel to decide, and the refit it starts. */
export interface RefitSchedulerDeps {
  /** Wall-clock floor: a refit at least this often while the window has its minimum and changed since the last. */
  refitSeconds: number;
  /** A refit once the stream clock moved this far past the last refit's (default 60). */
  refitStreamSeconds?: number;
  /** A refit once this share of the window arrived since the last refit (default 0.25; Infinity: never). */
  refitNewShare?: number;
  minMessages: number;
  windowSize(): number;
  /** Stream clock of the newest message. */
  clock(): number;
  hasFit(): boolean;
  /** True while new messages are sampled: the share of new messages then calls no refit. */
  overloaded(): boolean;
  /** The refit itself; `signal` aborts when the scheduler closes. Resolves once applied or given up. */
  run(signal: AbortSignal): Promise<void>;
}

/**
 * Decides when a channel refits: `refitStreamSeconds` of stream time, or `refitNewShare` of the window new, with the
 * wall-clock timer as the floor. Refits never queue: at most one runs, and one that comes due meanwhile starts from
 * the newest window once it ended, so a replay faster than the refits skips ahead instead of falling behind.
 *
 * @example
 * const scheduler = new RefitScheduler({ refitSeconds: 30, minMessages: 100, windowSize, clock, hasFit, overloaded, run });
 * scheduler.arrived(entries.length); // after each batch entered the window
 */
export class RefitScheduler {
  private running: Promise<void> | null = null;
  /** A refit asked for once the running one ends ({@link refitAfterCurrent}). */
  private after: Promise<void> | null = null;
  /** Messages that entered the window since the last refit started. */
  private arrivedSinceRefit = 0;
  /** Stream clock of the window the last refit started on. */
  private refitClock = 0;
  /** The window or the parameters changed without new messages (moderation, a new pipeline) since the last refit. */
  private changedSinceRefit = false;
  private readonly abort = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: RefitSchedulerDeps) {
    this.timer = setInterval(() => void this.onTimer(), deps.refitSeconds * 1000);
    this.timer.unref();
  }

  /** Messages entered the window: starts a refit if the stream has moved on enough. */
  arrived(messages: number): void {
    this.arrivedSinceRefit += messages;
    this.refitIfDue();
  }

  /**
   * The window or the refit's parameters changed without a new message (messages deleted, another pipeline chosen):
   * the wall-clock floor refits it even on a channel that went quiet.
   */
  changed(): void {
    this.changedSinceRefit = true;
  }

  /** Refits now (unless one runs: that one is returned) and resolves when it is applied or given up. */
  refitNow(): Promise<void> {
    if (this.abort.signal.aborted) return Promise.resolve();
    if (this.running) return this.running;
    if (this.deps.windowSize() < this.deps.minMessages) return Promise.resolve();
    this.arrivedSinceRefit = 0;
    this.changedSinceRefit = false;
    this.refitClock = this.deps.clock();
    const running = this.deps.run(this.abort.signal).finally(() => {
      this.running = null;
      // The stream may have moved on while it ran: the next one starts at once, from the newest window.
      this.refitIfDue();
    });
    this.running = running;
    return running;
  }

  /** Starts a refit once the running one (if any) ended, whatever the schedule says (the window's vectors changed). */
  refitAfterCurrent(): void {
    const after = (this.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        if (this.after === after) this.after = null;
        return this.refitNow();
      });
    this.after = after;
  }

  /** Resolves once no refit runs nor is asked for (one that comes due meanwhile is waited for too). */
  async whenIdle(): Promise<void> {
    for (let next = this.after ?? this.running; next; next = this.after ?? this.running)
      await next.catch(() => undefined);
  }

  /** Stops the timer and cancels the running refit (its signal aborts); resolves once it ended. */
  async close(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * The wall-clock floor. A fit of a window that has not changed since would give the same topics: an ended replay or
   * a channel gone silent would otherwise refit every `refitSeconds` for nothing, taking a core from the live ones.
   */
  private onTimer(): void {
    if (this.deps.hasFit() && this.arrivedSinceRefit === 0 && !this.changedSinceRefit) return;
    void this.refitNow();
  }

  private refitIfDue(): void {
    const { deps } = this;
    if (this.running || this.abort.signal.aborted || deps.windowSize() < deps.minMessages) return;
    const share = deps.refitNewShare ?? 0.25;
    // Under overload the share of new messages calls no refit: refits would take the cores from embedding (more
    // messages sampled out) and hold a second fit in memory (a 5,000 msg/s burst: 4 refits a minute, RSS 984 MB,
    // against 1 and 776 MB); stream time and the wall-clock floor still do.
    const shareDue = !deps.overloaded() && this.arrivedSinceRefit >= share * deps.windowSize();
    // The first refit as soon as the window has its minimum (unless refits on change are off: Infinity).
    const due = !deps.hasFit()
      ? Number.isFinite(share)
      : deps.clock() - this.refitClock >= (deps.refitStreamSeconds ?? 60) || shareDue;
    if (due) void this.refitNow();
  }
}
