import type { EmbedderInfo } from '../../contracts/socket-events';
import {
  createEmbedder,
  EmbedService,
  type EmbedServiceOptions,
  type OverloadPolicy,
  type PoolMemberChange,
} from '../../models/embedding';
import type { AppConfig } from '../config/schema';
import type { Logger } from '../logger';

/** The configured embedder behind the batching, caching service, and how to describe it to users. */
export interface ConfiguredEmbedder {
  service: EmbedService;
  info: EmbedderInfo;
  /** The ONNX Runtime execution provider in use, when known. */
  executionProvider?: 'cpu' | 'cuda';
}

/**
 * Starts the embedder `config.embedModel` names (see {@link createEmbedder}) and wraps it in an
 * {@link EmbedService} with the config's batching, queue and cache settings: the one place the server, `embed` and
 * `embed-server` build it.
 *
 * @param config validated configuration
 * @param options `overload`: what a full queue does (`reject` for live chat and servers, `wait` for batch jobs);
 *   `cwd`: where a relative model directory is resolved; `model`: a model to start instead of `config.embedModel`
 * @example
 * const { service, info } = await startConfiguredEmbedder(config, { overload: 'reject' });
 * logger.info({ embedder: info }, 'embedder ready');
 */
export async function startConfiguredEmbedder(
  config: AppConfig,
  options: {
    overload: OverloadPolicy;
    cwd?: string;
    /** Embed with this instead of `config.embedModel` (the registry's active model), with the config's other settings. */
    model?: string;
    /** Where a pool of embed servers reports a server leaving (warn) or coming back (info). */
    logger?: Logger;
  },
): Promise<ConfiguredEmbedder> {
  const created = await createEmbedder(options.model ?? config.embedModel, {
    cwd: options.cwd,
    threads: config.embedThreads,
    executionProvider: config.embedExecutionProvider,
    maxBatchSize: config.embedMaxBatch,
    token: config.embedToken,
    ...(options.logger ? { onPoolChange: poolChangeLogger(options.logger) } : {}),
  });
  const service = new EmbedService(created.embedder, embedServiceOptions(config, options.overload));
  const info: EmbedderInfo = {
    id: service.id,
    kind: created.kind,
    dimension: service.dimension,
    description: created.description,
  };
  return created.executionProvider === undefined
    ? { service, info }
    : { service, info, executionProvider: created.executionProvider };
}

/** The {@link EmbedService} settings of a config: gather size, wait, cache, queue bound, and the overload policy. */
export function embedServiceOptions(config: AppConfig, overload: OverloadPolicy): EmbedServiceOptions {
  return {
    maxBatchSize: config.embedGatherSize,
    maxWaitMs: config.embedMaxWaitMs,
    cacheSize: config.embedCacheSize,
    maxQueued: config.embedQueueLimit,
    overload,
  };
}

/** Logs a pool's failovers: a server leaving is a warning (quiet logs still show it), its return is info. */
function poolChangeLogger(logger: Logger): (change: PoolMemberChange) => void {
  return ({ url, healthy, reason }) => {
    if (healthy) logger.info({ embedServer: url }, 'embed server back in the pool');
    else logger.warn({ embedServer: url, reason }, 'embed server left the pool; its requests go to the others');
  };
}
