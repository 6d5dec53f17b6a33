import { ChatTopicsError, type ErrorKind } from '../../errors';

/** No analysis job of that id since the server started. */
export class AnalysisJobNotFoundError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'not-found';
}

/** The job's state forbids the request: the same analysis already queued or running, or a finished job cancelled. */
export class AnalysisJobConflictError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'conflict';
}
