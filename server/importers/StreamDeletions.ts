import type { ChatMessage } from '../../contracts/chat';
import type { Archive } from '../archive/Archive';
import type { StreamDeletion } from './normalise';

/**
 * Applies an import's moderation events to its own stream: to messages still waiting to be written and, by one
 * indexed UPDATE, to those already written. Scoped to the stream on purpose: `Archive.markDeleted` works across
 * every stream of the channel, and a timeout in an old log must not hide messages of other streams.
 */
export class StreamDeletions {
  private readonly byId;
  private readonly byUser;
  private readonly byTime;
  /** Messages marked in the archive (those in `pending` are counted when written). */
  marked = 0;

  constructor(
    archive: Archive,
    private readonly streamId: string,
  ) {
    const db = archive.db;
    this.byId = db.prepare('UPDATE messages SET deleted = 1 WHERE stream_id = ? AND id = ? AND deleted = 0');
    this.byUser = db.prepare('UPDATE messages SET deleted = 1 WHERE stream_id = ? AND login = ? AND ts <= ? AND deleted = 0');
    this.byTime = db.prepare('UPDATE messages SET deleted = 1 WHERE stream_id = ? AND ts <= ? AND deleted = 0');
  }

  apply(d: StreamDeletion, pending: readonly ChatMessage[]): void {
    for (const m of pending) {
      if (d.kind === 'message' ? m.id === d.messageId : m.ts <= d.ts && (d.kind === 'channel' || m.user.login === d.login)) m.deleted = true;
    }
    const result =
      d.kind === 'message'
        ? this.byId.run(this.streamId, d.messageId)
        : d.kind === 'user'
          ? this.byUser.run(this.streamId, d.login, d.ts)
          : this.byTime.run(this.streamId, d.ts);
    this.marked += result.changes;
  }
}
