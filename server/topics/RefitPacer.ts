/** What the pacer is told about the channel and how far it may go. */
export interface RefitPacerOptions {
  /** Stream seconds the topic window spans (`windowMinutes` x 60). */
  windowSeconds: number;
  /** Most messages the window holds. */
  windowMessages: number;
  /**
   * Stream seconds a refit's topics may come behind the stream: the wait for the embedder, then the refit (default
   * 45: three quarters of the default refit cadence, so the topics shown are never much more than two cadences behind).
   */
  refitStreamSeconds?: number;
  /**
   * The window is never sampled below this many messages (default 250: still a few dozen topics' worth, and a short
   * stream replayed fast keeps all its messages). 500 was too many for a loaded 2-core machine at x100: with other
   * work on both cores a 500-message refit took over a second, 100 stream-seconds, and the topics fell 3 minutes
   * behind; at 250 the same load kept them within 2.
   */
  minWindow?: number;
  /** Most the affordable window grows after a quick refit (default 1.5x: grows back in a few refits, not at once). */
  growth?: number;
}

/** Buckets the arrivals are counted in, over the window's span (each about 10 s of a 10-minute window). */
const BUCKETS = 60;

/**
 * Keeps a channel's window as large as the machine can refit at the stream's pace. A refit's topics should come at
 * most `refitStreamSeconds` of stream time behind the stream (from its window's newest message to the newest one that
 * has arrived when it ends: the wait for the embedder, then the refit). When a refit comes later (a x100 replay moves
 * 100 stream seconds a second while the embedder takes the cores), the window it could have refitted in time is
 * estimated from it (messages x allowed / taken: the cost grows about linearly with the window), and new messages are
 * sampled so the window holds about that many. The sample spreads over the whole span (`LoadShedder`), so the window
 * keeps its 10 minutes and their proportions, just fewer messages of them; sampling also frees the cores the embedder
 * took. After a quick refit the affordable window grows back by `growth` a refit. A live channel at x1 is not slowed
 * down by this: its refits take seconds of its minute.
 *
 * @example
 * const pacer = new RefitPacer({ windowSeconds: 600, windowMessages: 10_000 });
 * pacer.offered(line.message.elapsed);            // each message the engine would cluster, before sampling
 * pacer.refitted({ messages: 3000, streamSeconds: 300 }); // its topics came 5 stream minutes late
 * shedder.limit(pacer.keepCap());                  // about 450 / 3000: one message in 6.7
 */
export class RefitPacer {
  private readonly bucketSeconds: number;
  /** Messages offered per stream-time bucket, oldest first. */
  private readonly counts: { bucket: number; count: number }[] = [];
  private total = 0;
  private newest = 0;
  /** Messages a refit can take in the allowed stream time; Infinity until a refit said otherwise. */
  private affordable = Infinity;
  private readonly allowed: number;
  private readonly minWindow: number;
  private readonly growth: number;

  constructor(private readonly options: RefitPacerOptions) {
    this.bucketSeconds = options.windowSeconds / BUCKETS;
    this.allowed = options.refitStreamSeconds ?? 45;
    this.minWindow = options.minWindow ?? 250;
    this.growth = options.growth ?? 1.5;
  }

  /**
   * A message the engine would cluster arrived (counted before any sampling), at stream time `elapsed`. A clock gone
   * back by more than a bucket (a replay seek) starts the count afresh.
   */
  offered(elapsed: number): void {
    const bucket = Math.floor(elapsed / this.bucketSeconds);
    if (this.counts.length > 0 && bucket < this.counts.at(-1)!.bucket - 1) {
      this.counts.length = 0;
      this.total = 0;
    }
    this.newest = this.counts.length === 0 ? elapsed : Math.max(this.newest, elapsed);
    const last = this.counts.at(-1);
    if (last && last.bucket >= bucket) last.count++;
    else this.counts.push({ bucket, count: 1 });
    this.total++;
    // Buckets that left the window's span no longer count.
    while (this.counts.length > 0 && this.counts[0]!.bucket <= bucket - BUCKETS)
      this.total -= this.counts.shift()!.count;
  }

  /**
   * Stream time of the newest message offered: how far the stream has come, embedded or not (a refit's stream time
   * is measured on it; the window's own clock stays behind while messages wait for the embedder).
   */
  get clock(): number {
    return this.newest;
  }

  /** Messages the window would hold now if every message offered were kept. */
  get fullWindow(): number {
    return Math.min(this.total, this.options.windowMessages);
  }

  /** Messages the machine can refit in the allowed stream time, as last measured (Infinity: no limit seen). */
  get affordableWindow(): number {
    return this.affordable;
  }

  /**
   * A refit came back.
   * @param refit.messages the window it clustered
   * @param refit.streamSeconds how far behind the stream its topics come: from its window's newest message to the
   *   newest message offered now (the wait for the embedder, then the refit)
   */
  refitted(refit: { messages: number; streamSeconds: number }): void {
    const { messages, streamSeconds } = refit;
    if (!(messages > 0) || !(streamSeconds >= 0)) return;
    const estimate = streamSeconds > 0 ? (messages * this.allowed) / streamSeconds : Infinity;
    // Down at once (the next refits must catch up), up by `growth` at most (one quick refit proves little).
    const next = estimate < this.affordable ? estimate : Math.min(estimate, this.affordable * this.growth);
    this.affordable = Math.max(this.minWindow, next);
    // Once it affords the whole window, no limit is kept (a later slow refit measures afresh).
    if (this.affordable >= this.options.windowMessages) this.affordable = Infinity;
  }

  /** The share of new messages to keep so the window holds about what a refit can take in time (1: all). */
  keepCap(): number {
    const full = this.fullWindow;
    return full <= this.affordable ? 1 : this.affordable / full;
  }
}
