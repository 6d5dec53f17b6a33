// The embed worker thread: loads one embedder from `workerData.spec`, reports what it loaded, then answers requests
// from its parent (`WorkerEmbedder`) one at a time, so a batch never competes with another for the same threads.
import { parentPort, workerData } from 'node:worker_threads';
import { canEmbedIds, type Embedder } from './Embedder';
import { EmbedUnsupportedError } from './errors';
import { describeEmbedder, loadSpecEmbedder } from './loadSpecEmbedder';
import { serialiseError, type FromWorker, type ToWorker, type WorkerEmbedderSpec } from './workerProtocol';

const port = parentPort;
if (port === null) throw new Error('embedWorker.ts runs as a worker thread (see WorkerEmbedder)');
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function vectors(
  embedder: Embedder,
  message: Extract<ToWorker, { type: 'embed' | 'embedIds' }>,
): Promise<Float32Array[]> {
  if (message.type === 'embed') return embedder.embed(message.texts);
  if (!canEmbedIds(embedder)) throw new EmbedUnsupportedError(`${embedder.id} embeds texts, not token ids`);
  return embedder.embedIds(message.sequences, message.typeIds);
}

function pack(list: readonly Float32Array[], dimension: number): Float32Array {
  const packed = new Float32Array(list.length * dimension);
  list.forEach((v, i) => {
    if (v.length !== dimension) throw new Error(`vector ${i} has ${v.length} values, expected ${dimension}`);
    packed.set(v, i * dimension);
  });
  return packed;
}

function serve(embedder: Embedder): void {
  let queue: Promise<void> = Promise.resolve();
  port!.on('message', (message: ToWorker) => {
    if (message.type === 'memory') {
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      send({ type: 'memory', id: message.id, memory: { rss, heapUsed, external, arrayBuffers } });
      return;
    }
    queue = queue.then(async () => {
      if (message.type === 'close') {
        await embedder.close().catch(() => undefined);
        send({ type: 'closed', id: message.id });
        return;
      }
      try {
        const list = await vectors(embedder, message);
        const data = pack(list, embedder.dimension);
        send({ type: 'vectors', id: message.id, count: list.length, data }, [data.buffer as ArrayBuffer]);
      } catch (err) {
        send({ type: 'failed', id: message.id, error: serialiseError(err) });
      }
    });
  });
}

try {
  const embedder = await loadSpecEmbedder((workerData as { spec: WorkerEmbedderSpec }).spec);
  serve(embedder);
  send({ type: 'ready', info: describeEmbedder(embedder) });
} catch (err) {
  send({ type: 'startFailed', error: serialiseError(err) });
}
