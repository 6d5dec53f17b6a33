import { pathToFileURL } from 'node:url';
import { BagOfWordsEmbedder } from '../bow/BagOfWordsEmbedder';
import type { Embedder } from './Embedder';
import { EmbedderSpecError } from './errors';
import type { WorkerEmbedderInfo, WorkerEmbedderSpec } from './workerProtocol';

/**
 * Builds the embedder a spec describes, in the calling thread (the embed worker calls it). Model code is imported
 * only for model specs, so the baseline runs without ONNX Runtime.
 * @throws ModelFormatError, InferenceError... from loading a model; EmbedderSpecError for a module spec whose
 *   export is not a function
 */
export async function loadSpecEmbedder(spec: WorkerEmbedderSpec): Promise<Embedder> {
  switch (spec.kind) {
    case 'bow':
      return new BagOfWordsEmbedder();
    case 'module': {
      const mod = (await import(pathToFileURL(spec.modulePath).href)) as Record<string, unknown>;
      const factory = mod[spec.exportName];
      if (typeof factory !== 'function')
        throw new EmbedderSpecError(`${spec.modulePath}: no exported function "${spec.exportName}"`);
      return (await factory(spec.options)) as Embedder;
    }
    default: {
      const { loadModelEmbedder } = await import('./modelEmbedders');
      return loadModelEmbedder(spec.modelDir, { ...spec, architecture: spec.kind === 'model' ? undefined : spec.kind });
    }
  }
}

/** What an embedder says about itself at start-up. */
export function describeEmbedder(embedder: Embedder): WorkerEmbedderInfo {
  const info: WorkerEmbedderInfo = { id: embedder.id, dimension: embedder.dimension };
  const runtime = embedder as Partial<Pick<WorkerEmbedderInfo, 'executionProvider' | 'threads'>>;
  if (runtime.executionProvider === 'cpu' || runtime.executionProvider === 'cuda')
    info.executionProvider = runtime.executionProvider;
  if (typeof runtime.threads === 'number') info.threads = runtime.threads;
  return info;
}
