import { ChatTopicsError, type ErrorKind } from '../../errors';

/**
 * A search by meaning this analysis cannot answer as it is: stored without message vectors, or made by a model
 * this server cannot start again. The analysis exists (not a 404); re-running it here fixes it.
 */
export class NotSearchableError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'conflict';
}
