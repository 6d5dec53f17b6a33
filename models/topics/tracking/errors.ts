import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why the topic tracker refused an option or an input. */
export type TopicTrackerErrorCode =
  | 'INVALID_OPTION'
  | 'INVALID_CLOCK'
  | 'CLOCK_WENT_BACKWARDS'
  | 'EMPTY_CLUSTER'
  | 'DUPLICATE_MEMBER'
  | 'INVALID_MEMBER_TIMES'
  | 'INVALID_TERM'
  | 'UNKNOWN_TOPIC';

/** Typed error of the topic tracker; the message names the option, cluster, member or topic at fault. */
export class TopicTrackerError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'TopicTrackerError';
  constructor(
    readonly code: TopicTrackerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
