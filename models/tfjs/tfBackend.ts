import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Backends {@link initTfBackend} can select. `tensorflow` is the native binding (`@tensorflow/tfjs-node(-gpu)`). */
export type TfBackendName = 'wasm' | 'cpu' | 'tensorflow';

/** What {@link initTfBackend} got, which may differ from what was asked for. */
export interface TfBackendInfo {
  /** The backend now active (`tf.getBackend()`). */
  backend: string;
  /** Threads the backend computes on: wasm's own count, 1 for `cpu`, 0 when the native backend decides. */
  threads: number;
  /** Whether the wasm binary with SIMD instructions was loaded (false for other backends). */
  simd: boolean;
  /** Why the result differs from the request (fallbacks, ignored thread counts); empty when it does not. */
  warnings: string[];
}

export interface TfBackendOptions {
  /** Default `wasm`. */
  backend?: TfBackendName;
  /** Wasm threads to ask for; tfjs 4.22 ignores it under Node (it disables multi-threading there). */
  threads?: number;
}

/** The native bindings, GPU first; neither is installed here (their install downloads libtensorflow). */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

// The tfjs engine is process-wide, so its set-up is too: one result per backend, reused by later calls.
const initialised = new Map<TfBackendName, Promise<TfBackendInfo>>();
let wasmPathsSet = false;

/**
 * Selects and initialises the TensorFlow.js backend; a second call with the same backend returns the same info
 * (and makes that backend active again if another call switched away from it).
 *
 * `wasm` loads its `.wasm` binaries from the installed `@tensorflow/tfjs-backend-wasm` package. `tensorflow`
 * uses `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` when one is installed, else falls back to wasm and
 * says so in `warnings`.
 *
 * @param options `backend` (default `wasm`), `threads` (wasm only)
 * @example
 * const info = await initTfBackend();
 * // { backend: 'wasm', threads: 1, simd: true, warnings: [] }
 */
export function initTfBackend(options: TfBackendOptions = {}): Promise<TfBackendInfo> {
  const requested = options.backend ?? 'wasm';
  let pending = initialised.get(requested);
  if (pending === undefined) {
    pending = start(requested, options.threads);
    initialised.set(requested, pending);
    // A failed start must not be cached: the caller may fix the cause and retry.
    pending.catch(() => initialised.delete(requested));
    return pending;
  }
  return pending.then(async (info) => {
    if (tf.getBackend() !== info.backend) await activate(info.backend);
    return info;
  });
}

async function start(requested: TfBackendName, threads: number | undefined): Promise<TfBackendInfo> {
  if (requested === 'cpu') {
    await activate('cpu');
    return {
      backend: 'cpu',
      threads: 1,
      simd: false,
      warnings: threads !== undefined && threads !== 1 ? ['the cpu backend runs on one thread'] : [],
    };
  }
  if (requested === 'tensorflow') {
    const failures: string[] = [];
    for (const name of NATIVE_PACKAGES) {
      try {
        // A computed specifier: the package is optional and TypeScript must not resolve it.
        const specifier: string = name;
        await import(specifier);
        await activate('tensorflow');
        return { backend: 'tensorflow', threads: 0, simd: false, warnings: [] };
      } catch (cause) {
        failures.push(`${name}: ${(cause as Error).message.split('\n')[0]}`);
      }
    }
    const info = await startWasm(threads);
    return {
      ...info,
      warnings: [`the tensorflow backend is not available (${failures.join('; ')}); using wasm`, ...info.warnings],
    };
  }
  return startWasm(threads);
}

async function startWasm(threads: number | undefined): Promise<TfBackendInfo> {
  const warnings: string[] = [];
  if (!wasmPathsSet) {
    setWasmPaths(wasmBinaryDirectory());
    wasmPathsSet = true;
  }
  if (threads !== undefined) setThreadsCount(threads);
  await activate('wasm');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const actual = getThreadsCount();
  if (threads !== undefined && threads !== actual) {
    warnings.push(
      `asked for ${threads} wasm threads, got ${actual}: tfjs-backend-wasm 4.22 turns multi-threading off under Node`,
    );
  }
  return { backend: 'wasm', threads: actual, simd, warnings };
}

/** The folder holding `tfjs-backend-wasm*.wasm`, with a trailing separator, as `setWasmPaths` wants it. */
function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-backend-wasm');
  return `${dirname(entry)}/`;
}

async function activate(backend: string): Promise<void> {
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`TensorFlow.js backend "${backend}" failed to initialise`);
  await tf.ready();
}
