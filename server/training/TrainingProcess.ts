import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TSX_EXEC_ARGV } from '../../models/runtime/tsxLoader';
import type { Logger } from '../logger';
import { ChildMessageSchema, type ChildMessage, type StartTrainingMessage } from './childProtocol';

const CHILD_ENTRY = new URL('./trainingChild.ts', import.meta.url);
/** Characters of the child's stderr kept to explain a crash. */
const STDERR_TAIL = 4000;

/** How a training child ended: its last word (`done`, `error`, `cancelled`), exit code or signal, stderr's tail. */
export interface TrainingExit {
  final: ChildMessage | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Why the parent stopped it, when it did. */
  stopping: 'cancel' | 'close' | null;
}

export interface TrainingProcessOptions {
  start: StartTrainingMessage;
  /** JavaScript heap limit of the child, in MB. */
  heapMb: number;
  /** After SIGTERM, how long the child may take to checkpoint and exit before SIGKILL. */
  killGraceMs: number;
  logger: Logger;
  /** Every valid message of the child but its last word (kept for `onExit`). */
  onMessage(message: ChildMessage): void;
  onExit(exit: TrainingExit): void;
}

/**
 * One training job's child process (`trainingChild.ts` forked with tsx and a heap limit): a crash or an out-of-memory
 * ends it alone. It is sent the job once; `stop` asks it to checkpoint and exit (SIGTERM), then kills it.
 */
export class TrainingProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private final: ChildMessage | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private why: 'cancel' | 'close' | null = null;
  /** Resolves once the child exited and `onExit` ran. */
  readonly exited: Promise<void>;

  /** @throws Error when the process cannot be forked */
  constructor(private readonly options: TrainingProcessOptions) {
    this.child = fork(fileURLToPath(CHILD_ENTRY), [], {
      execArgv: [...TSX_EXEC_ARGV, `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const { child } = this;
    child.stdout?.resume();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.keepStderr(chunk));
    child.on('message', (raw) => this.onMessage(raw));
    child.on('error', (err) => this.keepStderr(`\n${err.message}`));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        if (this.killTimer) clearTimeout(this.killTimer);
        try {
          options.onExit({ final: this.final, code, signal, stderr: this.stderr, stopping: this.why });
        } finally {
          resolve();
        }
      }),
    );
    child.send(options.start);
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** Why the parent stops it; null while it has not been asked to. */
  get stopping(): 'cancel' | 'close' | null {
    return this.why;
  }

  /** SIGTERM, then SIGKILL after the grace; a second stop keeps the first reason (a close during a cancel stays a cancel). */
  stop(why: 'cancel' | 'close'): void {
    if (this.why) return;
    this.why = why;
    this.child.kill('SIGTERM');
    this.killTimer = setTimeout(() => this.child.kill('SIGKILL'), this.options.killGraceMs);
    this.killTimer.unref();
  }

  /** SIGKILL now, no checkpoint: the job runs elsewhere, and only that run may write its checkpoints. */
  kill(): void {
    this.why ??= 'close';
    this.child.kill('SIGKILL');
  }

  private keepStderr(text: string): void {
    this.stderr = (this.stderr + text).slice(-STDERR_TAIL);
  }

  private onMessage(raw: unknown): void {
    const parsed = ChildMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.logger.warn(
        { job: this.options.start.jobId, issue: parsed.error.issues[0]?.message },
        'training: ignoring a malformed message of the child',
      );
      return;
    }
    const message = parsed.data;
    if (message.type === 'done' || message.type === 'error' || message.type === 'cancelled') this.final = message;
    else this.options.onMessage(message);
  }
}
