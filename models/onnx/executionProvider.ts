import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where inference runs: `auto` takes CUDA when it can be used, else the CPU. */
export type ExecutionProviderChoice = 'cpu' | 'cuda' | 'auto';

/** Whether the CUDA execution provider can be used, and if not, why. */
export interface CudaAvailability {
  available: boolean;
  reason: string;
}

/** How to get CUDA, for error messages. */
export const CUDA_INSTALL_HINT =
  'use a GPU image whose onnxruntime-node was installed with ONNXRUNTIME_NODE_INSTALL=cuda12 (it downloads the CUDA 12 provider libraries), or choose executionProvider "cpu" or "auto"';

/** What to check when CUDA is installed but a session cannot use it, for error messages. */
export const CUDA_RUNTIME_HINT =
  'check that a GPU and its driver are visible to this process (in a container: the NVIDIA container runtime, e.g. docker run --gpus all) and that the CUDA 12 and cuDNN 9 libraries are on its library path, or choose executionProvider "cpu" or "auto"';

const CUDA_PROVIDER_LIBRARY: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'libonnxruntime_providers_cuda.so',
  win32: 'onnxruntime_providers_cuda.dll',
};

/**
 * Whether this installation of onnxruntime-node can run the CUDA execution provider. `listSupportedBackends()`
 * offers CUDA on every Linux x64 build (as `bundled: false`) even when its provider library was never
 * downloaded (a CPU install skips it), so the library next to the native binding is checked as well. A GPU
 * still has to be present when a session is created.
 *
 * @example
 * const { available, reason } = await cudaAvailability();
 */
export async function cudaAvailability(): Promise<CudaAvailability> {
  const ort = await import('onnxruntime-node');
  const cuda = ort.listSupportedBackends().find((b) => b.name === 'cuda');
  if (cuda === undefined)
    return {
      available: false,
      reason: `this onnxruntime-node build (${process.platform}/${process.arch}) has no CUDA backend`,
    };
  if (cuda.bundled) return { available: true, reason: 'CUDA backend bundled with onnxruntime-node' };
  const library = CUDA_PROVIDER_LIBRARY[process.platform];
  const binDir = join(
    dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  if (library === undefined || !existsSync(join(binDir, library))) {
    return {
      available: false,
      reason: `the CUDA provider library ${library ?? '(none for this platform)'} is not installed in ${binDir}`,
    };
  }
  return { available: true, reason: `CUDA provider library found in ${binDir}` };
}
