import type { Logger } from 'pino';
import type { ChatLine } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import { exclusionReason, type ExclusionCounts } from '../analysis/selectClusterable';
import { embedWithRetries } from './embedWithRetries';
import { LoadShedder, type LoadShedderOptions } from './LoadShedder';
import type { WindowEntry } from './TopicWindow';

/** Where embedded batches go: the engine's window and placement. */
export interface IngestSink {
  /** A batch is about to be embedded, in arrival order (the engine starts afresh here when the clock went back). */
  arriving(lines: readonly ChatLine[]): void;
  /** A batch embedded as window entries, with each one's arrival (`performance.now()`); resolves once placed. */
  embedded(entries: WindowEntry[], arrived: readonly number[]): Promise<void>;
}

/** What a window re-embedding tells the engine (it starts, it ended with these ids refused) and asks of it. */
export interface ReembedHooks {
  begin(): void;
  /** The window's entries when the step runs: their vectors are replaced in place. */
  entries(): readonly WindowEntry[];
  end(failed: ReadonlySet<string>): void;
}

export interface IngestQueueDeps {
  channel: string;
  embedder: Embedder;
  sink: IngestSink;
  logger: Logger;
  shedding?: LoadShedderOptions;
  /** Caps the share of new messages kept to what the refits can follow (`RefitPacer`); none: no cap. */
  pacing?: IntakePacing;
  /**
   * Most messages waiting to be embedded and placed (default 2048). A replay at x1000 sends far more than placement
   * can follow; beyond this the newest are left out and counted `dropped`. The next refit still clusters the window.
   */
  maxPending?: number;
  /** Most messages embedded and placed in one step (default 256). */
  batchSize?: number;
  /** Texts per request when the window is re-embedded by a new model (default 256; the embed service queues 4096). */
  reembedChunk?: number;
  /** Overload retries of a re-embedding request (defaults: see `embedWithRetries`). */
  reembedRetries?: number;
  reembedRetryMs?: number;
}

export type IntakeCounts = ExclusionCounts & { dropped: number };

/** What the queue tells the refit pacer and asks of it (see `RefitPacer`). */
export interface IntakePacing {
  /** A message the engine would cluster arrived, at stream time `elapsed` (before any sampling). */
  offered(elapsed: number): void;
  /** The most of new messages to keep, in (0, 1]. */
  keepCap(): number;
}

/**
 * The way in to a channel's topics: counts and leaves out messages never clustered (deleted, bot, command, empty),
 * samples under overload (`LoadShedder`), bounds what waits, and embeds in batches, one step at a time, in order.
 * Every other step that must see the window between two batches (a model switch, a re-placement) joins the same
 * chain through {@link then}, so no message is embedded by one model and placed by another's fit.
 *
 * Why batches: live chat arrives one message at a time, and a chain of one-message embeddings is bounded by the
 * round trip to the embedder's thread (about a hundred messages a second), far below what it embeds in batches.
 */
export class IngestQueue {
  /** Messages waiting, oldest first, each with the step of the chain it belongs to ({@link then} starts a new one). */
  private readonly queue: { line: ChatLine; arrived: number; epoch: number }[] = [];
  private epoch = 0;
  /**
   * The batch being embedded and placed: its size, and the arrival and stream time of its oldest message (the
   * shedder's measures).
   */
  private inFlight: { count: number; since: number; sinceElapsed: number } | null = null;
  /** The drain of the current epoch, if any (new messages join it). */
  private draining: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly shedder: LoadShedder;
  private readonly excluded: IntakeCounts = { deleted: 0, bot: 0, command: 0, empty: 0, dropped: 0 };
  private current: Embedder;
  private closed = false;

  constructor(private readonly deps: IngestQueueDeps) {
    this.shedder = new LoadShedder(deps.shedding);
    this.current = deps.embedder;
  }

  /** The embedder new messages are embedded with. */
  get embedder(): Embedder {
    return this.current;
  }

  /** Messages waiting for the embedder or being embedded and placed. */
  get pending(): number {
    return this.queue.length + (this.inFlight?.count ?? 0);
  }

  /** Whether the shedder samples new messages now (chat comes faster than it is embedded). */
  get overloaded(): boolean {
    return this.shedder.keepRatio < 1;
  }

  /** What the snapshot shows of the way in: the embedder, messages left out so far by reason, and the sampling. */
  intake(): { embedder: string; excluded: IntakeCounts; shed: { keepRatio: number; messages: number } } {
    return {
      embedder: this.current.id,
      excluded: { ...this.excluded },
      shed: { keepRatio: this.shedder.keepRatio, messages: this.shedder.shed },
    };
  }

  /** Counts messages the engine left out after they were queued (removed by moderation, not re-embedded). */
  count(reason: 'deleted' | 'dropped', messages: number): void {
    this.excluded[reason] += messages;
  }

  /** New chat lines, in order. Resolves once they are embedded and placed (or left out). */
  push(lines: readonly ChatLine[]): Promise<void> {
    const arrived = performance.now();
    const max = this.deps.maxPending ?? 2048;
    // A half-full queue counts as overload at once: in the first second of a burst it fills before anything waits long.
    const oldest = this.inFlight?.since ?? this.queue[0]?.arrived ?? null;
    const oldestElapsed = this.inFlight?.sinceElapsed ?? this.queue[0]?.line.message.elapsed ?? null;
    const newestElapsed = lines.reduce((max, line) => Math.max(max, line.message.elapsed), -Infinity);
    this.shedder.observe(
      this.pending > max / 2 ? Infinity : oldest === null ? 0 : arrived - oldest,
      arrived,
      oldestElapsed === null ? 0 : Math.max(0, newestElapsed - oldestElapsed),
    );
    const clusterable = this.clusterable(lines);
    const { pacing } = this.deps;
    if (pacing) {
      // The cap follows the window's arrivals, this batch's included.
      for (const line of clusterable) pacing.offered(line.message.elapsed);
      this.shedder.limit(pacing.keepCap());
    }
    const kept = clusterable.filter(() => this.shedder.admit());
    if (kept.length > 0 && this.pending + kept.length > max) this.excluded.dropped += kept.length;
    else if (kept.length > 0) {
      const epoch = this.epoch;
      for (const line of kept) this.queue.push({ line, arrived, epoch });
      if (!this.draining) this.chain = this.draining = this.chain.then(() => this.drain(epoch));
    }
    return this.draining ?? this.chain;
  }

  /**
   * Runs a step after everything pushed or chained before it; what is pushed later waits for it (a drain running now
   * stops at the messages pushed before the step, and a new drain follows the step).
   * @returns the step's own outcome; the chain itself logs a failure and goes on (it carries every later message)
   */
  then(step: () => Promise<void> | void, failure: string, level: 'warn' | 'error' = 'warn'): Promise<void> {
    this.epoch++;
    this.draining = null;
    const run = this.chain.then(step);
    this.chain = run.catch((err: unknown) => this.deps.logger[level]({ err, channel: this.deps.channel }, failure));
    return run;
  }

  /**
   * Re-embeds the window with another model as a step of the chain: messages queued before it finish with the old
   * model, messages pushed after it wait and are embedded by the new one only. A request the new model keeps
   * refusing leaves its messages out (`hooks.end` gets their ids).
   */
  switchEmbedder(next: Embedder, hooks: ReembedHooks): Promise<void> {
    return this.then(
      async () => {
        if (this.closed) return;
        hooks.begin();
        const entries = hooks.entries();
        const failed = new Set<string>();
        const replaced: (Float32Array | null)[] = [];
        const chunk = this.deps.reembedChunk ?? 256;
        const { logger, channel, reembedRetries: retries, reembedRetryMs: retryMs } = this.deps;
        for (let start = 0; start < entries.length; start += chunk) {
          const part = entries.slice(start, start + chunk);
          const vectors = await embedWithRetries(
            part.map((e) => e.text),
            {
              embedder: next,
              logger,
              channel,
              stopped: () => this.closed,
              ...(retries === undefined ? {} : { retries }),
              ...(retryMs === undefined ? {} : { retryMs }),
            },
          );
          if (vectors === null) for (const entry of part) failed.add(entry.id);
          replaced.push(...(vectors ?? part.map(() => null)));
        }
        // In place and in one synchronous step: each message stays in the window once, and a refit that starts while
        // the chunks are embedded sees the old model's vectors only (a mix failed to pack and crashed the refit).
        entries.forEach((entry, i) => {
          const vector = replaced[i];
          if (vector) entry.vector = vector;
        });
        this.current = next;
        logger.info(
          { channel, embedder: next.id, reembedded: entries.length - failed.size, dropped: failed.size },
          'topic engine: embedder switched',
        );
        hooks.end(failed);
      },
      'topic engine: embedder switch failed',
      'error',
    );
  }

  /**
   * Messages from before the engine started (the last minutes of a stream the channel goes on after a restart or a
   * takeover), as a step of the chain: left out by reason like any message, never sampled nor dropped for load (they
   * are old, not late), embedded a batch at a time and entered in order. Live messages pushed meanwhile wait for them.
   * A batch the embedder refuses is counted `dropped`.
   */
  seed(lines: readonly ChatLine[]): Promise<void> {
    const clusterable = this.clusterable(lines);
    return this.then(async () => {
      const size = this.deps.batchSize ?? 256;
      for (let start = 0; start < clusterable.length && !this.closed; start += size) {
        const batch = clusterable.slice(start, start + size);
        await this.embed(
          batch,
          batch.map(() => performance.now()),
        );
      }
    }, 'topic engine: recent messages not entered');
  }

  /** Stops taking batches; resolves once the step running now (and those chained before) ended. */
  close(): Promise<void> {
    this.closed = true;
    return this.chain;
  }

  /** The lines the engine clusters; the others are counted by reason (bot, command, deleted, empty). */
  private clusterable(lines: readonly ChatLine[]): ChatLine[] {
    return lines.filter((line) => {
      const reason = exclusionReason(line.message);
      if (reason !== null) this.excluded[reason]++;
      return reason === null;
    });
  }

  /** Embeds the queued messages of `epoch`, a batch at a time, until none is left. */
  private async drain(epoch: number): Promise<void> {
    for (;;) {
      if (this.closed) this.queue.length = 0;
      // Checked and cleared in one synchronous step: a push right after sees no drain and starts one.
      if (this.queue[0]?.epoch !== epoch) {
        if (this.epoch === epoch) this.draining = null;
        return;
      }
      let end = 0;
      while (end < (this.deps.batchSize ?? 256) && this.queue[end]?.epoch === epoch) end++;
      const batch = this.queue.splice(0, end);
      this.inFlight = { count: batch.length, since: batch[0]!.arrived, sinceElapsed: batch[0]!.line.message.elapsed };
      try {
        await this.embed(
          batch.map((q) => q.line),
          batch.map((q) => q.arrived),
        );
      } catch (err) {
        this.deps.logger.warn({ err, channel: this.deps.channel }, 'topic engine: messages not embedded');
      } finally {
        this.inFlight = null;
      }
    }
  }

  private async embed(lines: ChatLine[], arrived: number[]): Promise<void> {
    this.deps.sink.arriving(lines);
    let vectors: Float32Array[];
    try {
      vectors = await this.current.embed(lines.map((l) => l.message.text));
    } catch (err) {
      this.excluded.dropped += lines.length;
      this.deps.logger.warn(
        { err, channel: this.deps.channel, messages: lines.length },
        'topic engine: embedding refused, messages left out',
      );
      return;
    }
    await this.deps.sink.embedded(
      lines.map((line, i) => windowEntry(line, vectors[i]!)),
      arrived,
    );
  }
}

function windowEntry(line: ChatLine, vector: Float32Array): WindowEntry {
  const m = line.message;
  return {
    seq: line.seq,
    id: m.id,
    text: m.text,
    user: m.user.displayName || m.user.login,
    elapsed: m.elapsed,
    emotes: m.emotes.map((e) => ({ name: e.name })),
    vector,
    topic: null,
    moment: null,
    fitted: false,
  };
}
