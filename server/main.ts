import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openArchive } from './archive/openArchive';
import { ArchiveWriter } from './archive/ArchiveWriter';
import { ThreadedArchiveWriter } from './archive/ThreadedArchiveWriter';
import { ChatHub } from './channels/ChatHub';
import { analysesPath, archiveLocation, trainingPath, type AppConfig } from './config/loadConfig';
import { createAdminSection } from './admin/createAdmin';
import { modelsInUse } from './admin/modelsInUse';
import { createHttpServer } from './http/createHttpServer';
import { prepareNext, type RequestHandler } from './http/nextApp';
import { attachSocketServer } from './http/socketServer';
import { OriginPolicy } from './http/OriginPolicy';
import { OperatorAccess } from './http/OperatorAccess';
import { FORMAT_NAMES } from './importers/formats';
import { LivePlatforms } from './ingest/LivePlatforms';
import { twitchPlatform } from './ingest/twitchPlatform';
import type { Logger } from './logger';
import type { ChatMessage } from '../contracts/chat';
import type { EmbedderInfo } from '../contracts/socket-events';
import type { EmbedService } from '../models/embedding';
import {
  embedderStarter,
  ModelSwitcher,
  openConfiguredRegistry,
  startActiveEmbedder,
  type ModelRegistry,
} from './registry';
import { TrainingJobs } from './training';
import { DemoSource } from './sources/DemoSource';
import { LiveSources } from './sources/LiveSources';
import { ReplaySources } from './sources/ReplaySources';
import { TopicEngine } from './topics/TopicEngine';
import { OnnxCosineKnn } from '../models/onnx/knn';
import { WorkerRefitter } from './topics/WorkerRefitter';
import { TopicPipelineParamsSchema } from '../contracts/analysis';
import { AnalysisJobs } from './analysis/jobs/AnalysisJobs';
import { analysisModelResolver } from './analysis/jobs/resolveAnalysisModel';
import { AnalysisSearch } from './analysis/search/AnalysisSearch';
import { QueryEmbedders } from './analysis/search/QueryEmbedders';
import { openAnalysisStore } from './analysis/store/openAnalysisStore';
import { startConfiguredEmbedder } from './embed/startConfiguredEmbedder';
import { createStreamRequestHandler } from './http/streamRoutes';
import { joinCluster } from './cluster/startCluster';

/** The project directory: where `app/` and `.next/` live. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function ircServer(url: string): { host: string; port: number; secure: boolean } {
  const u = new URL(url);
  const secure = u.protocol === 'wss:';
  return { host: u.hostname, port: u.port ? Number(u.port) : secure ? 443 : 80, secure };
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * The message embedder in use now (the topic engine's): the registry's active model, else the configured one,
   * behind the batching, caching service. It changes when a model is promoted: read it again, do not keep it.
   */
  readonly embedder: EmbedService;
  /** What {@link embedder} is, as shown to users (changes with it; `models.onChange` tells when). */
  readonly embedderInfo: EmbedderInfo;
  /** Model versions (trained, imported, built-in) and the active one. */
  registry: ModelRegistry;
  /** Training jobs, each in a child process. */
  training: TrainingJobs;
  /** Whole-stream analyses in the background (the analyst's workspace), each in a child process. */
  analysisJobs: AnalysisJobs;
  /** Promotes or rolls back the live embedder without downtime. */
  models: ModelSwitcher;
  /** Live topics of every open channel; null when `config.topics` is off. */
  topics: TopicEngine | null;
  /** Graceful stop: sources first, then flush the archive, close sockets and HTTP, close the database. */
  close(): Promise<void>;
}

/**
 * The composition root: builds every part from one validated config and wires them together.
 * No other module reads configuration or the environment.
 *
 * @param config validated configuration (`loadConfig`)
 * @example const server = await startServer(loadConfig({ port: 0 }, process.env), createLogger('warn'));
 */
export async function startServer(
  config: AppConfig,
  logger: Logger,
  options: {
    /** Serve these pages instead of the Next UI (socket and API tests run without a UI build). */
    uiHandler?: RequestHandler;
  } = {},
): Promise<RunningServer> {
  const next =
    options.uiHandler ??
    (await prepareNext(PROJECT_ROOT, { dev: config.dev, buildIfNeeded: config.buildIfNeeded }, logger));

  // First, so a bad model directory stops the start before anything listens or writes.
  // Live chat must never stall ingest: under overload messages go unembedded (counted) rather than queue forever.
  // The registry's active model when there is one (it persists across restarts; with `databaseUrl` it is the
  // deployment's), else `config.embedModel`.
  const registry = openConfiguredRegistry(config, process.cwd(), logger.child({ part: 'registry' }));
  const initialEmbedder = await startActiveEmbedder(registry, config, logger);
  const embedderInfo = initialEmbedder.info;
  logger.info({ embedder: embedderInfo, model: initialEmbedder.modelId }, 'embedder ready');

  // Before anything listens: a deployment whose Redis cannot be reached refuses to start, naming it.
  const cluster = config.redisUrl
    ? await joinCluster(
        {
          redisUrl: config.redisUrl,
          nodeId: config.nodeId,
          leaseSeconds: config.clusterLeaseSeconds,
          sharedArchive: config.databaseUrl !== undefined,
        },
        logger,
      )
    : null;

  const archive = openArchive(archiveLocation(config));
  const writerOptions = { batchSize: config.archiveBatchSize, flushMs: config.archiveFlushMs };
  // Commits run beside the event loop (see ThreadedArchiveWriter); a throwaway in-memory archive cannot be shared with a thread.
  const writer =
    archive.location === ':memory:'
      ? new ArchiveWriter(archive, writerOptions, logger)
      : new ThreadedArchiveWriter(archive, writerOptions, logger.child({ part: 'archive' }));
  const hub = new ChatHub(writer, config.backlogSize, cluster?.node ?? null);
  // Each node numbers its own replays: in a deployment their keys name the node, so two nodes' replays never clash.
  const replays = new ReplaySources(
    hub,
    archive,
    Date.now,
    config.maxReplays,
    cluster ? `replay-${cluster.node}-` : 'replay-',
  );
  // The chat platforms live channels can be on: a new platform is its source file and one line here.
  const platforms = new LivePlatforms([
    twitchPlatform({
      username: config.twitchUsername,
      token: config.twitchToken,
      botNames: config.botNames,
      server: config.twitchIrcUrl ? ircServer(config.twitchIrcUrl) : undefined,
      logger: logger.child({ part: 'twitch' }),
    }),
  ]);
  const demo = config.demo
    ? new DemoSource(hub, archive, { seed: config.demoSeed, ratePerSecond: config.demoRate, botNames: config.botNames })
    : null;

  let sockets: ReturnType<typeof attachSocketServer> | null = null;
  const topics = config.topics
    ? new TopicEngine({
        embedder: initialEmbedder.service,
        refitter: new WorkerRefitter({ layoutThreads: config.layoutThreads }),
        params: TopicPipelineParamsSchema.parse({}),
        settings: {
          windowMinutes: config.topicsWindowMinutes,
          windowMessages: config.topicsWindowMessages,
          refitSeconds: config.topicsRefitSeconds,
          refitStreamSeconds: config.topicsRefitStreamSeconds,
          refitNewShare: config.topicsRefitNewShare,
          minMessages: config.topicsMinMessages,
        },
        // The socket layer is attached below; topics only exist once messages flow, after that.
        events: {
          snapshot: (snapshot) => sockets?.topicEmitter.snapshot(snapshot),
          assigned: (channel, assignments) => sockets?.topicEmitter.assigned(channel, assignments),
        },
        logger: logger.child({ part: 'topics' }),
        // One ONNX Runtime thread: placement runs on the event loop's side while the refit worker uses the other core.
        indexFactory: (vectors, dim, k) => OnnxCosineKnn.create(vectors, dim, k, { threads: 1 }),
      })
    : null;
  if (topics) hub.listen(topics);
  const live = new LiveSources({
    hub,
    archive,
    platforms,
    silenceMs: config.streamSilenceMinutes * 60_000,
    logger,
    maxChannels: config.maxLiveChannels,
    // A channel that goes on its stream after a restart or a takeover keeps its topics: they start from the stream's
    // last window of chat in the archive.
    ...(topics
      ? {
          resumed: {
            seconds: config.topicsWindowMinutes * 60,
            maxMessages: config.topicsWindowMessages,
            topics: (key: string, recent: ChatMessage[]) =>
              void topics
                .seed(key, recent)
                .catch((err: unknown) => logger.warn({ err, channel: key }, 'live topics not resumed')),
          },
        }
      : {}),
  });
  const models = new ModelSwitcher({
    registry,
    initial: initialEmbedder,
    start: embedderStarter(config, logger),
    consumer: topics,
    logger: logger.child({ part: 'models' }),
  });
  const training = TrainingJobs.open({
    dir: trainingPath(config),
    databaseUrl: config.databaseUrl ?? null,
    registry,
    archivePath: archive.location,
    botNames: config.botNames,
    cwd: process.cwd(),
    logger: logger.child({ part: 'training' }),
    // Under the 10 s a signalled stop may take (closeOnSignals): one step, a checkpoint, then SIGKILL.
    killGraceMs: 7000,
  });
  // The admin section marks (and fill-masks with) the model the server embeds with, the shipped one by default.
  const admin = createAdminSection({
    config,
    logger,
    registry: modelsInUse(registry, models),
    training,
    switcher: models,
  });
  // The analyst's workspace: stored analyses, background jobs reading the archive file, search.
  const analysisStore = openAnalysisStore(analysesPath(config));
  const analysisJobs = new AnalysisJobs({
    archivePath: archive.location,
    storeLocation: analysisStore.location,
    config,
    cwd: process.cwd(),
    logger: logger.child({ part: 'analysis' }),
    resolveModel: analysisModelResolver({ registry, models, config }),
  });
  const queryEmbedders = new QueryEmbedders({
    live: () => ({ embedder: models.service, id: models.info().id }),
    start: async (spec) => {
      const started = await startConfiguredEmbedder(config, { overload: 'wait', cwd: process.cwd(), model: spec });
      return { embedder: started.service, id: started.info.id };
    },
  });
  const origins = new OriginPolicy({
    allowedHosts: config.allowedHosts,
    ...(config.operatorToken ? { operatorToken: config.operatorToken } : {}),
  });
  const operators = new OperatorAccess({
    trustLoopback: config.operatorsLocal,
    signedIn: (id) => admin.auth.session(id) !== null,
  });
  const httpServer = createHttpServer({
    next,
    admin,
    logger,
    origins,
    streams: createStreamRequestHandler({
      archive,
      store: analysisStore,
      jobs: analysisJobs,
      search: new AnalysisSearch({ store: analysisStore, queries: queryEmbedders }),
      logger: logger.child({ part: 'analysis' }),
    }),
    // Read per request: a promotion changes the embedder.
    publicConfig: (req) => ({
      importMaxBytes: config.importMaxMb * 1e6,
      demo: config.demo,
      importFormats: ['auto', ...FORMAT_NAMES],
      embedder: models.info(),
      operatorToken: operators.mayOperate(req) ? origins.operatorToken : null,
    }),
    importDeps: {
      archive,
      maxBytes: config.importMaxMb * 1e6,
      maxConcurrent: config.importMaxConcurrent,
      botNames: config.botNames,
      logger,
      // Counts are final only once the import is done.
      // Local: in a deployment each node has its own archive.
      onImported: () => sockets?.io.local.emit('streams:update', archive.listStreams()),
    },
  });
  // In a deployment, joins and leaves go through Redis to the node that owns (or will own) the channel.
  const clusterLive = cluster?.attach({ hub, live, platforms, demo, maxLiveChannels: config.maxLiveChannels }) ?? null;
  sockets = attachSocketServer(httpServer, {
    hub,
    archive,
    live: clusterLive ?? live,
    ...(cluster ? { cluster: cluster.socket } : {}),
    replays,
    logger,
    topics,
    origins,
    eventLimits: {
      ratePerSecond: config.socketEventRate,
      burst: config.socketEventBurst,
      floodLimit: config.socketFloodLimit,
    },
  });
  admin.attachNamespace(sockets.io);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  // A job the last stop interrupted goes on from its checkpoints.
  training.resumeInterrupted();
  if (cluster) await cluster.start({ demo: demo !== null, channels: config.channels });
  else {
    demo?.start();
    // More configured channels than maxLiveChannels: the extra ones are refused and logged, the server still starts.
    for (const channel of config.channels)
      live.join(channel).catch((err: Error) => logger.warn({ err, channel }, 'configured channel not joined'));
  }
  // New live sessions, demo streams and imports show up in the archive list (this node's archive).
  archive.onStreamsChanged(() => sockets?.io.local.emit('streams:update', archive.listStreams()));

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    get embedder() {
      return models.service;
    },
    get embedderInfo() {
      return models.info();
    },
    registry,
    training,
    analysisJobs,
    models,
    topics,
    close: () =>
      (closing ??= (async () => {
        // First: a running job checkpoints and stops as `interrupted` (it resumes at the next start).
        await training.close();
        await analysisJobs.close();
        // A node of a deployment hands its channels back first: another node takes them over at once.
        await cluster?.release();
        demo?.stop();
        replays.stopAll();
        await live.close();
        await topics?.close();
        await writer.close();
        httpServer.closeAllConnections?.();
        await sockets!.close();
        await cluster?.close();
        await admin.close();
        archive.close();
        analysisStore.close();
        await queryEmbedders.close();
        await models.close();
        registry.close();
      })()),
  };
}
