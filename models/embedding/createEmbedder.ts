import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchitectureName } from '../architectures/registry';
import { BagOfWordsEmbedder } from '../bow/BagOfWordsEmbedder';
import { architectureOfModelId } from '../format/ModelManifest';
import type { ExecutionProviderChoice } from './ConvBertEmbedder';
import type { Embedder } from './Embedder';
import { EmbedderSpecError } from './errors';
import { HttpEmbedder } from './HttpEmbedder';
import { HttpEmbedderPool, type PoolMemberChange } from './HttpEmbedderPool';
import { WorkerEmbedder } from './WorkerEmbedder';

/** The models shipped with the install (`models/trained/<name>`), which a bare name such as `chat-topics-fr-small` names. */
export const BUILTIN_MODELS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'trained');

export interface CreateEmbedderOptions {
  /** Where a relative model directory is resolved from. Default `process.cwd()`. */
  cwd?: string;
  /** Where a bare model name is looked up when `cwd` has no such directory. Default {@link BUILTIN_MODELS_ROOT}. */
  builtinRoot?: string;
  /** ONNX Runtime intra-op threads of a model. Default 2. */
  threads?: number;
  /** Default `'cpu'`. */
  executionProvider?: ExecutionProviderChoice;
  /** Most sequences per ONNX run. Default 64. */
  maxBatchSize?: number;
  /** Bearer token for a remote embed server. */
  token?: string;
  /** Per-request timeout for a remote embed server, in ms. Default 30,000. */
  timeoutMs?: number;
  /** With several embed-server URLs: told when a server leaves the pool or comes back (see HttpEmbedderPool). */
  onPoolChange?: (change: PoolMemberChange) => void;
}

/** Which kind of embedder runs: the baseline, a remote server, or a model of one of the registry's architectures. */
export type EmbedderKind = 'bow' | 'http' | ArchitectureName;

/** What {@link createEmbedder} built. */
export interface CreatedEmbedder {
  embedder: Embedder;
  kind: EmbedderKind;
  /** One line for start-up logs: id, dimension, and where it runs (provider, threads). */
  description: string;
  /** The ONNX Runtime execution provider in use, when known. */
  executionProvider?: 'cpu' | 'cuda';
}

/**
 * Builds the embedder a `--model` / `embedModel` value names:
 * - `bow`: the bag-of-words baseline, in-process (it is cheap);
 * - an `http://` or `https://` URL: a remote `chat-topics embed-server` ({@link HttpEmbedder}); several, separated
 *   by commas: a pool of servers of one model, with failover ({@link HttpEmbedderPool});
 * - anything else: a model directory, loaded in a worker thread ({@link WorkerEmbedder}): relative to `cwd`, or the
 *   name of a model shipped with the install (`chat-topics-fr-small`, the default embedder).
 *
 * @throws EmbedderSpecError when the value is none of these (no such directory); the embedders' own errors when
 *   they cannot start
 * @example
 * const { embedder, description } = await createEmbedder(config.embedModel, { threads: config.embedThreads });
 * logger.info(description); // 'convbert:twitch-fr@1, 256-d, onnxruntime cpu, 2 threads, in a worker thread'
 */
export async function createEmbedder(spec: string, options: CreateEmbedderOptions = {}): Promise<CreatedEmbedder> {
  if (spec === 'bow') {
    const embedder = new BagOfWordsEmbedder();
    return {
      embedder,
      kind: 'bow',
      description: `${embedder.id}, ${embedder.dimension}-d, bag-of-words baseline, in-process`,
    };
  }
  const urls = spec.split(',').map((u) => u.trim());
  if (urls.length > 1 && urls.every((u) => /^https?:\/\//i.test(u))) {
    const embedder = await HttpEmbedderPool.start({
      urls,
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.onPoolChange ? { onMemberChange: options.onPoolChange } : {}),
    });
    const up = embedder.status().filter((m) => m.healthy).length;
    const created: CreatedEmbedder = {
      embedder,
      kind: 'http',
      description: `${embedder.id}, ${embedder.dimension}-d, a pool of ${urls.length} embed servers (${up} answering: ${urls.join(', ')})`,
    };
    if (embedder.executionProvider !== undefined) created.executionProvider = embedder.executionProvider;
    return created;
  }
  if (/^https?:\/\//i.test(spec)) {
    const embedder = await HttpEmbedder.start({ url: spec, token: options.token, timeoutMs: options.timeoutMs });
    const created: CreatedEmbedder = {
      embedder,
      kind: 'http',
      description: `${embedder.id}, ${embedder.dimension}-d, remote embed server ${spec}${embedder.executionProvider ? ` (onnxruntime ${embedder.executionProvider})` : ''}`,
    };
    if (embedder.executionProvider !== undefined) created.executionProvider = embedder.executionProvider;
    return created;
  }
  const modelDir = resolveModelDir(spec, options.cwd ?? process.cwd(), options.builtinRoot ?? BUILTIN_MODELS_ROOT);
  const embedder = await WorkerEmbedder.start({
    kind: 'model',
    modelDir,
    threads: options.threads ?? 2,
    executionProvider: options.executionProvider ?? 'cpu',
    maxBatchSize: options.maxBatchSize ?? 64,
  });
  const { info } = embedder;
  const runtime = info.executionProvider
    ? `onnxruntime ${info.executionProvider}, ${info.threads ?? '?'} thread${info.threads === 1 ? '' : 's'}`
    : 'runtime unknown';
  // The id is `<architecture>:<name>@<version>`: the worker read the architecture from the verified manifest.
  const kind = architectureOfModelId(info.id);
  if (kind === undefined) {
    await embedder.close();
    throw new EmbedderSpecError(`model "${spec}": its id ${JSON.stringify(info.id)} names no known architecture`);
  }
  const created: CreatedEmbedder = {
    embedder,
    kind,
    description: `${info.id}, ${info.dimension}-d, ${runtime}, in a worker thread`,
  };
  if (info.executionProvider !== undefined) created.executionProvider = info.executionProvider;
  return created;
}

const isDirectory = (dir: string) => fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;

/** A model directory relative to `cwd`, else a bare name of a model shipped with the install. */
function resolveModelDir(spec: string, cwd: string, builtinRoot: string): string {
  const local = path.resolve(cwd, spec);
  if (isDirectory(local)) return local;
  const bareName = /^[\w.-]+$/.test(spec) && spec !== '.' && spec !== '..';
  if (bareName && isDirectory(path.join(builtinRoot, spec))) return path.join(builtinRoot, spec);
  throw new EmbedderSpecError(
    `model "${spec}": not "bow", not an http(s) URL, no such directory, and no built-in model of that name`,
  );
}
