import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { ChatTopicsError, type ErrorKind } from '../../models/errors/ChatTopicsError';
import { startTsWorker } from '../../models/runtime/startTsWorker';

/** A call as the worker receives it on its port. */
export interface BlockingRequest {
  id: number;
  op: string;
  args: unknown[];
}

/** The worker's answer: a value, or an error's message and code. */
export type BlockingAnswer = { id: number; value: unknown } | { id: number; error: string; code?: string };

/**
 * What the worker gets as `workerData` besides its own data: the port, and two shared integers: a counter it bumps
 * after each answer, and a flag it sets when it dies.
 */
export interface BlockingWorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** The worker did not answer in time (a database that stopped answering): kind `upstream`. */
export class BlockingCallTimeout extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';
}

/** Slot 0: answers posted so far. Slot 1: 1 once the worker died (no answer will ever come). */
const ANSWERS = 0;
const DEAD = 1;

/**
 * Synchronous calls into an asynchronous worker: the caller posts a request and sleeps on a shared counter
 * (`Atomics.wait`) until the worker has posted the answer and bumped the counter, then takes the answer off the port
 * (`receiveMessageOnPort`). It lets a synchronous interface sit on an asynchronous client, at the cost of the
 * caller's thread waiting for each answer, as it waits for a disk read with SQLite.
 *
 * Answers carry the call's id: one that comes after its call timed out is dropped, never taken for the next one's.
 */
export class BlockingCalls {
  readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private nextId = 1;
  private deathCause: string | null = null;

  /**
   * @param entry the worker module; it answers on `workerData.port` (see `serveBlockingCalls`)
   * @param data more `workerData` for it
   */
  constructor(entry: URL, data: Record<string, unknown>) {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(8);
    this.signal = new Int32Array(shared);
    this.port = port1;
    this.worker = startTsWorker(entry, {
      data: { ...data, port: port2, signal: shared } satisfies Record<string, unknown> & BlockingWorkerData,
      transferList: [port2],
    });
    // The worker never keeps the process alive on its own: `close()` ends it, and an exit must not wait for it.
    this.worker.unref();
    // Its death is told to callers through the shared flag; the error event (which would otherwise end this process)
    // is kept to name the cause.
    this.worker.on('error', (err) => (this.deathCause = err.message));
  }

  /**
   * Calls `op` in the worker and waits for its answer.
   * @throws BlockingCallTimeout after `timeoutMs`; an `Error` with the worker's message (and `code`) if it failed
   */
  call<T>(op: string, args: unknown[], timeoutMs: number): T {
    const id = this.nextId++;
    this.port.postMessage({ id, op, args } satisfies BlockingRequest);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, ANSWERS);
      // Take every answer that is there: a stale one (its call timed out) is dropped.
      for (let got = receiveMessageOnPort(this.port); got; got = receiveMessageOnPort(this.port)) {
        const answer = got.message as BlockingAnswer;
        if (answer.id !== id) continue;
        if ('error' in answer) throw Object.assign(new Error(answer.error), { code: answer.code });
        return answer.value as T;
      }
      // The main thread cannot see the worker's exit event while it waits here: the worker says so itself.
      if (Atomics.load(this.signal, DEAD) === 1)
        throw new BlockingCallTimeout(
          `no answer to ${op}: the thread that runs it has died${this.deathCause ? ` (${this.deathCause})` : ''}`,
        );
      const left = deadline - Date.now();
      if (left <= 0) throw new BlockingCallTimeout(`no answer to ${op} within ${timeoutMs} ms`);
      // Sleeps only while the counter is what it was before the port was read: an answer posted in between woke it.
      Atomics.wait(this.signal, ANSWERS, seen, left);
    }
  }

  /** Whether the worker died (every call now fails at once). */
  get dead(): boolean {
    return Atomics.load(this.signal, DEAD) === 1;
  }

  /** Ends the worker (after the caller's last call has been answered). */
  async terminate(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

/**
 * The worker's side: runs each request's `op` on `handlers` (a map of operations, or one function that takes the
 * operation's name), one at a time in arrival order, and answers it.
 * @example serveBlockingCalls(workerData as BlockingWorkerData, { ping: async () => 'pong' });
 */
export function serveBlockingCalls(
  data: BlockingWorkerData,
  handlers:
    Record<string, (...args: never[]) => Promise<unknown>> | ((op: string, args: unknown[]) => Promise<unknown>),
): void {
  const run =
    typeof handlers === 'function'
      ? handlers
      : async (op: string, args: unknown[]) => {
          const handler = handlers[op];
          if (!handler) throw new Error(`unknown operation ${op}`);
          return handler(...(args as never[]));
        };
  const signal = new Int32Array(data.signal);
  // A worker that dies (an error nothing caught, an exit) says so, so that a waiting caller fails at once instead of
  // sleeping until its timeout. The error itself still ends the thread, as Node does by default.
  const died = () => {
    Atomics.store(signal, DEAD, 1);
    Atomics.add(signal, ANSWERS, 1);
    Atomics.notify(signal, ANSWERS);
  };
  process.once('exit', died);
  // The monitor leaves Node's handling as it is (the thread still ends); an unhandled rejection comes through it too.
  process.on('uncaughtExceptionMonitor', died);
  let queue: Promise<void> = Promise.resolve();
  data.port.on('message', (request: BlockingRequest) => {
    queue = queue.then(async () => {
      let answer: BlockingAnswer;
      try {
        answer = { id: request.id, value: await run(request.op, request.args) };
      } catch (err) {
        const e = err as Error & { code?: unknown };
        answer = { id: request.id, error: e.message, ...(typeof e.code === 'string' ? { code: e.code } : {}) };
      }
      data.port.postMessage(answer);
      Atomics.add(signal, ANSWERS, 1);
      Atomics.notify(signal, ANSWERS);
    });
  });
}
