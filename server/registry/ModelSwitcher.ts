import type { EmbedderInfo } from '../../contracts/socket-events';
import type { Embedder, EmbedService } from '../../models/embedding';
import type { AppConfig } from '../config/schema';
import { startConfiguredEmbedder, type ConfiguredEmbedder } from '../embed/startConfiguredEmbedder';
import type { Logger } from '../logger';
import { ModelRegistryError } from './errors';
import type { ModelRegistry } from './ModelRegistry';

/** What receives the new embedder on a switch: the live topic engine (every channel's window). */
export interface EmbedderConsumer {
  switchEmbedder(next: Embedder): Promise<void>;
}

/** The embedder the server uses now. */
export interface ActiveEmbedder {
  service: EmbedService;
  info: EmbedderInfo;
  /** Registry id of the model; null for the configured embedder (`embedModel`). */
  modelId: string | null;
}

/** Starts an embedder from a registry model directory, or the configured one (`dir` null). */
export type EmbedderStarter = (dir: string | null) => Promise<ConfiguredEmbedder>;

export interface ModelSwitcherDeps {
  registry: ModelRegistry;
  /** The embedder running now (see {@link startActiveEmbedder}). */
  initial: ActiveEmbedder;
  start: EmbedderStarter;
  /** The topic engine; null when topics are off (then a switch only changes the embed service). */
  consumer: EmbedderConsumer | null;
  logger: Logger;
}

/**
 * Starts the embedder the server should use at start-up: the registry's active model when there is one, else
 * `config.embedModel`. An active model that no longer loads (deleted, corrupt) is logged and the configured
 * embedder used instead: a broken version must not keep the dashboard down (the registry still names it, so an
 * admin sees it and can roll back or promote another).
 *
 * @example const initial = await startActiveEmbedder(registry, config, logger);
 */
export async function startActiveEmbedder(
  registry: ModelRegistry,
  config: AppConfig,
  logger: Logger,
): Promise<ActiveEmbedder> {
  const start = embedderStarter(config, logger);
  const active = registry.activeId();
  if (active !== null) {
    try {
      const started = await start(registry.resolve(active));
      return { service: started.service, info: started.info, modelId: active };
    } catch (err) {
      logger.error(
        { err, model: active },
        "the registry's active model does not start; embedding with the configured embedder",
      );
    }
  }
  const started = await start(null);
  return { service: started.service, info: started.info, modelId: null };
}

/**
 * How the server starts an embedder: the config's settings (threads, batching, cache, queue bound) with the
 * overload policy of live chat (`reject`: under overload messages go unembedded, counted, rather than queue).
 *
 * @param logger where a pool of embed servers reports a server leaving it (warn) or coming back (info)
 */
export function embedderStarter(config: AppConfig, logger?: Logger): EmbedderStarter {
  const logs = logger ? { logger: logger.child({ part: 'embed' }) } : {};
  return (dir) =>
    startConfiguredEmbedder(config, { overload: 'reject', ...logs, ...(dir === null ? {} : { model: dir }) });
}

/**
 * Promotes a model version (or rolls back) while the server runs, without downtime: the new embedder is started
 * next to the old one, every channel's topic window switches to it (the old model finishes what it is embedding,
 * the window is re-embedded by the new one: see `ChannelTopicEngine.switchEmbedder`), then the registry's active
 * version is set and the old embedder closed. A model that does not start changes nothing. Switches run one at a
 * time, in call order.
 *
 * @example
 * const models = new ModelSwitcher({ registry, initial, start: embedderStarter(config, logger), consumer: topics, logger });
 * await models.promote('chat-topics-cpu-small@20250101-120000+job-1a2b3c');
 * models.info(); // { id: 'convbert:chat-topics-cpu-small@…', kind: 'convbert', … }
 */
export class ModelSwitcher {
  private active: ActiveEmbedder;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(info: EmbedderInfo) => void>();
  private closed = false;

  private readonly unfollow: () => void;

  constructor(private readonly deps: ModelSwitcherDeps) {
    this.active = deps.initial;
    this.unfollow = deps.registry.onChange(() => void this.follow());
  }

  /**
   * Follows the registry's active version when another node (or the CLI) changed it in a shared registry state:
   * this node's live embedder switches to it too. A version this node cannot start (its files are not in this
   * node's registry directory) is logged, and the node goes on with the embedder it has.
   */
  private follow(): Promise<void> {
    return this.serialise(async () => {
      const wanted = this.deps.registry.activeId();
      if (wanted === this.active.modelId) return;
      try {
        await this.switchTo(wanted === null ? null : this.deps.registry.resolve(wanted), wanted);
      } catch (err) {
        this.deps.logger.error(
          { err, model: wanted },
          'model switch: the active version changed elsewhere but does not start here; keeping the current embedder',
        );
      }
    }).catch(() => undefined);
  }

  /** The embed service in use now (it changes on a switch: do not keep it). */
  get service(): EmbedService {
    return this.active.service;
  }

  /** The public description of the embedder in use now (`/api/config`'s `embedder`). */
  info(): EmbedderInfo {
    return this.active.info;
  }

  /** Registry id of the model in use; null for the configured embedder. */
  modelId(): string | null {
    return this.active.modelId;
  }

  /** Calls `listener` with the new embedder's info after each switch. @returns unsubscribe */
  onChange(listener: (info: EmbedderInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Makes a registry version the live embedder and the registry's active version.
   * @throws UnknownModelError for an unknown id; the model's own error when it does not start (nothing changed)
   */
  promote(id: string): Promise<EmbedderInfo> {
    return this.serialise(async () => {
      const dir = this.deps.registry.resolve(id);
      await this.switchTo(dir, id);
      this.deps.registry.setActive(id);
      return this.active.info;
    });
  }

  /**
   * Goes back to the version active before the current one (the configured embedder when there was none).
   * @throws ModelRegistryError when nothing was ever promoted
   */
  rollback(): Promise<EmbedderInfo> {
    return this.serialise(async () => {
      const target = this.deps.registry.rollbackTarget();
      if (target === undefined)
        throw new ModelRegistryError(
          `model registry ${this.deps.registry.dir}: nothing to roll back (no version was ever promoted)`,
        );
      await this.switchTo(target === null ? null : this.deps.registry.resolve(target), target);
      this.deps.registry.setActive(target, { rollback: true });
      return this.active.info;
    });
  }

  /** Waits for a switch in progress, then closes the embedder in use. */
  async close(): Promise<void> {
    this.unfollow();
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.active.service.close();
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue
      .catch(() => undefined)
      .then(() => {
        if (this.closed) throw new ModelRegistryError('the server is stopping: no model switch');
        return work();
      });
    this.queue = run;
    return run;
  }

  private async switchTo(dir: string | null, modelId: string | null): Promise<void> {
    const { logger } = this.deps;
    const started = await this.deps.start(dir);
    const previous = this.active;
    const next: ActiveEmbedder = { service: started.service, info: started.info, modelId };
    const t0 = performance.now();
    try {
      await this.deps.consumer?.switchEmbedder(next.service);
    } catch (err) {
      // A channel failed to switch: it logged why; the others run on the new model, so it stays.
      logger.error({ err }, 'model switch: a channel did not switch cleanly');
    }
    this.active = next;
    logger.info(
      { from: previous.info.id, to: next.info.id, ms: Math.round(performance.now() - t0) },
      'model switch: done',
    );
    await previous.service.close();
    for (const listener of this.listeners) {
      try {
        listener(next.info);
      } catch (err) {
        logger.warn({ err }, 'model switch: a listener failed');
      }
    }
  }
}
