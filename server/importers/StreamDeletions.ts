import type { ChatMessage } from '../../contracts/chat';
import type { Archive, StreamDeletion } from '../archive/Archive';

/**
 * Applies an import's moderation events to its own stream: to messages still waiting to be written and, by one
 * indexed UPDATE, to those already written (`Archive.markDeleted`, scoped to the import's stream).
 */
export class StreamDeletions {
  /** Messages marked in the archive (those in `pending` are counted when written). */
  marked = 0;

  constructor(
    private readonly archive: Archive,
    private readonly streamId: string,
  ) {}

  apply(d: StreamDeletion, pending: readonly ChatMessage[]): void {
    for (const m of pending) {
      if (
        d.kind === 'message' ? m.id === d.messageId : m.ts <= d.ts && (d.kind === 'channel' || m.user.login === d.login)
      )
        m.deleted = true;
    }
    this.marked += this.archive.markDeleted(this.streamId, d).length;
  }
}
