import { parentPort, workerData } from 'node:worker_threads';
import { serveBlockingCalls, type BlockingWorkerData } from './BlockingCalls';
import { PgArchiveStore } from './PgArchiveStore';

// PgArchive's thread: its connections to PostgreSQL, and the archive's operations run on them one call at a time.
const data = workerData as BlockingWorkerData & { url: string; token: string };
let store: PgArchiveStore | null = null;

function opened(): PgArchiveStore {
  if (!store) throw new Error('the archive is not open');
  return store;
}

serveBlockingCalls(data, {
  open: async () => {
    store = await PgArchiveStore.open(data.url, data.token, () => parentPort!.postMessage({ type: 'streams-changed' }));
  },
  createStream: (info: Parameters<PgArchiveStore['createStream']>[0]) => opened().createStream(info),
  insertMessages: (messages: Parameters<PgArchiveStore['insertMessages']>[0]) => opened().insertMessages(messages),
  finishStream: (streamId: string, messages: Parameters<PgArchiveStore['finishStream']>[1]) =>
    opened().finishStream(streamId, messages),
  markDeleted: (streamId: string, deletion: Parameters<PgArchiveStore['markDeleted']>[1]) =>
    opened().markDeleted(streamId, deletion),
  listStreams: () => opened().listStreams(),
  getStream: (id: string) => opened().getStream(id),
  deleteStream: (id: string) => opened().deleteStream(id),
  countMessagesBefore: (streamId: string, elapsed: number) => opened().countMessagesBefore(streamId, elapsed),
  readPage: (streamId: string, after: Parameters<PgArchiveStore['readPage']>[1], limit: number) =>
    opened().readPage(streamId, after, limit),
  latestStream: (channel: Parameters<PgArchiveStore['latestStream']>[0]) => opened().latestStream(channel),
  close: async () => {
    await store?.close();
    store = null;
  },
});
