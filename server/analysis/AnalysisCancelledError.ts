import { ChatTopicsError, type ErrorKind } from '../../models/errors/ChatTopicsError';

/** A whole-stream analysis stopped through its `AbortSignal`, between two stages (nothing was stored). */
export class AnalysisCancelledError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'cancelled';
}
