import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a training problem was found: the stage, step, preset field or file concerned, when there is one. */
export interface TrainingErrorContext {
  stage?: string;
  step?: number;
  field?: string;
  file?: string;
  cause?: unknown;
}

function describe(context: TrainingErrorContext): string {
  const parts = [
    context.stage !== undefined ? `stage ${context.stage}` : null,
    context.step !== undefined ? `step ${context.step}` : null,
    context.field !== undefined ? `field "${context.field}"` : null,
    context.file !== undefined ? context.file : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

/**
 * A training run that cannot go on: a bad preset or override, a corpus too small, an unreadable checkpoint, a
 * non-finite loss. The message starts with where (stage, step, field, file).
 */
export class TrainingError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name: string = 'TrainingError';
  readonly stage: string | undefined;
  readonly step: number | undefined;
  readonly field: string | undefined;
  readonly file: string | undefined;

  constructor(message: string, context: TrainingErrorContext = {}) {
    super(`${describe(context)}${message}`, context.cause !== undefined ? { cause: context.cause } : undefined);
    this.stage = context.stage;
    this.step = context.step;
    this.field = context.field;
    this.file = context.file;
  }
}

/**
 * The run was cancelled through its `AbortSignal`. It stopped at a step boundary after writing a checkpoint:
 * `runTrainingChain` with the same `workDir` resumes from there.
 */
export class TrainingCancelledError extends TrainingError {
  static override readonly kind: ErrorKind = 'cancelled';
  override readonly name = 'TrainingCancelledError';
}
