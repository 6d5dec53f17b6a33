// A layout thread of LayoutThreadPool: runs its share of each parallel UMAP layout job it is posted, and lays out
// whole 2-D maps while the caller's thread goes on with other stages.
import { parentPort } from 'node:worker_threads';
import { runLayoutThread } from '../topics/umap';
import { mapLayout } from '../topics/workspace';
import type { LayoutWorkerMessage } from './layoutWorkerProtocol';
import { errorMessage } from '../errors/errorMessage';

parentPort!.on('message', (message: LayoutWorkerMessage) => {
  if ('map' in message) {
    const { id, vectors, dim, knn, seed } = message.map;
    const started = performance.now();
    try {
      const map = mapLayout(vectors, dim, knn, { seed });
      parentPort!.postMessage({ mapId: id, map, ms: performance.now() - started });
    } catch (err) {
      parentPort!.postMessage({ mapId: id, error: errorMessage(err) });
    }
    return;
  }
  try {
    runLayoutThread(message.job, message.t);
  } catch (err) {
    // runLayoutThread has marked the job failed, so the caller stops waiting; the pool logs nothing itself.
    parentPort!.postMessage({ error: errorMessage(err) });
  }
});
