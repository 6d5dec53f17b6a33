import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type {
  Ack,
  ChannelInfo,
  ChatLine,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeResult,
  TopicAssignment,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import type { Archive } from '../archive/Archive';
import { ChannelListChanges } from '../channels/ChannelListChanges';
import type { ChatHub } from '../channels/ChatHub';
import { ChatTopicsError, RequestError, type ErrorKind } from '../errors';
import type { Logger } from '../logger';
import { internalMessage, serverMessageOf } from '../serverMessage';
import { refusalArgs } from './refusalArgs';
import { createChannelRequests, type ChannelRequests } from './channelRequests';
import type { PeerCall, PeerEvents, Peers } from '../cluster/Peers';
import type { ReplaySources } from '../sources/ReplaySources';
import type { TopicEngine } from '../topics/TopicEngine';
import { limitSocketEvents, type EventRateLimits } from './EventRateLimiter';
import type { OriginPolicy } from './OriginPolicy';

export type ChatTopicsIo = Server<ClientToServerEvents, ServerToClientEvents, PeerEvents>;

/** Joins and leaves of live channels: `LiveSources` on one node, `ClusterLiveChannels` in a deployment. */
export interface LiveChannelControl {
  join(input: string): Promise<ChannelInfo>;
  leave(channel: string): Promise<void>;
}

export interface SocketServerDeps {
  hub: ChatHub;
  archive: Archive;
  live: LiveChannelControl;
  replays: ReplaySources;
  logger: Logger;
  /** Live topics; null when the topic engine is off. */
  topics: TopicEngine | null;
  /** Which hosts and origins may connect, and the operator token state-changing events need. */
  origins: OriginPolicy;
  /** Events per second each connection may send (config `socketEventRate`, `socketEventBurst`, `socketFloodLimit`). */
  eventLimits: EventRateLimits;
  /**
   * A deployment of several nodes (`redisUrl`): socket.io's Redis adapter, and the other nodes, which answer for the
   * channels they own. Absent: this node is the whole deployment.
   */
  cluster?: {
    adapter: ServerOptions['adapter'];
    peers: (io: ChatTopicsIo) => Peers;
    /** This node's id in the deployment. */
    node: string;
    /**
     * The node a new replay goes to (the least loaded). Absent when each node has its own archive: a stream can then
     * only be replayed where it is.
     */
    placeReplay?: () => Promise<string>;
  };
}

/** What the socket layer sends for the topic engine: wire these as the engine's events. */
export interface TopicEmitter {
  snapshot(snapshot: TopicsSnapshot): void;
  assigned(channel: string, assignments: TopicAssignment[]): void;
}

const room = (channel: string) => `ch:${channel}`;
const LINE_FLUSH_MS = 50;

/** Runs a handler and turns its result or typed error into an ack; unexpected errors are logged, not leaked. */
async function answer<T>(ack: unknown, logger: Logger, work: () => T | Promise<T>): Promise<void> {
  if (typeof ack !== 'function') return;
  let args: Parameters<Ack<T>>;
  try {
    args = [{ ok: true, value: await work() }];
  } catch (err) {
    // An `internal` error is our machinery failing (a worker crash): logged like a bug, its details not sent.
    if (err instanceof ChatTopicsError && err.kind !== 'internal') args = refusalArgs(serverMessageOf(err));
    else {
      logger.error({ err }, 'socket handler failed');
      args = refusalArgs(internalMessage());
    }
  }
  (ack as Ack<T>)(...args);
}

/** A state-changing event from a connection that did not present the operator token. */
class OperatorOnlyError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'forbidden';
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new ChatTopicsError(`${field}: expected a non-empty string`, {
      code: 'request.bad-field',
      params: { field },
    });
  }
  return value;
}

/**
 * socket.io on the dashboard's HTTP server: one room per channel; subscribers get a backlog after the seq they
 * last saw (so a reconnecting browser catches up without duplicates), then live lines, deletions and rates.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  deps: SocketServerDeps,
): { io: ChatTopicsIo; topicEmitter: TopicEmitter; close(): Promise<void> } {
  const { hub, archive, live, replays, logger, topics, origins, eventLimits } = deps;
  const io: ChatTopicsIo = new Server(httpServer, {
    serveClient: false,
    ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
    // A browser always says where a WebSocket comes from: another site's page is refused before it connects.
    allowRequest: (req, callback) => {
      const problem =
        origins.hostProblem(req.headers.host) ?? origins.originProblem(req.headers.origin, req.headers.host);
      if (problem)
        logger.warn({ host: req.headers.host, origin: req.headers.origin }, `socket.io connection refused: ${problem}`);
      callback(problem, problem === null);
    },
  });
  const peers = deps.cluster?.peers(io) ?? null;

  // Lines go out in batches every LINE_FLUSH_MS: at hundreds of messages per second one emit per message would
  // cost more than the messages themselves.
  const pending = new Map<string, ChatLine[]>();
  const flush = (channel: string) => {
    const lines = pending.get(channel);
    if (!lines) return;
    pending.delete(channel);
    io.to(room(channel)).emit('chat:lines', { channel, lines });
  };
  const flushTimer = setInterval(() => [...pending.keys()].forEach(flush), LINE_FLUSH_MS);

  // The channel list goes out whole once per connection, then as coalesced changes to everyone: sending the whole
  // list on every change made a burst of joins cost channels x changes x clients. In a deployment each node sends
  // the changes of its own channels to every browser (through the adapter).
  const channelChanges = new ChannelListChanges(
    () => hub.channels(),
    (changes) => io.emit('channels:changed', changes),
  );

  const stopListening = hub.listen({
    lines: (channel, lines) => {
      const queued = pending.get(channel);
      if (queued) queued.push(...lines);
      else pending.set(channel, [...lines]);
    },
    deleted: (channel, ids) => {
      flush(channel); // a deletion must not overtake the line it hides
      io.to(room(channel)).emit('chat:deleted', { channel, ids });
    },
    channelsChanged: () => channelChanges.notify(),
  });

  const topicEmitter: TopicEmitter = {
    snapshot: (snapshot) => io.to(room(snapshot.channel)).emit('topics:update', snapshot),
    assigned: (channel, assignments) => {
      flush(channel); // the lines first, then their topics
      io.to(room(channel)).emit('topics:assigned', { channel, assignments });
    },
  };

  // Once a second: rates to each watched room, and the channels whose message counts moved (state changes come
  // from the hub; counts would be far too chatty to send per message). A room's members on other nodes are not
  // known here, so a node of a deployment sends every channel's rate.
  const rateTimer = setInterval(() => {
    channelChanges.notify();
    for (const info of hub.channels()) {
      const r = room(info.key);
      if (peers || (io.sockets.adapter.rooms.get(r)?.size ?? 0) > 0)
        io.to(r).emit('rate:update', hub.feed(info.key).rateSnapshot());
    }
  }, 1000);

  // The requests about one channel, as the node that has it open runs them (for its own browsers and its peers').
  const channelRequests = createChannelRequests({ hub, live, replays, topics, flush });
  /** Runs a channel's request here when this node has the channel, else on the node that has it. */
  const routed = async <E extends PeerCall>(event: E, req: ChannelRequests[E]): Promise<unknown> => {
    if (peers && !hub.has(req.channel)) {
      const remote = await peers.call(event, req.channel, req);
      if (remote) return remote.value;
    }
    return channelRequests[event](req);
  };
  peers?.serve({
    channels: () => hub.channels(),
    has: (channel) => hub.has(channel),
    // The calling node built the request from a browser's event with the same checks as here.
    run: async (event, request) => channelRequests[event](request as never),
    node: deps.cluster?.node ?? '',
    startReplay: async (streamId, speed) => replays.start(streamId, speed),
  });
  /** Starts a replay on the node the deployment places it on (this one when alone, or when it is the least loaded). */
  const startReplay = async (streamId: string, speed: number): Promise<ChannelInfo> => {
    const target = await deps.cluster?.placeReplay?.();
    if (peers && target !== undefined && target !== deps.cluster!.node) {
      const started = await peers.startReplay(target, streamId, speed);
      if (started) return started;
    }
    return replays.start(streamId, speed);
  };
  const allChannels = async (): Promise<ChannelInfo[]> => {
    const here = hub.channels();
    if (!peers) return here;
    const keys = new Set(here.map((c) => c.key));
    return [...here, ...(await peers.channels()).filter((c) => !keys.has(c.key))];
  };

  io.on('connection', (socket) => {
    // First, so that every event below (reads included) counts against the connection's rate.
    limitSocketEvents(socket, eventLimits, logger);
    if (peers) void allChannels().then((channels) => socket.emit('channels:update', channels));
    else socket.emit('channels:update', hub.channels());
    // Viewers read; joining, leaving and replays need the operator token of the handshake (from /api/config).
    const operator = origins.isOperatorToken((socket.handshake.auth as { csrf?: unknown } | undefined)?.csrf);
    const asOperator =
      <T>(work: () => T | Promise<T>) =>
      () => {
        if (!operator)
          throw new OperatorOnlyError(
            'this action needs the operator token (connect with auth.csrf from /api/config)',
            {
              code: 'operator.required',
            },
          );
        return work();
      };

    socket.on('channel:subscribe', (req, ack) =>
      answer(ack, logger, async () => {
        const channel = text(req?.channel, 'channel');
        const afterSeq = Number.isFinite(req?.afterSeq) ? req.afterSeq : 0;
        if (peers && !hub.has(channel)) {
          // Another node's channel: in the room first, so no line its owner sends after answering is missed (the
          // browser drops the lines it gets twice, by seq).
          await socket.join(room(channel));
          const remote = await peers.call('channel:subscribe', channel, { channel, afterSeq });
          if (remote) return remote.value as SubscribeResult;
          void socket.leave(room(channel));
        }
        const result = channelRequests['channel:subscribe']({ channel, afterSeq }) as SubscribeResult;
        void socket.join(room(channel));
        return result;
      }),
    );
    socket.on('channel:unsubscribe', (req) => {
      if (typeof req?.channel === 'string') void socket.leave(room(req.channel));
    });
    socket.on('channel:join', (req, ack) =>
      answer(
        ack,
        logger,
        asOperator(() => live.join(text(req?.channel, 'channel'))),
      ),
    );
    socket.on('channel:leave', (req, ack) =>
      answer(
        ack,
        logger,
        asOperator(async () => {
          await routed('channel:leave', { channel: text(req?.channel, 'channel') });
          return undefined;
        }),
      ),
    );
    socket.on('replay:start', (req, ack) =>
      answer(
        ack,
        logger,
        asOperator(() => startReplay(text(req?.streamId, 'streamId'), Number(req?.speed ?? 1))),
      ),
    );
    socket.on('replay:control', (req, ack) =>
      answer(
        ack,
        logger,
        asOperator(
          async () =>
            (await routed('replay:control', {
              channel: text(req?.channel, 'channel'),
              control: req.control,
            })) as ChannelInfo,
        ),
      ),
    );
    socket.on('streams:list', (ack) => answer(ack, logger, () => archive.listStreams()));
    socket.on('topics:setParams', (req, ack) =>
      answer(
        ack,
        logger,
        asOperator(async () => {
          if (!topics)
            throw new RequestError('the topic engine is off on this server (started with --no-topics)', {
              code: 'topics.off',
            });
          const channel = text(req?.channel, 'channel');
          return (await routed('topics:setParams', {
            channel,
            params: req?.params,
            reset: req?.reset === true,
          })) as Awaited<ReturnType<TopicEngine['updatePipelineParams']>>;
        }),
      ),
    );
  });

  return {
    io,
    topicEmitter,
    close: async () => {
      clearInterval(rateTimer);
      clearInterval(flushTimer);
      channelChanges.close();
      stopListening();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
