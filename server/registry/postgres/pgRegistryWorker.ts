import { parentPort, workerData } from 'node:worker_threads';
import { serveBlockingCalls, type BlockingWorkerData } from '../../postgres/BlockingCalls';
import { PgRegistryTable } from './PgRegistryTable';

// PgRegistryState's thread: its connections to PostgreSQL; the state is read and written one call at a time.
const data = workerData as BlockingWorkerData & { url: string; token: string };
let table: PgRegistryTable | null = null;

function opened(): PgRegistryTable {
  if (!table) throw new Error('the registry state is not open');
  return table;
}

serveBlockingCalls(data, {
  open: async () => {
    table = await PgRegistryTable.open(data.url, data.token, () => parentPort!.postMessage({ type: 'changed' }));
  },
  read: async () => opened().read(),
  write: async (state: string) => opened().write(state),
  close: async () => {
    await table?.close();
    table = null;
  },
});
