import { ChatTopicsError, type ErrorKind } from '../errors';

/** The deployment's Redis cannot be reached, or no node took a channel in time: kind `upstream`. */
export class ClusterError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';
}
