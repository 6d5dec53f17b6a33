import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../runtime/startTsWorker';
import type { TokenIdsEmbedder } from './Embedder';
import { EmbedderClosedError, EmbedWorkerError, type EmbeddingError } from './errors';
import {
  rebuildError,
  type FromWorker,
  type ToWorker,
  type WorkerEmbedderInfo,
  type WorkerEmbedderSpec,
  type WorkerMemory,
} from './workerProtocol';

export type { WorkerEmbedderInfo, WorkerEmbedderSpec, WorkerMemory } from './workerProtocol';

export interface WorkerEmbedderOptions {
  /** Longest the worker may take to load its embedder (verifying and opening a model), in ms. Default 120,000. */
  startTimeoutMs?: number;
}

/** A request to the worker before it gets its id. */
type Outgoing = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

/** A request sent to the worker and not answered yet. */
interface InFlight {
  resolve(message: FromWorker): void;
  reject(err: EmbeddingError): void;
}

const ENTRY = new URL('./embedWorker.ts', import.meta.url);
/** How long `close()` lets the worker release its session before terminating it anyway. */
const CLOSE_GRACE_MS = 2000;

/**
 * Runs an embedder in a `worker_threads` Worker, so inference never blocks the server's event loop. The worker is
 * TypeScript, started through tsx, so this works under vitest, the CLI and the server alike.
 *
 * A load failure rejects {@link start} with the worker's message. A crash later (uncaught error, exit) fails the
 * requests in flight and every later one with {@link EmbedWorkerError}: nothing hangs. Requests run one at a time in
 * the worker, in the order sent.
 *
 * @example
 * const embedder = await WorkerEmbedder.start({ kind: 'model', modelDir: 'models/twitch-fr', threads: 2, executionProvider: 'cpu', maxBatchSize: 64 });
 * embedder.info; // { id: 'convbert:twitch-fr@1', dimension: 256, executionProvider: 'cpu', threads: 2 }
 * const vectors = await embedder.embed(['salut', 'GG']);
 * await embedder.close();
 */
export class WorkerEmbedder implements TokenIdsEmbedder {
  readonly id: string;
  readonly dimension: number;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private failure: EmbeddingError | null = null;
  private closing: Promise<void> | null = null;
  /** Resolves with the thread's exit code once it has ended (after {@link close}, or a crash). */
  readonly exited: Promise<number>;

  private constructor(
    private readonly worker: Worker,
    /** What the worker loaded: id, dimension, and for models the execution provider and threads. */
    readonly info: WorkerEmbedderInfo,
  ) {
    this.id = info.id;
    this.dimension = info.dimension;
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('message', (message: FromWorker) => {
      if (!('id' in message)) return;
      const request = this.inFlight.get(message.id);
      if (request === undefined) return;
      this.inFlight.delete(message.id);
      if (message.type === 'failed') request.reject(rebuildError(message.error));
      else request.resolve(message);
    });
    worker.on('error', (err) =>
      this.fail(new EmbedWorkerError(`embed worker (${this.id}) crashed: ${err.message}`, { cause: err })),
    );
    worker.on('exit', (code) => this.fail(new EmbedWorkerError(`embed worker (${this.id}) exited (code ${code})`)));
  }

  /**
   * Starts a worker and waits until it has loaded its embedder.
   * @throws EmbedWorkerError with the worker's own message (e.g. the model directory's `ModelFormatError`) when it
   *   cannot load, or when loading takes longer than `startTimeoutMs`
   */
  static start(spec: WorkerEmbedderSpec, options: WorkerEmbedderOptions = {}): Promise<WorkerEmbedder> {
    const what =
      'modelDir' in spec
        ? `model ${spec.modelDir}`
        : spec.kind === 'module'
          ? `${spec.modulePath}#${spec.exportName}`
          : 'the bag-of-words embedder';
    const worker = startTsWorker(ENTRY, { data: { spec } });
    return new Promise<WorkerEmbedder>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          give(
            new EmbedWorkerError(
              `embed worker: loading ${what} took longer than ${options.startTimeoutMs ?? 120_000} ms`,
            ),
          ),
        options.startTimeoutMs ?? 120_000,
      );
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready') {
          settle();
          resolve(new WorkerEmbedder(worker, message.info));
        } else if (message.type === 'startFailed') {
          give(new EmbedWorkerError(`embed worker could not load ${what}: ${message.error.message}`));
        }
      };
      const onError = (err: Error) =>
        give(new EmbedWorkerError(`embed worker could not load ${what}: ${err.message}`, { cause: err }));
      const onExit = (code: number) =>
        give(new EmbedWorkerError(`embed worker exited (code ${code}) while loading ${what}`));
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const give = (err: EmbedWorkerError) => {
        settle();
        void worker.terminate();
        reject(err);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }

  /** Whether the worker crashed or was closed (every request now fails). */
  get failed(): boolean {
    return this.failure !== null;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    return this.unpack(await this.request({ type: 'embed', texts: [...texts] }));
  }

  /** @throws EmbedUnsupportedError when the worker's embedder takes texts only (the bag-of-words baseline) */
  async embedIds(
    sequences: readonly (readonly number[])[],
    typeIds?: readonly (readonly number[])[],
  ): Promise<Float32Array[]> {
    if (sequences.length === 0) return [];
    const message: Extract<Outgoing, { type: 'embedIds' }> = {
      type: 'embedIds',
      sequences: sequences.map((s) => [...s]),
    };
    if (typeIds !== undefined) message.typeIds = typeIds.map((t) => [...t]);
    return this.unpack(await this.request(message));
  }

  /** The worker's memory use (see {@link WorkerMemory}). */
  async memory(): Promise<WorkerMemory> {
    const answer = await this.request({ type: 'memory' });
    if (answer.type !== 'memory')
      throw new EmbedWorkerError(`embed worker answered "${answer.type}" to a memory request`);
    return answer.memory;
  }

  /**
   * Lets the worker finish the requests already sent and release its embedder (native sessions), then ends the
   * thread; after 2 s it is ended anyway, and what is still in flight fails with {@link EmbedderClosedError}.
   * Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.failure === null) {
        const released = this.request({ type: 'close' }).catch(() => undefined);
        await Promise.race([released, new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
      }
      this.fail(new EmbedderClosedError(`the embed worker (${this.id}) is closed`));
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private request(message: Outgoing): Promise<FromWorker> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  private unpack(answer: FromWorker): Float32Array[] {
    if (answer.type !== 'vectors')
      throw new EmbedWorkerError(`embed worker answered "${answer.type}" to an embed request`);
    const size = this.dimension;
    return Array.from({ length: answer.count }, (_, i) => answer.data.slice(i * size, (i + 1) * size));
  }

  /** Marks the worker failed (first reason wins) and fails every request in flight with it. */
  private fail(err: EmbeddingError): void {
    this.failure ??= err;
    for (const request of this.inFlight.values()) request.reject(this.failure);
    this.inFlight.clear();
  }
}
