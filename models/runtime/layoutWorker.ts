// A layout thread of LayoutThreadPool: runs its share of each parallel UMAP layout job it is posted.
import { parentPort } from 'node:worker_threads';
import { runLayoutThread, type ParallelLayoutJob } from '../topics/umap';

parentPort!.on('message', (message: { job: ParallelLayoutJob; t: number }) => {
  try {
    runLayoutThread(message.job, message.t);
  } catch (err) {
    // runLayoutThread has marked the job failed, so the caller stops waiting; the pool logs nothing itself.
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
