// A worker for startTsWorker's tests: TypeScript that only tsx runs (an enum, an import without extension); it sends
// back what it was given.
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { Reply } from './echoReply';

parentPort!.postMessage({
  kind: Reply.Echo,
  workerData,
  maxOldGenerationSizeMb: resourceLimits.maxOldGenerationSizeMb,
});
