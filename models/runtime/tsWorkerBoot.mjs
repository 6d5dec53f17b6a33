// Starts a TypeScript worker thread: imports `workerData.entry` (a file: URL of a .ts module). Node 22+ with
// `--import tsx` in the worker's execArgv loads .ts directly; on Node 20 tsx does not register itself in worker
// threads, so when the .ts file is refused we register tsx's loader here and import again.
import { workerData } from 'node:worker_threads';

const entry = new URL(workerData.entry);
try {
  await import(entry.href);
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // A new URL: the failed import stays cached under the old one.
  entry.searchParams.set('tsx', '1');
  await import(entry.href);
}
