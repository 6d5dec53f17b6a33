import type { ChannelRef, ChatMessage } from '../../../contracts/chat';
import type { NewStream, PageCursor, StreamDeletion } from '../Archive';
import type { PgService } from '../../postgres/PgService';
import { PgArchiveStore } from './PgArchiveStore';

/**
 * PgArchive's service in the database thread: its connections to PostgreSQL, and the archive's operations run on them one call at a time.
 */
export const service: PgService = ({ data, post }) => {
  let store: PgArchiveStore | null = null;

  /** The store, with a working connection: the first call after PostgreSQL came back opens a new one. */
  async function opened(): Promise<PgArchiveStore> {
    if (!store) throw new Error('the archive is not open');
    await store.ready();
    return store;
  }

  return {
    open: async () => {
      store = await PgArchiveStore.open(data.url, data.token, () => post({ type: 'streams-changed' }));
    },
    createStream: async (info: NewStream) => (await opened()).createStream(info),
    insertMessages: async (messages: ChatMessage[]) => (await opened()).insertMessages(messages),
    finishStream: async (streamId: string, messages: ChatMessage[]) =>
      (await opened()).finishStream(streamId, messages),
    markDeleted: async (streamId: string, deletion: StreamDeletion) => (await opened()).markDeleted(streamId, deletion),
    listStreams: async () => (await opened()).listStreams(),
    getStream: async (id: string) => (await opened()).getStream(id),
    deleteStream: async (id: string) => (await opened()).deleteStream(id),
    countMessagesBefore: async (streamId: string, elapsed: number) =>
      (await opened()).countMessagesBefore(streamId, elapsed),
    readPage: async (streamId: string, after: PageCursor | null, limit: number) =>
      (await opened()).readPage(streamId, after, limit),
    latestStream: async (channel: ChannelRef) => (await opened()).latestStream(channel),
    close: async () => {
      await store?.close();
      store = null;
    },
  };
};
