import type { Embedder } from './Embedder';
import { EmbeddingError, EmbedOverloadError, EmbedderClosedError } from './errors';
import { LatencyWindow, type LatencySummary } from './LatencyWindow';
import { LruCache } from './LruCache';
import { normaliseText } from './normaliseText';

/** What to do with a request when the queue has no room for its texts. */
export type OverloadPolicy = 'reject' | 'wait';

export interface EmbedServiceOptions {
  /**
   * Most texts sent to the inner embedder at once. Default 64: on ONNX Runtime CPU a ConvBERT-small batch of 64
   * chat messages already runs at the machine's throughput ceiling, and a bigger one only adds latency.
   */
  maxBatchSize?: number;
  /**
   * Longest a text waits for its batch to fill, in ms. Default 5: short next to one batch's inference time (tens of
   * ms), long enough to gather a chat burst into one batch.
   */
  maxWaitMs?: number;
  /**
   * Vectors kept, least recently used dropped first; 0 disables the cache. Default 50,000: chat repeats itself
   * (emotes, "GG", copypasta waves; about 6% of a French channel's messages repeat an earlier one exactly), the
   * repeats cluster in time, and 50,000 vectors of 256 floats are about 51 MB.
   */
  cacheSize?: number;
  /**
   * Most texts waiting for a batch (in-flight ones not counted). Default 4096: about ten seconds of a very busy
   * chat at ConvBERT's CPU speed; more would only answer late. Bounds the service's memory.
   */
  maxQueued?: number;
  /**
   * `'reject'` (default): a request that does not fit fails at once with {@link EmbedOverloadError}, nothing of it
   * queued, so a server can answer 503 and the live pipeline can drop or retry. `'wait'`: the caller's promise waits
   * for room, first come first served (for batch jobs that must embed everything; the waiting callers hold their
   * texts).
   */
  overload?: OverloadPolicy;
  /** Recent embedded texts the latency figures are computed over. Default 1024. */
  latencyWindow?: number;
  /** Clock in ms (tests pass a fake one). Default `performance.now`. */
  now?: () => number;
}

/** Counters since the service started, and its state now. */
export interface EmbedServiceStats {
  /** Calls to `embed`, rejected ones included. */
  requests: number;
  /** Texts in those calls. */
  texts: number;
  /** Texts answered from the cache. */
  cacheHits: number;
  /** `cacheHits / texts` over accepted requests (0 before any). */
  cacheHitRate: number;
  /** Texts that joined an identical text already queued or in flight (embedded once for all). */
  deduplicated: number;
  /** Vectors in the cache now. */
  cached: number;
  /** Calls to the inner embedder. */
  batches: number;
  meanBatchSize: number;
  /** Texts waiting for a batch now, and the most there ever were. */
  queued: number;
  peakQueued: number;
  /** Texts in the batch being embedded now. */
  inFlight: number;
  /** Requests refused with {@link EmbedOverloadError}. */
  rejected: number;
  /** Requests that had to wait for room (`overload: 'wait'`), and those waiting now. */
  waited: number;
  waiting: number;
  /** From a request's arrival to its vector, for texts that went through the inner embedder (not cache hits). */
  latencyMs: LatencySummary;
  /** Inner embedder calls that failed (each failed its batch's requests). */
  innerErrors: number;
}

/** A text waiting for (or being in) a batch; every request asking for the same key shares it. */
interface PendingText {
  key: string;
  /** When the request that queued it arrived (latency is measured from there). */
  arrivedAt: number;
  /** When it entered the queue (the batching delay is measured from there). */
  enqueuedAt: number;
  promise: Promise<Float32Array>;
  resolve(vector: Float32Array): void;
  reject(err: unknown): void;
}

type Slot = Float32Array | PendingText;

interface Waiter {
  keys: string[];
  arrivedAt: number;
  resolve(slots: Slot[]): void;
  reject(err: unknown): void;
}

/**
 * Puts a cache, request batching and a bounded queue in front of any embedder (a worker, a remote server, the
 * bag-of-words baseline), and is itself an {@link Embedder}.
 *
 * - Texts are keyed by {@link normaliseText}; a key embedded before comes from an LRU cache, and a key already queued
 *   or in flight is embedded once for everyone asking. The inner embedder receives the normalised text.
 * - Texts wait at most `maxWaitMs` for a batch to fill to `maxBatchSize`; one batch is in flight at a time while the
 *   next one fills.
 * - At most `maxQueued` texts wait; see {@link EmbedServiceOptions.overload} for what happens beyond.
 * - An inner failure fails the requests of that batch only; later requests go on.
 *
 * The service owns the inner embedder: `close()` closes it. Vectors returned are the caller's own copies.
 *
 * @example
 * const service = new EmbedService(await WorkerEmbedder.start(spec), { overload: 'reject' });
 * const vectors = await service.embed(['GG', 'gg wp', 'GG']); // 'GG' embedded once
 * service.stats().cacheHitRate;
 */
export class EmbedService implements Embedder {
  readonly id: string;
  readonly dimension: number;

  private readonly maxBatchSize: number;
  private readonly maxWaitMs: number;
  private readonly maxQueued: number;
  private readonly overload: OverloadPolicy;
  private readonly now: () => number;
  private readonly cache: LruCache<string, Float32Array>;
  private readonly latency: LatencyWindow;
  /** Keys queued or in flight. */
  private readonly pending = new Map<string, PendingText>();
  private readonly queue: PendingText[] = [];
  private readonly waiters: Waiter[] = [];
  private inFlight: PendingText[] | null = null;
  private inFlightDone: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly counts = {
    requests: 0,
    texts: 0,
    acceptedTexts: 0,
    cacheHits: 0,
    deduplicated: 0,
    batches: 0,
    batchedTexts: 0,
    peakQueued: 0,
    rejected: 0,
    waited: 0,
    innerErrors: 0,
  };

  /**
   * @param inner the embedder doing the work (closed by {@link close})
   * @param options see {@link EmbedServiceOptions} for each default and why
   */
  constructor(
    private readonly inner: Embedder,
    options: EmbedServiceOptions = {},
  ) {
    this.id = inner.id;
    this.dimension = inner.dimension;
    this.maxBatchSize = positiveInteger(options.maxBatchSize ?? 64, 'maxBatchSize');
    this.maxQueued = positiveInteger(options.maxQueued ?? 4096, 'maxQueued');
    this.maxWaitMs = options.maxWaitMs ?? 5;
    if (!(this.maxWaitMs >= 0 && Number.isFinite(this.maxWaitMs)))
      throw new RangeError(`maxWaitMs must be a number >= 0, got ${options.maxWaitMs}`);
    this.overload = options.overload ?? 'reject';
    if (this.overload !== 'reject' && this.overload !== 'wait')
      throw new RangeError(`overload must be "reject" or "wait", got ${JSON.stringify(options.overload)}`);
    this.cache = new LruCache(options.cacheSize ?? 50_000);
    this.latency = new LatencyWindow(options.latencyWindow ?? 1024);
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * One vector per text, in order.
   * @throws EmbedOverloadError when the queue has no room (`overload: 'reject'`), or the request alone holds more
   *   distinct new texts than `maxQueued`; nothing of the request was queued then
   * @throws EmbedderClosedError after `close()`
   * @throws whatever the inner embedder threw for this request's batch
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) throw new EmbedderClosedError('the embed service is closed');
    const arrivedAt = this.now();
    this.counts.requests++;
    this.counts.texts += texts.length;
    const keys = texts.map(normaliseText);
    const fresh = this.countFresh(keys);
    if (fresh > this.maxQueued) {
      this.counts.rejected++;
      throw new EmbedOverloadError(
        `request too large: ${fresh} new texts, the queue holds at most ${this.maxQueued}; split it`,
        'request-too-large',
      );
    }
    let slots: Slot[];
    // Waiters go first (FIFO): a request that fits must not overtake one that is waiting, unless it takes no room.
    if (fresh === 0 || (this.waiters.length === 0 && this.queue.length + fresh <= this.maxQueued)) {
      slots = this.admit(keys, arrivedAt);
    } else if (this.overload === 'reject') {
      this.counts.rejected++;
      throw new EmbedOverloadError(
        `overloaded: ${this.queue.length} texts queued (limit ${this.maxQueued}); retry later`,
        'queue-full',
      );
    } else {
      this.counts.waited++;
      slots = await new Promise<Slot[]>((resolve, reject) => this.waiters.push({ keys, arrivedAt, resolve, reject }));
    }
    const vectors = await Promise.all(slots.map((slot) => (slot instanceof Float32Array ? slot : slot.promise)));
    return vectors.map((v) => v.slice());
  }

  /** Counters and current state; see {@link EmbedServiceStats}. */
  stats(): EmbedServiceStats {
    const c = this.counts;
    return {
      requests: c.requests,
      texts: c.texts,
      cacheHits: c.cacheHits,
      cacheHitRate: c.acceptedTexts > 0 ? c.cacheHits / c.acceptedTexts : 0,
      deduplicated: c.deduplicated,
      cached: this.cache.size,
      batches: c.batches,
      meanBatchSize: c.batches > 0 ? c.batchedTexts / c.batches : 0,
      queued: this.queue.length,
      peakQueued: c.peakQueued,
      inFlight: this.inFlight?.length ?? 0,
      rejected: c.rejected,
      waited: c.waited,
      waiting: this.waiters.length,
      latencyMs: this.latency.summary(),
      innerErrors: c.innerErrors,
    };
  }

  /**
   * Fails queued and waiting requests with {@link EmbedderClosedError}, lets the batch in flight finish, then closes
   * the inner embedder. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const closedError = () => new EmbedderClosedError('the embed service was closed before this request was embedded');
    for (const waiter of this.waiters.splice(0)) waiter.reject(closedError());
    for (const entry of this.queue.splice(0)) {
      this.pending.delete(entry.key);
      entry.reject(closedError());
    }
    await this.inFlightDone;
    this.cache.clear();
    await this.inner.close();
  }

  /** Distinct keys of a request that are neither cached nor pending: what it would add to the queue. */
  private countFresh(keys: readonly string[]): number {
    const seen = new Set<string>();
    for (const key of keys) {
      if (!this.cache.has(key) && !this.pending.has(key)) seen.add(key);
    }
    return seen.size;
  }

  /** Resolves each key from the cache or a pending text, queues the rest. Synchronous, so room checks stay true. */
  private admit(keys: readonly string[], arrivedAt: number): Slot[] {
    this.counts.acceptedTexts += keys.length;
    const enqueuedAt = this.now();
    const slots = keys.map((key): Slot => {
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        this.counts.cacheHits++;
        return cached;
      }
      const pending = this.pending.get(key);
      if (pending !== undefined) {
        this.counts.deduplicated++;
        return pending;
      }
      const entry = newPendingText(key, arrivedAt, enqueuedAt);
      this.pending.set(key, entry);
      this.queue.push(entry);
      return entry;
    });
    this.counts.peakQueued = Math.max(this.counts.peakQueued, this.queue.length);
    this.schedule();
    return slots;
  }

  /** Lets waiting requests in, oldest first, while the oldest fits. */
  private admitWaiters(): void {
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0]!;
      // With an empty queue it goes in even if it overshoots (cached keys it counted on may have been evicted since).
      if (this.queue.length > 0 && this.queue.length + this.countFresh(waiter.keys) > this.maxQueued) return;
      this.waiters.shift();
      waiter.resolve(this.admit(waiter.keys, waiter.arrivedAt));
    }
  }

  /** Sends a batch now if one is due (full, or its oldest text waited `maxWaitMs`), else arms the timer. */
  private schedule(): void {
    if (this.closed || this.inFlight !== null || this.queue.length === 0) return;
    const due = this.queue[0]!.enqueuedAt + this.maxWaitMs - this.now();
    if (this.queue.length >= this.maxBatchSize || due <= 0) {
      this.dispatch();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.schedule();
    }, due);
  }

  private dispatch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue.splice(0, this.maxBatchSize);
    this.inFlight = batch;
    this.counts.batches++;
    this.counts.batchedTexts += batch.length;
    this.admitWaiters();
    this.inFlightDone = Promise.resolve()
      .then(() => this.inner.embed(batch.map((entry) => entry.key)))
      .then(
        (vectors) => this.settle(batch, vectors),
        (err: unknown) => this.fail(batch, err),
      )
      .finally(() => {
        this.inFlight = null;
        this.inFlightDone = null;
        this.schedule();
      });
  }

  private settle(batch: readonly PendingText[], vectors: readonly Float32Array[]): void {
    const bad =
      vectors.length !== batch.length
        ? `${vectors.length} vectors for ${batch.length} texts`
        : vectors.findIndex((v) => v.length !== this.dimension) >= 0
          ? `a vector of ${vectors.find((v) => v.length !== this.dimension)!.length} values, expected ${this.dimension}`
          : null;
    if (bad !== null) {
      this.fail(batch, new EmbeddingError(`embedder ${this.id} returned ${bad}`));
      return;
    }
    const done = this.now();
    batch.forEach((entry, i) => {
      const vector = vectors[i]!;
      this.pending.delete(entry.key);
      this.cache.set(entry.key, vector);
      this.latency.add(done - entry.arrivedAt);
      entry.resolve(vector);
    });
  }

  private fail(batch: readonly PendingText[], err: unknown): void {
    this.counts.innerErrors++;
    for (const entry of batch) {
      this.pending.delete(entry.key);
      entry.reject(err);
    }
  }
}

function newPendingText(key: string, arrivedAt: number, enqueuedAt: number): PendingText {
  let resolve!: (v: Float32Array) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<Float32Array>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every waiting request attaches its own handler; this one only keeps an unobserved failure from being reported
  // as unhandled when the last request asking for the text has already given up.
  promise.catch(() => undefined);
  return { key, arrivedAt, enqueuedAt, promise, resolve, reject };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}
