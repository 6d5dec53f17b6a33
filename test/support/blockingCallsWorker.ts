// A worker for the tests of BlockingCalls: answers at once, late, with an error, or dies.
import { workerData } from 'node:worker_threads';
import { serveBlockingCalls, type BlockingWorkerData } from '../../server/postgres/BlockingCalls';

serveBlockingCalls(workerData as BlockingWorkerData, {
  echo: async (value: unknown) => value,
  late: (ms: number, value: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
  fail: async () => {
    throw Object.assign(new Error('refused by the database'), { code: '23503' });
  },
  crash: async () => {
    setTimeout(() => {
      throw new Error('an error nothing catches');
    }, 10);
    return new Promise(() => undefined);
  },
  exit: async () => {
    setTimeout(() => process.exit(3), 10);
    return new Promise(() => undefined);
  },
});
