import type { ArchitectureName } from '../architectures/registry';
import type { ExecutionProviderChoice } from './ConvBertEmbedder';
import {
  EmbedderClosedError,
  EmbedInputError,
  EmbedOverloadError,
  EmbedUnsupportedError,
  EmbedWorkerError,
  type EmbeddingError,
} from './errors';

/** What a {@link WorkerEmbedder} runs in its thread. */
export type WorkerEmbedderSpec =
  | { kind: 'bow' }
  /**
   * A model directory: `model` runs whatever architecture its manifest names; an architecture's name (`convbert`)
   * also insists that the directory holds one.
   */
  | {
      kind: 'model' | ArchitectureName;
      modelDir: string;
      threads: number;
      executionProvider: ExecutionProviderChoice;
      maxBatchSize: number;
    }
  /**
   * An embedder of your own: `modulePath` (a file path) exports `exportName`, a function taking `options` and
   * returning an `Embedder` (or a promise of one). For experiments and tests.
   */
  | { kind: 'module'; modulePath: string; exportName: string; options?: unknown };

/** What the worker loaded, reported once at start. */
export interface WorkerEmbedderInfo {
  id: string;
  dimension: number;
  /** The ONNX Runtime execution provider in use, for model embedders. */
  executionProvider?: 'cpu' | 'cuda';
  /** ONNX Runtime intra-op threads, for model embedders. */
  threads?: number;
}

/**
 * `process.memoryUsage()` inside the worker, in bytes. `heapUsed` is the worker's own JavaScript heap; `rss` is the
 * whole process (threads share it); `external` and `arrayBuffers` include native memory such as ONNX Runtime
 * tensors handed to JavaScript.
 */
export interface WorkerMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** An error as it crosses the thread boundary (class instances do not survive `postMessage`). */
export interface SerialisedError {
  name: string;
  message: string;
}

export type ToWorker =
  | { type: 'embed'; id: number; texts: string[] }
  | { type: 'embedIds'; id: number; sequences: number[][]; typeIds?: number[][] }
  | { type: 'memory'; id: number }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready'; info: WorkerEmbedderInfo }
  | { type: 'startFailed'; error: SerialisedError }
  /** Vectors packed end to end (`count * dimension` floats), transferred rather than copied. */
  | { type: 'vectors'; id: number; count: number; data: Float32Array }
  | { type: 'failed'; id: number; error: SerialisedError }
  | { type: 'memory'; id: number; memory: WorkerMemory }
  | { type: 'closed'; id: number };

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** Errors rebuilt as their own class on the parent's side, so callers can tell bad input from a broken worker. */
const REBUILT: Record<string, new (message: string) => EmbeddingError> = {
  EmbedInputError,
  EmbedUnsupportedError,
  EmbedderClosedError,
};

/** The parent-side error for a failure the worker reported. */
export function rebuildError(error: SerialisedError): EmbeddingError {
  const Rebuilt = REBUILT[error.name];
  if (Rebuilt !== undefined) return new Rebuilt(error.message);
  if (error.name === 'EmbedOverloadError') return new EmbedOverloadError(error.message, 'queue-full');
  return new EmbedWorkerError(`embed worker: ${error.name}: ${error.message}`);
}
