import { z } from 'zod';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';

/** Default bot accounts whose messages are flagged `bot` (and left out of topic clustering later). */
export const DEFAULT_BOTS = [
  'nightbot',
  'streamelements',
  'moobot',
  'fossabot',
  'wizebot',
  'streamlabs',
  'soundalerts',
  'sery_bot',
  'kofistreambot',
  'botrixoficial',
] as const;

const channelName = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, '').toLowerCase())
  .pipe(z.string().regex(TWITCH_LOGIN, 'a Twitch login: 1-25 letters, digits or _'));

/**
 * Every setting of the server and CLI, with its default. Validated once at start-up (`loadConfig`) and passed
 * down; no module reads the environment on its own. The README's configuration table mirrors this schema.
 */
export const configSchema = z.object({
  /** Interface the HTTP server binds to. */
  host: z.string().default('127.0.0.1'),
  /**
   * Host names the dashboard answers to besides IP addresses and `localhost` (e.g. `dashboard.lan`): a request naming
   * any other host is refused, which stops another site's page that rebinds its domain to this machine.
   */
  allowedHosts: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/, 'a host name (letters, digits, dots, dashes)')).default([]),
  /**
   * Clients on this machine (loopback addresses) operate the dashboard without signing in. Turn off behind a reverse
   * proxy on the same machine, where every client looks local: then only signed-in admins operate.
   */
  operatorsLocal: z.boolean().default(true),
  /**
   * A fixed operator token for scripts (`x-csrf-token`, socket.io `auth.csrf`); default: a new random one at every
   * start, handed by `/api/config` to operators only.
   */
  operatorToken: z.string().min(24, 'at least 24 characters').optional(),
  /** HTTP port for the dashboard and socket.io (0 = any free port). */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Directory for the archive and other state. */
  dataDir: z.string().default('./data'),
  /** SQLite archive file; defaults to `<dataDir>/archive.sqlite`. */
  dbPath: z.string().optional(),
  /** Live Twitch channels to join at start. */
  channels: z.array(channelName).default([]),
  /** Serve the built-in demo channel fed by the simulator. */
  demo: z.boolean().default(true),
  /** Demo chat speed in messages per second (average; the simulator adds bursts). */
  demoRate: z.coerce.number().positive().max(2000).default(4),
  /** Demo simulator seed. */
  demoSeed: z.coerce.number().int().default(42),
  /** Twitch login for an authenticated connection; anonymous (read-only) when empty. */
  twitchUsername: z.string().optional(),
  /** OAuth token (`oauth:...`) matching `twitchUsername`. */
  twitchToken: z.string().optional(),
  /**
   * Twitch chat WebSocket endpoint, e.g. `ws://127.0.0.1:6667` for a local IRC server in tests or behind a proxy.
   * Unset: Twitch's own (wss://irc-ws.chat.twitch.tv).
   */
  twitchIrcUrl: z
    .string()
    .regex(/^wss?:\/\/[^/:]+(:\d+)?\/?$/, 'a ws:// or wss:// URL with a host and optional port')
    .optional(),
  /** Accounts flagged as bots. */
  botNames: z.array(z.string().toLowerCase()).default([...DEFAULT_BOTS]),
  /** A live stream session starts with the first message after this much silence. */
  streamSilenceMinutes: z.coerce.number().positive().default(30),
  /** Archive writes are batched: flushed at this many messages ... */
  archiveBatchSize: z.coerce.number().int().positive().default(500),
  /** ... or after this many milliseconds, whichever comes first. Bounds what a hard kill can lose. */
  archiveFlushMs: z.coerce.number().int().positive().default(200),
  /** Messages kept per channel for catch-up after a browser reconnects. */
  backlogSize: z.coerce.number().int().positive().default(2000),
  /** Largest chat file accepted by the dashboard's import form, in megabytes. */
  importMaxMb: z.coerce.number().positive().default(200),
  /**
   * Imports the dashboard runs at once; one more is refused (HTTP 429) rather than queued. Each holds a temporary
   * upload file and a share of the CPU (an import stalls nothing, but ten at once would slow live chat).
   */
  importMaxConcurrent: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * What turns chat messages into vectors: the name of a model shipped with the install (`chat-topics-fr-small`, the
   * default: ConvBERT on ONNX Runtime in a worker thread; closest to the reference system on real chat, see the README's
   * "Topic evaluation"), a model directory, `bow` (the bag-of-words baseline, in-process), or the `http(s)://` URL of
   * a `chat-topics embed-server`.
   */
  embedModel: z.string().trim().min(1).default('chat-topics-fr-small'),
  /** ONNX Runtime intra-op threads of a model. 2 = the cores of the reference machine (~400 messages/s on CPU). */
  embedThreads: z.coerce.number().int().min(1).max(256).default(2),
  /** ONNX Runtime execution provider of a model: `cpu`, `cuda`, or `auto` (CUDA when this install offers it). */
  embedExecutionProvider: z.enum(['cpu', 'cuda', 'auto']).default('cpu'),
  /** Most messages per ONNX Runtime run: 64 already reaches the CPU's throughput ceiling; more only adds latency. */
  embedMaxBatch: z.coerce.number().int().min(1).max(4096).default(64),
  /**
   * Most queued messages handed to the model at once. The model sorts them by token count and runs them as batches
   * of `embedMaxBatch`, so similar lengths share a batch: chat lengths vary from 3 to 100+ tokens and one copypasta
   * in a batch of 64 pads all 64 to its length. Measured on real chat: 1024 embeds 1.3x faster than 256 (750 vs 575
   * msg/s); live chat rarely has that many waiting, so it only matters to replays and batch jobs.
   */
  embedGatherSize: z.coerce.number().int().min(1).max(65_536).default(1024),
  /** Longest a message waits for its batch to fill, in ms: short next to one batch's inference time. */
  embedMaxWaitMs: z.coerce.number().min(0).max(10_000).default(5),
  /** Most messages waiting to be embedded (about ten seconds of a very busy chat); beyond, requests are refused (503). */
  embedQueueLimit: z.coerce.number().int().min(1).default(4096),
  /** Vectors cached by normalised text, least recently used dropped (0 = none); 50,000 of 256 floats is about 51 MB. */
  embedCacheSize: z.coerce.number().int().min(0).default(50_000),
  /** Bearer token `embed-server` requires, and that is sent to a remote embedder URL. None: no token. */
  embedToken: z.string().optional(),
  /** Run the live topic engine on every open channel (demo, live and replays). */
  topics: z.boolean().default(true),
  /** The live topic window keeps the messages of the last this many minutes of stream time ... */
  topicsWindowMinutes: z.coerce.number().positive().max(24 * 60).default(10),
  /** ... and at most this many messages (the newest). A 10k-message refit takes about a second or two here. */
  topicsWindowMessages: z.coerce.number().int().min(50).max(50_000).default(10_000),
  /**
   * Most wall-clock seconds between two refits of a channel's topics (in a worker thread; new messages are placed in
   * between). Refits also come sooner with the stream (the two settings below); one never waits behind another.
   */
  topicsRefitSeconds: z.coerce.number().min(1).max(3600).default(30),
  /** A refit also starts once the stream clock has moved this many seconds past the last one (replays run fast). */
  topicsRefitStreamSeconds: z.coerce.number().min(1).max(24 * 3600).default(60),
  /** A refit also starts once this share of the window arrived since the last one. */
  topicsRefitNewShare: z.coerce.number().min(0.01).max(1).default(0.25),
  /** Messages a channel needs in its window before its first refit. */
  topicsMinMessages: z.coerce.number().int().min(10).default(100),
  /**
   * Admin password: signs in to the admin section (retraining, promotion). Either this (kept only as a scrypt hash in
   * memory once loaded) or `adminPasswordHash`. Neither set: the admin section stays locked.
   */
  adminPassword: z.string().min(8, 'at least 8 characters').optional(),
  /** Admin password as a hash made by `chat-topics admin hash-password` (`scrypt$...`): keeps the password out of config files. */
  adminPasswordHash: z.string().regex(/^scrypt\$/, 'a hash made by `chat-topics admin hash-password` (starts with scrypt$)').optional(),
  /** Hours an admin session cookie stays valid. */
  adminSessionHours: z.coerce.number().positive().max(24 * 30).default(12),
  /** Model registry (trained and imported versions, the active one); defaults to `<dataDir>/models`. */
  modelsDir: z.string().optional(),
  /** Training jobs' state, logs and checkpoints; defaults to `<dataDir>/training`. */
  trainingDir: z.string().optional(),
  // Quotas: what one operator client (or a bug) may open or send, so it cannot exhaust the server. Each live channel
  // or replay costs a chat feed with its backlog and a topic engine (tens of MB under load); every socket event costs
  // a handler run. A request over a limit gets an error naming the setting below.
  /** Live Twitch channels open at once; one more `channel:join` is refused (the demo and replays do not count). */
  maxLiveChannels: z.coerce.number().int().min(0).max(1000).default(20),
  /** Replays open at once (playing, paused or ended but not closed); one more `replay:start` is refused. */
  maxReplays: z.coerce.number().int().min(0).max(1000).default(4),
  /** Socket events per second each connection may send on average; beyond, events are ignored with an error. */
  socketEventRate: z.coerce.number().positive().max(10_000).default(20),
  /** Socket events a connection may send at once (a page load subscribes, lists and joins together). */
  socketEventBurst: z.coerce.number().int().min(1).max(100_000).default(40),
  /** Events over the rate a connection may send within 10 s before it is disconnected (logged at warn). */
  socketFloodLimit: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** pino level. Quiet by default. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Run Next in development mode (hot reload). */
  dev: z.boolean().default(false),
  /** Run `next build` first when no production build exists. */
  buildIfNeeded: z.boolean().default(false),
});

export type AppConfig = z.infer<typeof configSchema>;
export type AppConfigInput = z.input<typeof configSchema>;
