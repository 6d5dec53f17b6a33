import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { serveBlockingCalls, type BlockingWorkerData } from './BlockingCalls';
import type { PgService, PgServiceHandlers } from './PgService';

// The process's database thread for one PostgreSQL URL (`PgHost`): every store on that database attaches its service
// here (its module, imported once), and the calls of all of them are answered one at a time.
const data = workerData as BlockingWorkerData & { url: string };
const attached = new Map<number, PgServiceHandlers>();

function handlers(handle: number): PgServiceHandlers {
  const found = attached.get(handle);
  if (!found) throw new Error(`no store ${handle} is attached`);
  return found;
}

serveBlockingCalls(data, async (op, args) => {
  if (op === 'attach') {
    const [handle, entry, own] = args as [number, string, Record<string, unknown>];
    const { service } = (await import(entry)) as { service: PgService<Record<string, unknown>> };
    const created = service({
      data: { ...own, url: data.url, token: randomUUID() },
      post: (message) => parentPort!.postMessage({ ...message, handle }),
    });
    await created.open();
    attached.set(handle, created);
    return undefined;
  }
  if (op === 'detach') {
    const [handle] = args as [number];
    const found = attached.get(handle);
    attached.delete(handle);
    await found?.close();
    return undefined;
  }
  // `<handle>:<operation>`
  const split = op.indexOf(':');
  const service = handlers(Number(op.slice(0, split)));
  const name = op.slice(split + 1);
  const handler = service[name];
  if (!handler || name === 'open') throw new Error(`unknown operation ${name}`);
  return handler(...(args as never[]));
});
