// Embedder factories for WorkerEmbedder tests, loaded in the worker through a `{ kind: 'module' }` spec.
import type { Embedder } from '../Embedder';

/** Embeds anything as [1, 2]; its `embed` of the text "crash" throws outside any promise, killing the thread. */
export function crashOnDemand(): Embedder {
  return {
    id: 'crash-on-demand',
    dimension: 2,
    async embed(texts) {
      if (texts.includes('crash')) {
        setTimeout(() => {
          throw new Error('simulated native crash');
        }, 0);
        return new Promise<Float32Array[]>(() => undefined);
      }
      return texts.map(() => Float32Array.of(1, 2));
    },
    async close() {},
  };
}

/** Fails while loading, as a broken model would. */
export async function failToLoad(): Promise<Embedder> {
  throw new Error('weights are missing');
}

/** Never finishes loading, as a load stuck on I/O would (the timer keeps the thread's event loop alive). */
export function hangOnLoad(): Promise<Embedder> {
  setInterval(() => undefined, 1000);
  return new Promise(() => undefined);
}
