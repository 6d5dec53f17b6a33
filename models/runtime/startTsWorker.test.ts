import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './startTsWorker';

const ECHO = new URL('./testing/echoWorker.ts', import.meta.url);

describe('startTsWorker', () => {
  let worker: Worker | null = null;
  afterEach(async () => {
    await worker?.terminate();
    worker = null;
  });

  it('runs a TypeScript module through tsx and hands it its data and entry', async () => {
    worker = startTsWorker(ECHO, { data: { greeting: 'salut', n: 3 } });
    const [message] = await once(worker, 'message');
    expect(message.kind).toBe('echo');
    expect(message.workerData).toEqual({ greeting: 'salut', n: 3, entry: ECHO.href });
  });

  it('passes the other Worker options through', async () => {
    worker = startTsWorker(ECHO, { resourceLimits: { maxOldGenerationSizeMb: 96 } });
    const [message] = await once(worker, 'message');
    expect(message.maxOldGenerationSizeMb).toBe(96);
  });

  it('reports an entry that cannot load as an error event', async () => {
    worker = startTsWorker(new URL('./testing/missingWorker.ts', import.meta.url));
    const [err] = await once(worker, 'error');
    expect(String((err as Error).message)).toMatch(/missingWorker/);
  });
});
