import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { TSX_EXEC_ARGV } from '../../models/runtime/tsxLoader';
import { describeChildCrash } from './describeChildCrash';

/** Characters of the child's stderr kept to explain a crash. */
const STDERR_TAIL = 4000;

export interface JobChildProcessOptions<M extends { type: string }> {
  /** The child's module (forked with tsx). */
  entry: URL;
  /** The process, for a crash's message: `the training process`. */
  what: string;
  /** Its messages' protocol. */
  schema: z.ZodType<M>;
  /** The message types that are its last word (done, error, cancelled): kept for `onExit`, not passed on. */
  finalTypes: readonly M['type'][];
  /** JavaScript heap limit of the child in MB. */
  heapMb: number;
  /** After SIGTERM, how long the child may take to stop before SIGKILL. */
  killGraceMs: number;
  /** Every well-formed message but its last word, in order. */
  onMessage: (message: M) => void;
  /** A message that is not one of the protocol's (logged by the caller, otherwise ignored). */
  onMalformed: (issue: string) => void;
  /** Once, when the process has exited: why it ended, as the outcome tells. */
  onExit: (outcome: ChildOutcome<M>) => void;
}

/** How a child ended: its last word (done, error, cancelled) if it said one, else why it died. */
export type ChildOutcome<M> =
  | { kind: 'said'; final: M; stopped: 'cancel' | 'close' | null }
  | { kind: 'stopped'; stopped: 'cancel' | 'close' }
  | { kind: 'crashed'; reason: string };

/**
 * One job's child process (an analysis, a training run): forked with tsx and a heap limit, so a crash or an
 * out-of-memory ends it alone; sent its job, heard over IPC, stopped with SIGTERM then SIGKILL. Keeps the tail of its
 * stderr to explain a crash.
 *
 * @example
 * const child = new JobChildProcess(start, { entry, what: 'the analysis process', schema, finalTypes: ['done', 'error'],
 *   heapMb: 4096, killGraceMs: 2000, onMessage, onMalformed, onExit });
 * child.stop('cancel'); await child.exited;
 */
export class JobChildProcess<M extends { type: string }> {
  /** Resolves once the process has exited and `onExit` has run. */
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private stopping: 'cancel' | 'close' | null = null;
  private stderr = '';
  private final: M | null = null;
  private killTimer: NodeJS.Timeout | null = null;

  /**
   * Forks the child and sends it `start`.
   * @throws whatever `fork` throws when the process cannot start
   */
  constructor(
    start: unknown,
    private readonly options: JobChildProcessOptions<M>,
  ) {
    this.child = fork(fileURLToPath(options.entry), [], {
      execArgv: [...TSX_EXEC_ARGV, `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const child = this.child;
    child.stdout?.resume();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.keepStderr(chunk));
    child.on('error', (err) => this.keepStderr(`\n${err.message}`));
    child.on('message', (raw) => this.hear(raw));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        if (this.killTimer) clearTimeout(this.killTimer);
        try {
          options.onExit(this.outcome(code, signal));
        } finally {
          resolve();
        }
      }),
    );
    child.send(start as object);
  }

  /** The process id (null before the OS gave one). */
  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** SIGTERM now, SIGKILL after the grace period; the first call's reason is kept. */
  stop(why: 'cancel' | 'close'): void {
    if (this.stopping) return;
    this.stopping = why;
    this.child.kill('SIGTERM');
    this.killTimer = setTimeout(() => this.child.kill('SIGKILL'), this.options.killGraceMs);
    this.killTimer.unref();
  }

  /** SIGKILL now, no checkpoint (the job runs elsewhere, and only that run may write its files). */
  kill(): void {
    this.stopping ??= 'close';
    this.child.kill('SIGKILL');
  }

  private keepStderr(text: string): void {
    this.stderr = (this.stderr + text).slice(-STDERR_TAIL);
  }

  private hear(raw: unknown): void {
    const parsed = this.options.schema.safeParse(raw);
    if (!parsed.success) return this.options.onMalformed(parsed.error.issues[0]?.message ?? 'not a message');
    const message = parsed.data;
    if (this.options.finalTypes.includes(message.type)) this.final = message;
    else this.options.onMessage(message);
  }

  private outcome(code: number | null, signal: NodeJS.Signals | null): ChildOutcome<M> {
    if (this.final) return { kind: 'said', final: this.final, stopped: this.stopping };
    if (this.stopping) return { kind: 'stopped', stopped: this.stopping };
    const { what, heapMb } = this.options;
    return { kind: 'crashed', reason: describeChildCrash(what, { code, signal, stderr: this.stderr }, heapMb) };
  }
}
