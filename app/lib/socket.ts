'use client';

import { io, type Socket } from 'socket.io-client';
import type { StreamSummary } from '../../contracts/chat';
import type { ServerMessage } from '../../contracts/errorCodes';
import type {
  AckMessage,
  AckResult,
  ChannelInfo,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../contracts/socket-events';
import { applyChannelChanges } from './channelChanges';
import { fetchPublicConfig } from './publicConfig';

/** The dashboard's typed socket.io client. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** What every page shares: the connection, the open channels and the archive's stream list. */
export interface DashboardState {
  connection: ConnectionState;
  /** Null until the first `channels:update` (the full list, at each connection); `channels:changed` keeps it current. */
  channels: ChannelInfo[] | null;
  /** Null until the first `streams:list` answer or `streams:update`. */
  streams: StreamSummary[] | null;
  /** Why the stream list could not be read, as the server said it (the page says it in its language). */
  streamsError: ServerMessage | null;
}

const INITIAL_STATE: DashboardState = { connection: 'connecting', channels: null, streams: null, streamsError: null };

let socket: ChatSocket | null = null;
let state: DashboardState = INITIAL_STATE;
const listeners = new Set<() => void>();

function update(patch: Partial<DashboardState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

async function refreshStreams(s: ChatSocket): Promise<void> {
  const res = await request('streams:list');
  if (res.ok) update({ streams: res.value, streamsError: null });
  else update({ streamsError: res });
}

/**
 * The page's one socket.io connection (same origin, default `/socket.io` path), created on first use in the
 * browser. It reconnects by itself; channel feeds re-subscribe on each `connect` (see `useChannelFeed`).
 */
export function getSocket(): ChatSocket {
  if (socket) return socket;
  const s: ChatSocket = io({
    reconnectionDelayMax: 3000,
    // The operator token (join, leave, replays), read again at each (re)connection: a restarted server has a new one.
    auth: (cb) => {
      fetchPublicConfig()
        .then((c) => cb({ csrf: c.operatorToken }))
        .catch(() => cb({}));
    },
  });
  socket = s;
  s.on('connect', () => {
    update({ connection: 'connected' });
    void refreshStreams(s);
  });
  s.on('disconnect', () => update({ connection: 'disconnected' }));
  s.io.on('reconnect_attempt', () => update({ connection: 'connecting' }));
  s.on('connect_error', () => update({ connection: 'disconnected' }));
  s.on('channels:update', (channels) => update({ channels }));
  // Changes before the first full list cannot be applied; that list (sent first on every connection) has them.
  s.on('channels:changed', (changes) => {
    if (state.channels) update({ channels: applyChannelChanges(state.channels, changes) });
  });
  s.on('streams:update', (streams) => update({ streams, streamsError: null }));
  return s;
}

/** For `useSyncExternalStore`. */
export function subscribeDashboard(listener: () => void): () => void {
  getSocket();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getDashboardState(): DashboardState {
  return state;
}

export function getServerDashboardState(): DashboardState {
  return INITIAL_STATE;
}

type AckValue<Ev extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[Ev]> extends [...unknown[], (res: AckResult<infer T>) => void] ? T : never;
type RequestArgs<Ev extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[Ev]> extends [...infer A, (res: AckResult<infer _T>) => void] ? A : never;

/**
 * Emits an event that takes an ack and resolves with its `AckResult`, a refusal's code and params (the ack's second
 * argument) merged in; a timeout (or a closed connection) becomes `{ ok: false }` with a readable error instead of a
 * rejection.
 */
export async function request<
  Ev extends
    | 'channel:subscribe'
    | 'channel:join'
    | 'channel:leave'
    | 'replay:start'
    | 'replay:control'
    | 'streams:list'
    | 'topics:setParams',
>(event: Ev, ...args: RequestArgs<Ev>): Promise<AckResult<AckValue<Ev>>> {
  const s = getSocket();
  type Result = AckResult<AckValue<Ev>>;
  return new Promise<Result>((resolve) => {
    const timed = s.timeout(15_000);
    // emit's typing is generic over the event map; the helper types above pin it to this event.
    const emit = timed.emit as unknown as (
      ev: Ev,
      ...a: [...RequestArgs<Ev>, (err: Error | null, res: Result, message?: AckMessage) => void]
    ) => void;
    const acked = (err: Error | null, res: Result, message?: AckMessage) => {
      if (err)
        resolve({
          ok: false,
          error: s.connected ? 'the server did not answer in time' : 'not connected to the server',
        });
      else resolve(!res.ok && message ? { ...res, ...message } : res);
    };
    emit.call(timed, event, ...args, acked);
  });
}
