import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { openArchive } from './openArchive';
import { ArchiveWriter } from './ArchiveWriter';
import type { FromArchiveWorker, ToArchiveWorker } from './archiveWorkerProtocol';
import { errorMessage } from '../../models/errors/errorMessage';

// The worker's side of ThreadedArchiveWriter: its own connection to the archive file (WAL lets the main thread read
// meanwhile) and the same batching writer as in-process, so what a hard kill can lose stays what it was.
const { file, batchSize, flushMs, logLevel } = workerData as {
  file: string;
  batchSize: number;
  flushMs: number;
  logLevel: string;
};
const port = parentPort!;
const archive = openArchive(file);
const writer = new ArchiveWriter(
  archive,
  { batchSize, flushMs },
  pino({ level: logLevel, base: { app: 'chat-topics', part: 'archive-worker' } }, pino.destination(2)),
);
let received = 0;
let confirmed = 0;

/** Tells the main thread what is committed, once per change (after a flush, a deletion or a timer's flush). */
function confirm(): void {
  const { pending, written, failed } = writer.stats();
  if (pending > 0 || confirmed === received) return;
  confirmed = received;
  port.postMessage({ type: 'committed', batch: received, written, failed } satisfies FromArchiveWorker);
}
// The writer's own timer flushes between messages; this tick reports those commits.
setInterval(confirm, Math.max(10, Math.floor(flushMs / 4))).unref();

port.on('message', (message: ToArchiveWorker) => {
  if (message.type === 'write') {
    writer.write(message.messages);
    received = message.batch;
    confirm();
    return;
  }
  try {
    let ids: string[] = [];
    if (message.type === 'delete') ids = writer.applyDeletion(message.streamId, message.deletion);
    else writer.flush();
    confirm();
    if (message.type === 'close') archive.close();
    port.postMessage({ type: 'done', id: message.id, ids } satisfies FromArchiveWorker);
  } catch (err) {
    port.postMessage({
      type: 'failed',
      id: message.id,
      error: errorMessage(err),
    } satisfies FromArchiveWorker);
  }
});
port.postMessage({ type: 'ready' } satisfies FromArchiveWorker);
