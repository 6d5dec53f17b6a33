import os from 'node:os';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { ChatHub } from '../channels/ChatHub';
import type { LivePlatforms } from '../ingest/LivePlatforms';
import type { Logger } from '../logger';
import { DEMO_CHANNEL, type DemoSource } from '../sources/DemoSource';
import type { LiveSources } from '../sources/LiveSources';
import type { ChatTopicsIo, SocketServerDeps } from '../http/socketServer';
import { redactUrl } from '../redactUrl';
import { ClusterCoordinator } from './ClusterCoordinator';
import { ClusterLiveChannels } from './ClusterLiveChannels';
import { ClusterError } from './errors';
import { NodeChannels } from './NodeChannels';
import { Peers } from './Peers';
import { redisKeys } from './redisKeys';

/** Every key of the deployment in Redis starts with this. */
export const REDIS_PREFIX = 'chat-topics:';
/** How long the first connection to Redis may take before the server refuses to start. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a node waits for its peers' answers (a channel list, a subscription to a channel it does not own). */
const PEER_TIMEOUT_MS = 3000;

export interface ClusterSettings {
  redisUrl: string;
  /** Default: host name and process id. */
  nodeId?: string | undefined;
  leaseSeconds: number;
  /** Every node reads the same archive (PostgreSQL): a replay may then run on any node, the least loaded. */
  sharedArchive: boolean;
}

/** A node's part in a deployment of several: its Redis connections, the channel leases and the socket.io adapter. */
export interface ClusterNode {
  readonly node: string;
  /** For `attachSocketServer`: the Redis adapter, and the peers answering for their channels. */
  readonly socket: NonNullable<SocketServerDeps['cluster']>;
  /**
   * Wires the node's channels to the deployment.
   * @param demo the demo source, when the deployment runs the demo (one node owns it)
   * @returns joins and leaves through the deployment, for the socket layer
   */
  attach(parts: {
    hub: ChatHub;
    live: LiveSources;
    platforms: LivePlatforms;
    demo: DemoSource | null;
    maxLiveChannels: number;
  }): ClusterLiveChannels;
  /**
   * Starts taking this node's share of the deployment's channels (after `attach`, once the node listens).
   * @param channels channels to add to the deployment (configured `channels`)
   */
  start(options: { demo: boolean; channels: readonly string[] }): Promise<void>;
  /** Hands this node's channels back: closed here, another node takes them at once. */
  release(): Promise<void>;
  /** Closes the Redis connections (after socket.io, whose adapter uses two of them). */
  close(): Promise<void>;
}

async function connect(url: string, name: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectionName: name, maxRetriesPerRequest: 3 });
  let ready = false;
  redis.on('error', (err: Error) => {
    // Before the first connection the refusal below says it; after, ioredis reconnects by itself.
    if (ready) logger.warn({ err, redis: redactUrl(url) }, 'Redis connection error; reconnecting');
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new ClusterError(
      `cannot reach the deployment's Redis at ${redactUrl(url)} (setting redisUrl): ${(err as Error).message}`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
  ready = true;
  return redis;
}

/**
 * Connects this node to the deployment's Redis (a refusal names the URL, without its password, and the setting).
 * @example const cluster = await joinCluster({ redisUrl: 'redis://127.0.0.1:6379', leaseSeconds: 10 }, logger);
 */
export async function joinCluster(settings: ClusterSettings, logger: Logger): Promise<ClusterNode> {
  const node = settings.nodeId ?? `${os.hostname()}-${process.pid}`;
  const log = logger.child({ part: 'cluster' });
  const redis = await connect(settings.redisUrl, `chat-topics ${node}`, log);
  const connections = [redis];
  try {
    connections.push(redis.duplicate(), redis.duplicate());
    await Promise.all(connections.slice(1).map((c) => (c.status === 'ready' ? undefined : c.connect())));
  } catch (err) {
    connections.forEach((c) => c.disconnect());
    throw new ClusterError(`cannot open more connections to Redis at ${redactUrl(settings.redisUrl)}`, {
      cause: err,
    });
  }
  const [, adapterSub, wakeSub] = connections as [Redis, Redis, Redis];
  const keys = redisKeys(REDIS_PREFIX);
  let coordinator: ClusterCoordinator | null = null;
  let live: ClusterLiveChannels | null = null;
  return {
    node,
    socket: {
      adapter: createAdapter(redis, adapterSub, { key: `${REDIS_PREFIX}io`, requestsTimeout: PEER_TIMEOUT_MS }),
      peers: (io: ChatTopicsIo) => new Peers(io, log),
      node,
      ...(settings.sharedArchive ? { placeReplay: async () => (coordinator ? coordinator.leastLoaded() : node) } : {}),
    },
    attach: (parts) => {
      coordinator = new ClusterCoordinator({
        redis,
        subscriber: wakeSub,
        keys,
        node,
        leaseMs: settings.leaseSeconds * 1000,
        local: new NodeChannels(parts),
        logger: log,
      });
      live = new ClusterLiveChannels({ ...parts, coordinator });
      return live;
    },
    start: async (options) => {
      if (!coordinator || !live) throw new Error('joinCluster: start() before attach()');
      await coordinator.start();
      if (options.demo) await coordinator.want(DEMO_CHANNEL, 'demo');
      for (const channel of options.channels)
        await live.join(channel).catch((err: Error) => log.warn({ err, channel }, 'configured channel not joined'));
    },
    release: async () => {
      await coordinator?.close();
    },
    close: async () => {
      await coordinator?.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
