import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TSX_EXEC_ARGV } from '../../../models/runtime/tsxLoader';
import { describeChildCrash } from '../../describeChildCrash';
import { AnalysisChildMessageSchema, type AnalysisChildMessage, type StartAnalysisMessage } from './jobProtocol';

const CHILD_ENTRY = new URL('./analysisChild.ts', import.meta.url);
/** Characters of the child's stderr kept to explain a crash. */
const STDERR_TAIL = 4000;

export interface AnalysisChildProcessOptions {
  /** JavaScript heap limit of the child in MB. */
  heapMb: number;
  /** After SIGTERM, how long the child may take to stop before SIGKILL. */
  killGraceMs: number;
  /** Every well-formed progress or model message, in order. */
  onMessage: (message: AnalysisChildMessage) => void;
  /** A message that is not one of the protocol's (logged by the caller, otherwise ignored). */
  onMalformed: (issue: string) => void;
  /** Once, when the process has exited: why it ended, as the outcome tells. */
  onExit: (outcome: ChildOutcome) => void;
}

/** How a child ended: its last word (done, error, cancelled) if it said one, else why it died. */
export type ChildOutcome =
  | { kind: 'said'; final: AnalysisChildMessage; stopped: 'cancel' | 'close' | null }
  | { kind: 'stopped'; stopped: 'cancel' | 'close' }
  | { kind: 'crashed'; reason: string };

/**
 * One analysis process: forked with tsx (like the training child), sent its job, heard over IPC, stopped with
 * SIGTERM then SIGKILL. Keeps the tail of its stderr to explain a crash.
 *
 * @example
 * const child = new AnalysisChildProcess(start, { heapMb: 4096, killGraceMs: 2000, onMessage, onMalformed, onExit });
 * child.stop('cancel'); await child.exited;
 */
export class AnalysisChildProcess {
  /** Resolves once the process has exited and `onExit` has run. */
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private stopping: 'cancel' | 'close' | null = null;
  private stderr = '';
  private final: AnalysisChildMessage | null = null;
  private killTimer: NodeJS.Timeout | null = null;

  /**
   * Forks the child and sends it `start`.
   * @throws whatever `fork` throws when the process cannot start
   */
  constructor(
    start: StartAnalysisMessage,
    private readonly options: AnalysisChildProcessOptions,
  ) {
    this.child = fork(fileURLToPath(CHILD_ENTRY), [], {
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
        options.onExit(this.outcome(code, signal));
        resolve();
      }),
    );
    child.send(start);
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

  private keepStderr(text: string): void {
    this.stderr = (this.stderr + text).slice(-STDERR_TAIL);
  }

  private hear(raw: unknown): void {
    const parsed = AnalysisChildMessageSchema.safeParse(raw);
    if (!parsed.success) return this.options.onMalformed(parsed.error.issues[0]?.message ?? 'not a message');
    const message = parsed.data;
    if (message.type === 'model' || message.type === 'progress') this.options.onMessage(message);
    else this.final = message;
  }

  private outcome(code: number | null, signal: NodeJS.Signals | null): ChildOutcome {
    if (this.final) return { kind: 'said', final: this.final, stopped: this.stopping };
    if (this.stopping) return { kind: 'stopped', stopped: this.stopping };
    return {
      kind: 'crashed',
      reason: describeChildCrash('the analysis process', { code, signal, stderr: this.stderr }, this.options.heapMb),
    };
  }
}
