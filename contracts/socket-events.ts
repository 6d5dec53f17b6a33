import type { StageTiming, TopicPipelineParams, TopicPipelineParamsInput, TopicTerm } from './analysis';
import type { ChatMessage, StreamSummary } from './chat';
import type { ErrorParams } from './errorCodes';
import type { StageRecord } from './pipelineStages';

/**
 * Typed socket.io events: the only contract between the server and the dashboard.
 * The UI imports this file (types only) and never server code.
 */

/** What feeds a dashboard channel. */
export type ChannelKind = 'live' | 'replay' | 'demo';

export type ChannelState =
  'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'playing' | 'paused' | 'ended';

export interface ChannelInfo {
  /** Dashboard channel key: for live channels their `ChannelRef` as one string (a Twitch login, `platform:name` elsewhere), `demo`, or `replay-<n>`. */
  key: string;
  kind: ChannelKind;
  state: ChannelState;
  /** Current stream (session) id, if one has started. */
  streamId: string | null;
  /** Messages received since the channel was opened (by the node that had it before, too, after a takeover). */
  messageCount: number;
  /**
   * Line numbers (`seq`) minus this are the message count: 0 unless the channel was taken over from another node of
   * the deployment, which numbers past anything the old owner may have sent. Absent means 0.
   */
  seqOffset?: number;
  /** In a deployment of several nodes (`redisUrl`), the node that owns the channel; absent on a lone server. */
  node?: string;
  /** Last error, if the source reported one. */
  error: string | null;
  /** Replay only. */
  replay: ReplayStatus | null;
  /** Live only: chat lost to drops of the link to Twitch (which does not replay it); null for other kinds. */
  link: LinkLosses | null;
}

/** What a live channel lost to drops of its link to Twitch since it was joined. */
export interface LinkLosses {
  /** Times the established link went down. */
  drops: number;
  /** Seconds down in all (the current outage included). */
  offlineSeconds: number;
  /** Messages probably missed: each outage's length times the channel's rate just before it. */
  missedEstimate: number;
  /** Down now. */
  down: boolean;
}

export interface ReplayStatus {
  streamId: string;
  speed: number;
  /** Replay clock, in the stream's elapsed seconds. */
  position: number;
  duration: number;
  paused: boolean;
  ended: boolean;
}

/** A message as the dashboard receives it: the archive's message plus its sequence number in the channel. */
export interface ChatLine {
  /** Strictly increasing per channel: catch-up after a reconnect asks for `seq > lastSeen`. */
  seq: number;
  message: ChatMessage;
}

export interface RatePoint {
  /** Elapsed second of the stream (bucket start). */
  t: number;
  count: number;
}

export interface RateSnapshot {
  channel: string;
  /** Per-second message counts, oldest first, covering the last `windowSeconds` of stream time. */
  points: RatePoint[];
  windowSeconds: number;
  /** Stream clock: elapsed seconds of the newest message (or replay position). */
  clock: number;
}

/**
 * A socket.io acknowledgement: the value, or the English `error`. A refusal a person may read also has a stable
 * `code` and `params` (`contracts/errorCodes.ts`); on the wire they come as the ack's second argument
 * ({@link AckMessage}), so a client that reads only the first sees `{ ok: false, error }` exactly as before. The
 * dashboard's `request()` merges them into this shape.
 */
export type AckResult<T = undefined> =
  { ok: true; value: T } | { ok: false; error: string; code?: string; params?: ErrorParams };

/** The code and params of a refusal, sent as an ack's second argument (see {@link AckResult}). */
export interface AckMessage {
  code: string;
  params?: ErrorParams;
}

/** An event's acknowledgement callback: its result, then the refusal's code when it has one. */
export type Ack<T = undefined> = (res: AckResult<T>, message?: AckMessage) => void;

export interface SubscribeResult {
  channel: ChannelInfo;
  /** Messages with seq > the requested `afterSeq`, oldest first (at most the server's backlog). */
  backlog: ChatLine[];
  rate: RateSnapshot;
  /** The channel's live topics; null when the topic engine is off. */
  topics: TopicsSnapshot | null;
}

/** Life of a live topic: new at the last refit, rising, about level, falling, gone from the window (shown a while). */
export type TopicState = 'born' | 'growing' | 'steady' | 'fading' | 'ended';

/** What a live topic and a live moment cards share: identity, life stage, label, size, trend, typical messages. */
export interface TrackedCard {
  /** Stable across refits while it lives. */
  id: number;
  /** Palette index (0-based); unique among the cards of its level alive at once. */
  colour: number;
  state: TopicState;
  /** `term (score)/term (score)/…` */
  label: string;
  terms: TopicTerm[];
  /** Messages in the window at the last refit plus those placed since. */
  size: number;
  /** Messages per `trendBinSeconds` bin over the last bins, oldest first. */
  trend: number[];
  representatives: { id: string; text: string; user: string; elapsed: number }[];
  /** Stream clock (elapsed seconds) when it was first found, and when it last had a message. */
  bornAt: number;
  lastSeenAt: number;
}

/** One live (fine) topic as the dashboard shows it. */
export interface TopicCard extends TrackedCard {
  /** Mean silhouette at the last refit (estimated from samples); null when unknown. */
  silhouette: number | null;
  /** The moment this topic belongs to (`MomentCard.id`), null when none. */
  moment: number | null;
}

/**
 * One live moment: what chat says about one thing right now, joining fine topics written in different words (the
 * level a person names; the dashboard shows it first).
 */
export interface MomentCard extends TrackedCard {
  /** Fine topics (`TopicCard.id`) of this moment, largest first. */
  topics: number[];
}

export interface TopicRefitInfo {
  /** Stream clock of the newest message in the refit window. */
  clock: number;
  /** Wall-clock epoch ms when the refit finished. */
  at: number;
  durationMs: number;
  messages: number;
  /** Wall time of each step, in the order they ran. */
  stages: StageTiming[];
  /**
   * The swappable stages that ran (reducer, clusterer, labeller) with their parameters; the embedder is the
   * snapshot's `embedder`.
   */
  pipeline: StageRecord[];
}

/** The live topics of one channel, sent after each refit and, between refits, when sizes change. */
export interface TopicsSnapshot {
  channel: string;
  /** `warming-up`: fewer messages than the first refit needs; `ready`: topics come from a refit. */
  status: 'warming-up' | 'ready';
  /** Stream clock of the newest message seen. */
  clock: number;
  /** Embedder id of the vectors (e.g. `bow-v1`). */
  embedder: string;
  /** Messages in the window, its bounds, and how many the first refit waits for. */
  window: { messages: number; maxMessages: number; maxSeconds: number; minMessages: number };
  /** Window messages no topic took at the last refit or since. */
  noise: number;
  /**
   * Messages left out of clustering since the channel opened, by reason (`dropped`: the engine's queue was full or
   * the embedder refused them; sampled-out messages are counted in `shed`, not here).
   */
  excluded: { deleted: number; bot: number; command: number; empty: number; dropped: number };
  /**
   * Overload: chat comes faster than the engine embeds, so it clusters an even sample of new messages. `keepRatio`:
   * the share clustered now (1: all); `messages`: left out by sampling since the channel opened. Every message is
   * still archived and shown in the feed.
   */
  shed: { keepRatio: number; messages: number };
  trendBinSeconds: number;
  /** Live topics (largest first), then recently ended ones. */
  topics: TopicCard[];
  /** Live moments (largest first), then recently ended ones. */
  moments: MomentCard[];
  lastRefit: TopicRefitInfo | null;
  /** The channel's pipeline parameters now: the next refit runs with them (`topics:setParams` changes them). */
  params: TopicPipelineParams;
  refits: number;
  /** Time from a message reaching the engine to its topic, over recent messages (ms). */
  assignment: { count: number; p50Ms: number | null; p95Ms: number | null };
}

/** Topic of new messages between refits (null: noise), by their channel sequence number. */
export interface TopicAssignment {
  seq: number;
  messageId: string;
  topic: number | null;
}

/**
 * A change to one channel's pipeline parameters, kept for the life of the server (a channel closed and opened again
 * keeps them). `params` holds only what changes: each section is merged into the channel's current one, except
 * `clusterer`, replaced whole (one kind's parameters never carry over to another). `reset`: start from the server's
 * defaults instead of the channel's current parameters.
 * @example { channel: 'zerator', params: { clusterer: { kind: 'kmeans', k: 8 } } }
 */
export interface TopicParamsChange {
  channel: string;
  params: TopicPipelineParamsInput;
  reset?: boolean;
}

export type ReplayControl =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'seek'; position: number }
  | { action: 'speed'; speed: number };

/**
 * What changed in the list of open channels since the last `channels:changed` (or the `channels:update` a client got
 * on connect): channels opened or changed (state, message count, replay position), and keys of closed ones. Applying
 * it is idempotent: upsert `changed` by key (new keys go last, as the server lists them), drop `removed`.
 */
export interface ChannelChanges {
  changed: ChannelInfo[];
  removed: string[];
}

export interface ServerToClientEvents {
  /** The full list of open channels, sent once on connect; changes follow as `channels:changed`. */
  'channels:update': (channels: ChannelInfo[]) => void;
  /** Changes to the channel list, coalesced (at most about every 250 ms) and sent to every client. */
  'channels:changed': (changes: ChannelChanges) => void;
  /** New messages in a subscribed channel (room), in seq order. */
  'chat:lines': (payload: { channel: string; lines: ChatLine[] }) => void;
  /** Messages removed by moderation in a subscribed channel. */
  'chat:deleted': (payload: { channel: string; ids: string[] }) => void;
  /** Message-rate series of a subscribed channel, about once a second. */
  'rate:update': (snapshot: RateSnapshot) => void;
  /** The archive's stream list changed (new live session, import finished). */
  'streams:update': (streams: StreamSummary[]) => void;
  /** Live topics of a subscribed channel: after each refit, and at most about once a second in between. */
  'topics:update': (snapshot: TopicsSnapshot) => void;
  /** New messages of a subscribed channel placed in a topic (or noise) between refits. */
  'topics:assigned': (payload: { channel: string; assignments: TopicAssignment[] }) => void;
}

export interface ClientToServerEvents {
  'channel:subscribe': (req: { channel: string; afterSeq: number }, ack: Ack<SubscribeResult>) => void;
  'channel:unsubscribe': (req: { channel: string }) => void;
  /** Start listening to a live channel: a Twitch login (`zerator`, `#Zerator`) or a reference `platform:name`. */
  'channel:join': (req: { channel: string }, ack: Ack<ChannelInfo>) => void;
  /** Stop a live channel or a replay. */
  'channel:leave': (req: { channel: string }, ack: Ack) => void;
  /** Open a replay of an archived stream; the ack carries the new channel key. */
  'replay:start': (req: { streamId: string; speed: number }, ack: Ack<ChannelInfo>) => void;
  'replay:control': (req: { channel: string; control: ReplayControl }, ack: Ack<ChannelInfo>) => void;
  'streams:list': (ack: Ack<StreamSummary[]>) => void;
  /**
   * Operator only: changes an open channel's pipeline parameters from its next refit on. The ack carries the
   * parameters now in effect, or an error naming the parameter refused (`params.clusterer.k: …`).
   */
  'topics:setParams': (req: TopicParamsChange, ack: Ack<TopicPipelineParams>) => void;
}

/** What `POST /api/import` answers (the route and its statuses: `importRoute` in `contracts/http`). */
export interface ImportResponse {
  streamId: string;
  format: string;
  imported: number;
  skipped: number;
  /** First bad lines, with reasons (capped). */
  errors: { line: number; reason: string }[];
  /** Bad lines or records in all (`errors` holds the first ones). */
  errorCount: number;
  /**
   * False when the file stopped part-way (truncated, corrupt gzip or JSON): the messages before it are imported,
   * the stream is listed as incomplete, and `incompleteReason` says why and where.
   */
  complete: boolean;
  /** Why the import stopped early, with the line; null when complete. */
  incompleteReason: string | null;
  /** Line of the last message imported; null when none. */
  lastGoodLine: number | null;
}

export type { ApiError } from './http/route';

/** `GET /api/config` — what the UI needs to know about the server. */
export interface PublicConfig {
  importMaxBytes: number;
  demo: boolean;
  /** Formats accepted by the import form (`auto` first). */
  importFormats: string[];
  /** The message embedder this server runs (config `embedModel`). */
  embedder: EmbedderInfo;
  /**
   * The operator token: state-changing requests carry it (HTTP header `x-csrf-token`, socket.io handshake
   * `auth.csrf`). Only same-origin pages can read it; new at every server start unless configured. Null for a
   * viewer: a client off this machine without an admin session (see the README's "Who may do what").
   */
  operatorToken: string | null;
}

/** Which embedder turns messages into vectors, as shown to users. */
export interface EmbedderInfo {
  /** e.g. `bow-v1` or `convbert:twitch-fr@1`. */
  id: string;
  kind: 'bow' | 'http' | 'convbert';
  dimension: number;
  /** One line: id, dimension, where it runs (execution provider, threads). */
  description: string;
}
