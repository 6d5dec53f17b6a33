import { z } from 'zod';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';
import { setting } from './settingMeta';

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
 * down; no module reads the environment on its own. Each field is registered with its `setting` metadata (see
 * `settingMeta.ts`): the environment variables, `serve`'s flags and the README's configuration table derive from it.
 */
export const configSchema = z.object({
  /** Interface the HTTP server binds to. */
  host: z.string().default('127.0.0.1').register(setting, { doc: 'interface to bind' }),
  /**
   * Host names the dashboard answers to besides IP addresses and `localhost` (e.g. `dashboard.lan`): a request naming
   * any other host is refused, which stops another site's page that rebinds its domain to this machine.
   */
  allowedHosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+$/, 'a host name (letters, digits, dots, dashes)'),
    )
    .default([])
    .register(setting, { doc: 'host names the dashboard answers to besides IP addresses and `localhost`' }),
  /**
   * Clients on this machine (loopback addresses) operate the dashboard without signing in. Turn off behind a reverse
   * proxy on the same machine, where every client looks local: then only signed-in admins operate.
   */
  operatorsLocal: z.boolean().default(true).register(setting, {
    doc: 'clients on this machine operate without signing in (`false` behind a local reverse proxy)',
  }),
  /**
   * A fixed operator token for scripts (`x-csrf-token`, socket.io `auth.csrf`); default: a new random one at every
   * start, handed by `/api/config` to operators only.
   */
  operatorToken: z.string().min(24, 'at least 24 characters').optional().register(setting, {
    doc: 'a fixed operator token for scripts (24 characters or more)',
    defaultText: 'random at each start',
    flag: false,
  }),
  /** HTTP port for the dashboard and socket.io (0 = any free port). */
  port: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .register(setting, { doc: 'HTTP port (0 = any free port)' }),
  /** Directory for the archive and other state. */
  dataDir: z.string().default('./data').register(setting, { doc: 'state directory' }),
  /** SQLite archive file; defaults to `<dataDir>/archive.sqlite`. */
  dbPath: z
    .string()
    .optional()
    .register(setting, { doc: 'SQLite archive', defaultText: '`<dataDir>/archive.sqlite`', aliases: ['db'] }),
  /** Live Twitch channels to join at start. */
  channels: z
    .array(channelName)
    .default([])
    .register(setting, { doc: 'live Twitch channels to join at start', aliases: ['channel'] }),
  /** Serve the built-in demo channel fed by the simulator. */
  demo: z.boolean().default(true).register(setting, { doc: 'serve the simulated `demo` channel' }),
  /** Demo chat speed in messages per second (average; the simulator adds bursts). */
  demoRate: z.coerce
    .number()
    .positive()
    .max(2000)
    .default(4)
    .register(setting, { doc: 'demo messages per second (average)', unit: 'msg/s' }),
  /** Demo simulator seed. */
  demoSeed: z.coerce.number().int().default(42).register(setting, { doc: 'demo simulator seed' }),
  /** Twitch login for an authenticated connection; anonymous (read-only) when empty. */
  twitchUsername: z
    .string()
    .optional()
    .register(setting, { doc: 'Twitch login for an authenticated connection', defaultText: 'anonymous' }),
  /** OAuth token (`oauth:...`) matching `twitchUsername`. */
  twitchToken: z
    .string()
    .optional()
    .register(setting, { doc: '`oauth:...` token for that login (never a flag: flags show in `ps`)', flag: false }),
  /**
   * Twitch chat WebSocket endpoint, e.g. `ws://127.0.0.1:6667` for a local IRC server in tests or behind a proxy.
   * Unset: Twitch's own (wss://irc-ws.chat.twitch.tv).
   */
  twitchIrcUrl: z
    .string()
    .regex(/^wss?:\/\/[^/:]+(:\d+)?\/?$/, 'a ws:// or wss:// URL with a host and optional port')
    .optional()
    .register(setting, {
      doc: 'Twitch chat WebSocket endpoint (`ws://` or `wss://`; a local IRC server in tests, a proxy)',
      defaultText: "Twitch's own",
    }),
  /** Accounts flagged as bots. */
  botNames: z
    .array(z.string().toLowerCase())
    .default([...DEFAULT_BOTS])
    .register(setting, { doc: 'accounts flagged `bot`' }),
  /** A live stream session starts with the first message after this much silence. */
  streamSilenceMinutes: z.coerce
    .number()
    .positive()
    .default(30)
    .register(setting, { doc: 'a new stream session starts after this much silence', unit: 'min' }),
  /** Archive writes are batched: flushed at this many messages ... */
  archiveBatchSize: z.coerce
    .number()
    .int()
    .positive()
    .default(500)
    .register(setting, { doc: 'archive commit every N messages...' }),
  /** ... or after this many milliseconds, whichever comes first. Bounds what a hard kill can lose. */
  archiveFlushMs: z.coerce
    .number()
    .int()
    .positive()
    .default(200)
    .register(setting, { doc: '...or after this long', unit: 'ms' }),
  /** Messages kept per channel for catch-up after a browser reconnects. */
  backlogSize: z.coerce
    .number()
    .int()
    .positive()
    .default(2000)
    .register(setting, { doc: 'messages kept per channel for reconnecting browsers' }),
  /** Largest chat file accepted by the dashboard's import form, in megabytes. */
  importMaxMb: z.coerce
    .number()
    .positive()
    .default(200)
    .register(setting, { doc: 'largest file the import form accepts', unit: 'MB' }),
  /**
   * Imports the dashboard runs at once; one more is refused (HTTP 429) rather than queued. Each holds a temporary
   * upload file and a share of the CPU (an import stalls nothing, but ten at once would slow live chat).
   */
  importMaxConcurrent: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2)
    .register(setting, { doc: 'imports the dashboard runs at once; one more is answered 429' }),
  /**
   * What turns chat messages into vectors: the name of a model shipped with the install (`chat-topics-fr-small`, the
   * default: ConvBERT on ONNX Runtime in a worker thread; closest to the reference system on real chat, see the README's
   * "Topic evaluation"), a model directory, `bow` (the bag-of-words baseline, in-process), or the `http(s)://` URL of
   * a `chat-topics embed-server`.
   */
  embedModel: z.string().trim().min(1).default('chat-topics-fr-small').register(setting, {
    doc: "message embedder: a shipped model's name (`models/trained/<name>`), a model directory, `bow` (the bag-of-words baseline), or `embed-server` URLs (several, comma-separated: a pool with failover)",
  }),
  /** ONNX Runtime intra-op threads of a model. 2 = the cores of the reference machine (~400 messages/s on CPU). */
  embedThreads: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(2)
    .register(setting, { doc: 'ONNX Runtime threads of a model' }),
  /**
   * Threads of UMAP's layout optimisation in analyses (`analyze`, the stream page's analyses, the evaluation). A layout
   * is reproducible for a seed and a thread count, so the default is a fixed 2 rather than the machine's cores: the
   * same stream gives the same topics on every machine. On 2 vCPU, 2 threads measured 1.5x (JS kernel) to 1.7x
   * (WebAssembly kernel) faster than 1.
   */
  layoutThreads: z.coerce.number().int().min(1).max(64).default(2).register(setting, {
    doc: "threads of UMAP's layout in analyses and live refits (results are reproducible per thread count; a live channel behind the stream refits on one)",
  }),
  /** ONNX Runtime execution provider of a model: `cpu`, `cuda`, or `auto` (CUDA when this install offers it). */
  embedExecutionProvider: z
    .enum(['cpu', 'cuda', 'auto'])
    .default('cpu')
    .register(setting, { doc: '`cpu`, `cuda`, or `auto` (CUDA when the install has it)' }),
  /** Most messages per ONNX Runtime run: 64 already reaches the CPU's throughput ceiling; more only adds latency. */
  embedMaxBatch: z.coerce
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(64)
    .register(setting, { doc: 'most messages per ONNX Runtime run' }),
  /**
   * Most queued messages handed to the model at once. The model sorts them by token count and runs them as batches
   * of `embedMaxBatch`, so similar lengths share a batch: chat lengths vary from 3 to 100+ tokens and one copypasta
   * in a batch of 64 pads all 64 to its length. Measured on real chat: 1024 embeds 1.3x faster than 256 (750 vs 575
   * msg/s); live chat rarely has that many waiting, so it only matters to replays and batch jobs.
   */
  embedGatherSize: z.coerce.number().int().min(1).max(65_536).default(1024).register(setting, {
    doc: 'most queued messages handed to the model at once (sorted by length, then cut into batches)',
  }),
  /** Longest a message waits for its batch to fill, in ms: short next to one batch's inference time. */
  embedMaxWaitMs: z.coerce
    .number()
    .min(0)
    .max(10_000)
    .default(5)
    .register(setting, { doc: 'longest a message waits for its batch to fill', unit: 'ms' }),
  /** Most messages waiting to be embedded (about ten seconds of a very busy chat); beyond, requests are refused (503). */
  embedQueueLimit: z.coerce
    .number()
    .int()
    .min(1)
    .default(4096)
    .register(setting, { doc: 'most messages waiting; beyond, see the overload policy below' }),
  /** Vectors cached by normalised text, least recently used dropped (0 = none); 50,000 of 256 floats is about 51 MB. */
  embedCacheSize: z.coerce
    .number()
    .int()
    .min(0)
    .default(50_000)
    .register(setting, { doc: 'vectors cached by normalised text (0 = none)' }),
  /** Bearer token `embed-server` requires, and that is sent to a remote embedder URL. None: no token. */
  embedToken: z
    .string()
    .optional()
    .register(setting, { doc: 'bearer token `embed-server` requires and a remote embedder URL is sent', flag: false }),
  /** Run the live topic engine on every open channel (demo, live and replays). */
  topics: z.boolean().default(true).register(setting, { doc: 'run the live topic engine on every open channel' }),
  /** The live topic window keeps the messages of the last this many minutes of stream time ... */
  topicsWindowMinutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10)
    .register(setting, { doc: 'live topic window: minutes of stream time...', unit: 'min' }),
  /** ... and at most this many messages (the newest). A 10k-message refit takes about a second or two here. */
  topicsWindowMessages: z.coerce
    .number()
    .int()
    .min(50)
    .max(50_000)
    .default(10_000)
    .register(setting, { doc: '...and at most this many messages' }),
  /**
   * Most wall-clock seconds between two refits of a channel's topics (in a worker thread; new messages are placed in
   * between), while its window changed since the last (a silent channel or an ended replay is not refitted again).
   * Refits also come sooner with the stream (the two settings below); one never waits behind another.
   */
  topicsRefitSeconds: z.coerce.number().min(1).max(3600).default(30).register(setting, {
    doc: 'most wall-clock seconds between refits of a window that changed (in a worker thread)',
    unit: 's',
  }),
  /** A refit also starts once the stream clock has moved this many seconds past the last one (replays run fast). */
  topicsRefitStreamSeconds: z.coerce
    .number()
    .min(1)
    .max(24 * 3600)
    .default(60)
    .register(setting, {
      doc: 'a refit also starts once the stream clock moved this far past the last one (replays)',
      unit: 's',
    }),
  /** A refit also starts once this share of the window arrived since the last one. */
  topicsRefitNewShare: z.coerce
    .number()
    .min(0.01)
    .max(1)
    .default(0.25)
    .register(setting, { doc: 'a refit also starts once this share of the window is new' }),
  /**
   * Messages a channel needs in its window before its first refit. 20, not more: the demo opens quietly (about 1.2
   * clustered messages a second in its first minute) and at 100 its first topics came after about 70 s; at 20 they come
   * after about 22-25 s (issue 16's target: under 30 s). A refit of 20 messages finds the first few topics (hello
   * waves, the first questions); later refits follow as the window grows by a quarter (`topicsRefitNewShare`).
   */
  topicsMinMessages: z.coerce
    .number()
    .int()
    .min(10)
    .default(20)
    .register(setting, { doc: 'messages a channel needs before its first topics' }),
  /**
   * Admin password: signs in to the admin section (retraining, promotion). Either this (kept only as a scrypt hash in
   * memory once loaded) or `adminPasswordHash`. Neither set: the admin section stays locked.
   */
  adminPassword: z.string().min(8, 'at least 8 characters').optional().register(setting, {
    doc: 'admin sign-in password (at least 8 characters); kept in memory only as a scrypt hash (prefer the environment variable: flags show in `ps`)',
    defaultText: 'none (admin locked)',
  }),
  /** Admin password as a hash made by `chat-topics admin hash-password` (`scrypt$...`): keeps the password out of config files. */
  adminPasswordHash: z
    .string()
    .regex(/^scrypt\$/, 'a hash made by `chat-topics admin hash-password` (starts with scrypt$)')
    .optional()
    .register(setting, {
      doc: 'the same as a hash from `chat-topics admin hash-password`, to keep the password out of config',
    }),
  /** Hours an admin session cookie stays valid. */
  adminSessionHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12)
    .register(setting, { doc: 'lifetime of an admin session cookie', unit: 'h' }),
  /** Model registry (trained and imported versions, the active one); defaults to `<dataDir>/models`. */
  modelsDir: z.string().optional().register(setting, {
    doc: 'model registry: trained and imported versions, the active one',
    defaultText: '`<dataDir>/models`',
  }),
  /**
   * Stored whole-stream analyses (the analyst's workspace); defaults to `<dataDir>/analyses`. The nodes of a deployment
   * share them when it names one shared directory (every file is written by an atomic rename).
   */
  analysesDir: z.string().optional().register(setting, {
    doc: "stored analyses (the analyst's workspace): a directory; without it they go in `databaseUrl`'s database when there is one",
    defaultText: '`databaseUrl`, else `<dataDir>/analyses`',
  }),
  /** Training jobs' state, logs and checkpoints; defaults to `<dataDir>/training`. */
  trainingDir: z.string().optional().register(setting, {
    doc: 'training jobs: checkpoints, and their state, loss curves and logs unless `databaseUrl` holds those (share it between nodes for a job to resume on another)',
    defaultText: '`<dataDir>/training`',
  }),
  // Quotas: what one operator client (or a bug) may open or send, so it cannot exhaust the server. Each live channel
  // or replay costs a chat feed with its backlog and a topic engine (tens of MB under load); every socket event costs
  // a handler run. A request over a limit gets an error naming the setting below.
  /** Live Twitch channels open at once; one more `channel:join` is refused (the demo and replays do not count). */
  maxLiveChannels: z.coerce.number().int().min(0).max(1000).default(20).register(setting, {
    doc: 'live Twitch channels open at once; one more join is refused (the demo and replays do not count)',
  }),
  /** Replays open at once (playing, paused or ended but not closed); one more `replay:start` is refused. */
  maxReplays: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(4)
    .register(setting, { doc: 'replays open at once (ended ones count until closed); one more is refused' }),
  /** Socket events per second each connection may send on average; beyond, events are ignored with an error. */
  socketEventRate: z.coerce.number().positive().max(10_000).default(20).register(setting, {
    doc: 'socket.io events each connection may send on average; beyond, the event is ignored and its ack says why',
    unit: 'events/s',
  }),
  /** Socket events a connection may send at once (a page load subscribes, lists and joins together). */
  socketEventBurst: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(40)
    .register(setting, { doc: 'socket.io events a connection may send at once' }),
  /** Events over the rate a connection may send within 10 s before it is disconnected (logged at warn). */
  socketFloodLimit: z.coerce.number().int().min(1).max(1_000_000).default(100).register(setting, {
    doc: 'events over the rate within 10 s after which the connection is closed (logged at warn)',
  }),
  /**
   * The Redis of a deployment of several server nodes. With it, socket.io fans out through Redis (a browser on any
   * node sees every channel) and each live channel (and the demo) is owned by one node through a lease that another
   * node takes over when the owner stops renewing it. Unset: one node, no Redis.
   */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL')
    .optional()
    .register(setting, {
      doc: 'Redis of a multi-node deployment (`redis://host:6379`): shared socket.io rooms and channel leases',
      defaultText: 'one node, no Redis',
      flag: false,
    }),
  /**
   * The archive on PostgreSQL instead of the SQLite file: every node of a deployment reads and writes the same streams.
   * Environment only, like `redisUrl`: a URL holds a password.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// or postgresql:// URL')
    .optional()
    .register(setting, {
      doc: "PostgreSQL database shared by the nodes of a deployment (`postgres://user:password@host/db`): the archive instead of the SQLite file, and the stored analyses, the registry's active model and the training jobs",
      defaultText: 'the SQLite file (`dbPath`)',
      flag: false,
    }),
  /** This node's name in the deployment: leases, logs and the channel list name it. */
  nodeId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, '1-64 letters, digits, dots, dashes or underscores')
    .optional()
    .register(setting, {
      doc: "this node's name in a multi-node deployment (with `redisUrl`)",
      defaultText: 'host name and process id',
    }),
  /**
   * How long a channel's owner may go without renewing its lease before another node takes the channel over. The
   * owner renews three times per period, so a stall shorter than two thirds of it costs nothing.
   */
  clusterLeaseSeconds: z.coerce.number().min(1).max(600).default(10).register(setting, {
    doc: "how long a dead node's channels wait before another node takes them over (with `redisUrl`)",
    unit: 's',
  }),
  /** pino level. Quiet by default. */
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn')
    .register(setting, { doc: 'pino level; logs are JSON lines on stderr' }),
  /** Run Next in development mode (hot reload). */
  dev: z.boolean().default(false).register(setting, { doc: 'Next development mode' }),
  /** Run `next build` first when no production build exists. */
  buildIfNeeded: z
    .boolean()
    .default(false)
    .register(setting, { doc: 'build the UI when missing or stale', defaultText: '`false` (`true` for `npm start`)' }),
});

export type AppConfig = z.infer<typeof configSchema>;
export type AppConfigInput = z.input<typeof configSchema>;
