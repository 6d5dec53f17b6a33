import { parentPort, workerData } from 'node:worker_threads';
import { onnxNeighbourSearch } from '../../models/onnx/knn';
import { LayoutThreadPool } from '../../models/runtime/LayoutThreadPool';
import { runRefitJob } from './InProcessRefitter';
import type { FromRefitWorker, ToRefitWorker } from './refitWorkerProtocol';
import { warmUpJob } from './refitWarmUp';

// The worker's side: refits one job at a time, in order; ONNX Runtime does the neighbour search.
const port = parentPort!;
const neighbours = onnxNeighbourSearch({ threads: 1 });
// The layout's threads (the refit worker being one of them); the pool's workers do not keep the process alive.
const layoutPool = LayoutThreadPool.forThreads((workerData as { layoutThreads: number }).layoutThreads);
// A synthetic refit first, so the first real ones do not run cold code (see warmUpJob); jobs queue behind it.
let chain: Promise<void> = runRefitJob(warmUpJob(), neighbours, layoutPool).then(
  () => undefined,
  () => undefined,
);

const cancelled = new Set<number>();

port.on('message', (message: ToRefitWorker) => {
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  chain = chain.then(async () => {
    if (cancelled.delete(message.id)) {
      port.postMessage({ type: 'cancelled', id: message.id } satisfies FromRefitWorker);
      return;
    }
    try {
      const result = await runRefitJob(message.job, neighbours, message.job.singleThreadLayout ? null : layoutPool);
      const reply: FromRefitWorker = { type: 'done', id: message.id, result };
      port.postMessage(reply);
    } catch (err) {
      const reply: FromRefitWorker = {
        type: 'failed',
        id: message.id,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      };
      port.postMessage(reply);
    }
    // A cancel that came while the job ran has nothing left to skip.
    cancelled.delete(message.id);
  });
});
port.postMessage({ type: 'ready' } satisfies FromRefitWorker);
