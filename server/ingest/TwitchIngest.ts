import tmi from 'tmi.js';
import type { Deletion } from '../../contracts/chat';
import type { ChannelState } from '../../contracts/socket-events';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { TwitchConnectionError, TwitchJoinError } from './errors';
import type { LiveChatSource, LiveSourceHandlers } from './LiveChatSource';
import { normaliseChannel, normaliseTmi, tagString } from './normaliseTmi';
import { TWITCH_LOGIN, toTwitchLogin } from './twitchLogin';

export interface TwitchIngestOptions {
  /** Twitch login for an authenticated connection; anonymous read-only (`justinfan<n>`) when absent or empty. */
  username?: string;
  /** OAuth token (`oauth:...` or bare) matching `username`; required with it. */
  token?: string;
  /** Logins flagged as bots. */
  botNames: readonly string[];
  /** Chat server; tests only. Default: Twitch (`wss://irc-ws.chat.twitch.tv:443`). */
  server?: { host: string; port: number; secure: boolean };
  /** Clock for messages and moderation events without `tmi-sent-ts` (epoch ms). Default `Date.now`. */
  now?: () => number;
  logger: Logger;
  /**
   * Reconnect backoff, handed to tmi.js: the n-th consecutive attempt waits `initialDelayMs * decay^n`, at most
   * `maxDelayMs`; the delay starts over once connected. Defaults 1000 ms, 1.5, 30 000 ms; attempts are unlimited.
   */
  reconnect?: { initialDelayMs?: number; decay?: number; maxDelayMs?: number };
  /** Pause between two JOINs (Twitch allows 20 JOINs per 10 s). Default 500 ms. */
  joinIntervalMs?: number;
}

/**
 * What the ingest reports: chat (chat, `/me`, cheer), moderation (CLEARMSG, timeout, ban, clear) and channel states,
 * channels named by login.
 */
export type TwitchIngestHandlers = LiveSourceHandlers;

interface ChannelEntry {
  state: ChannelState | null;
  error: string | undefined;
  joined: boolean;
  /** The JOIN in progress, and the connection (generation) it was sent on. */
  attempt: Promise<void> | null;
  attemptGeneration: number;
}

/** tmi.js's reconnect timers are not cancellable; this replaces `connect` on a closed client. */
type MutableClient = tmi.Client & { reconnect: boolean; connect: () => Promise<[string, number]> };

/**
 * Live chat from Twitch through one tmi.js connection (IRC over WebSocket): joins and leaves channels at run time,
 * normalises chat into {@link LiveChatMessage}s and moderation into {@link Deletion}s, and reports each channel's
 * state. Anonymous (read-only) unless a login and token are configured.
 *
 * Connection loss is handled by tmi.js's reconnect (with the backoff of `options.reconnect`); after each
 * (re)connection this class re-joins every wanted channel itself, one JOIN every `joinIntervalMs`. Channels go
 * `connecting` (never joined yet) or `reconnecting` (connection lost) -> `connected` (JOIN confirmed), and
 * `disconnected` when left, refused by Twitch, or when the login is refused. Nothing tmi.js reports throws: errors
 * become states and log lines.
 */
export class TwitchIngest implements LiveChatSource {
  private readonly client: MutableClient;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly bots: ReadonlySet<string>;
  private readonly joinIntervalMs: number;
  private readonly channels = new Map<string, ChannelEntry>();
  private connected = false;
  private closed = false;
  /** Incremented on each successful (re)connection. */
  private generation = 0;
  private connectPromise: Promise<void> | null = null;
  private joinChain: Promise<void> = Promise.resolve();

  constructor(
    options: TwitchIngestOptions,
    private readonly handlers: TwitchIngestHandlers,
  ) {
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.bots = new Set(options.botNames.map((b) => b.toLowerCase()));
    this.joinIntervalMs = Math.max(0, options.joinIntervalMs ?? 500);

    const username = options.username?.trim().toLowerCase() || undefined;
    const token = options.token?.trim() || undefined;
    if (username !== undefined && !TWITCH_LOGIN.test(username))
      throw new ConfigError(`Twitch username "${options.username}" is not a Twitch login`);
    if ((username === undefined) !== (token === undefined)) {
      throw new ConfigError(
        'the Twitch username and token go together: set both, or neither for anonymous read-only chat',
      );
    }

    const reconnect = options.reconnect ?? {};
    const server = options.server;
    // tmi.js calls logger[level](message); its chatter goes below our warn level, states are logged here instead.
    const tmiLogger = {
      trace: (m: unknown) => this.logger.trace({ tmi: true }, String(m)),
      debug: (m: unknown) => this.logger.debug({ tmi: true }, String(m)),
      info: (m: unknown) => this.logger.debug({ tmi: true }, String(m)),
      warn: (m: unknown) => this.logger.info({ tmi: true }, String(m)),
      error: (m: unknown) => this.logger.info({ tmi: true }, String(m)),
    };
    this.client = new tmi.Client({
      options: { skipUpdatingEmotesets: true, messagesLogLevel: 'trace', joinInterval: 300 },
      connection: {
        ...(server ? { server: server.host, port: server.port, secure: server.secure } : { secure: true }),
        reconnect: true,
        reconnectInterval: reconnect.initialDelayMs ?? 1000,
        reconnectDecay: reconnect.decay ?? 1.5,
        maxReconnectInterval: reconnect.maxDelayMs ?? 30_000,
        maxReconnectAttempts: Infinity,
      },
      identity: username !== undefined ? { username, password: token } : {},
      logger: tmiLogger,
    }) as MutableClient;
    this.listen();
  }

  /**
   * Opens the connection. Resolves once connected; rejects with {@link TwitchConnectionError} when the first
   * attempt fails, while tmi.js keeps retrying in the background (except after a refused login). Call it once;
   * later calls return the same promise.
   */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new TwitchConnectionError('the Twitch connection is closed'));
    this.connectPromise ??= this.client.connect().then(
      () => undefined,
      (err: unknown) => {
        throw new TwitchConnectionError(`cannot connect to Twitch chat: ${reasonOf(err)}`);
      },
    );
    return this.connectPromise;
  }

  /**
   * Joins a channel (`name` or `#Name`). Idempotent. Resolves once Twitch confirmed the JOIN, or at once when
   * not connected yet: the channel is then joined as soon as the connection is up (progress goes to `onState`).
   * Rejects with {@link InvalidChannelError} for a name that is not a Twitch login and {@link TwitchJoinError}
   * when Twitch refuses or does not confirm the JOIN (unknown or suspended channel).
   */
  async join(channel: string): Promise<void> {
    const login = toTwitchLogin(channel);
    if (this.closed) throw new TwitchConnectionError('the Twitch connection is closed');
    let entry = this.channels.get(login);
    if (entry?.joined) return;
    if (!entry) {
      entry = { state: null, error: undefined, joined: false, attempt: null, attemptGeneration: -1 };
      this.channels.set(login, entry);
      this.setState(login, entry, 'connecting');
    }
    if (!this.connected) return;
    await this.enqueueJoin(login, entry);
  }

  /**
   * Leaves a channel: its state becomes `disconnected` and its chat stops at once. Idempotent, and a no-op for
   * names never joined (invalid ones included); never rejects (an unconfirmed PART is only logged).
   */
  async part(channel: string): Promise<void> {
    const login = normaliseChannel(String(channel));
    const entry = this.channels.get(login);
    if (!entry) return;
    this.channels.delete(login);
    this.emitState(login, 'disconnected');
    if (entry.joined && this.connected) {
      try {
        await this.client.part(login);
      } catch (err) {
        this.logger.info({ channel: login, reason: reasonOf(err) }, 'twitch PART not confirmed');
      }
    }
  }

  /** Round trip to the chat server in milliseconds (PING/PONG). Rejects with {@link TwitchConnectionError} when not connected. */
  async ping(): Promise<number> {
    try {
      const [seconds] = await this.client.ping();
      return seconds * 1000;
    } catch (err) {
      throw new TwitchConnectionError(`ping failed: ${reasonOf(err)}`);
    }
  }

  /** True while the connection is up (logged in). */
  get isConnected(): boolean {
    return this.connected;
  }

  /** The state of a wanted channel, or null when it is not (or no longer) wanted. */
  state(channel: string): ChannelState | null {
    return this.channels.get(normaliseChannel(channel))?.state ?? null;
  }

  /** Closes the connection for good: every channel becomes `disconnected`, no reconnection follows. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    // tmi.js schedules reconnects (after a drop or a RECONNECT) with timers it does not keep: disarm them.
    this.client.reconnect = false;
    this.client.connect = () => Promise.resolve(['', 0]);
    const channels = [...this.channels.keys()];
    this.channels.clear();
    for (const channel of channels) this.emitState(channel, 'disconnected');
    const readyState = this.client.readyState();
    if (readyState === 'OPEN' || readyState === 'CONNECTING') {
      await Promise.race([this.client.disconnect().catch(() => undefined), delay(2000)]);
    }
  }

  private listen(): void {
    const client = this.client;
    client.on('connected', () => this.safely('connected', () => this.onConnected()));
    client.on('disconnected', (reason) => this.safely('disconnected', () => this.onDisconnected(String(reason))));
    client.on('reconnect', () => this.logger.debug('twitch chat: reconnect scheduled'));
    client.on('part', (channel, _username, self) => this.safely('part', () => self && this.onForcedPart(channel)));

    client.on('message', (channel, tags, message, self) =>
      this.safely('message', () => {
        if (self || !this.wants(channel)) return;
        const msg = normaliseTmi({ channel, tags, message, self }, { bots: this.bots, now: this.now });
        if (msg) this.handlers.onMessage(msg);
      }),
    );
    client.on('cheer', (channel, tags, message) =>
      this.safely('cheer', () => {
        if (!this.wants(channel)) return;
        const msg = normaliseTmi({ channel, tags, message }, { bots: this.bots, now: this.now });
        if (msg) this.handlers.onMessage(msg);
      }),
    );
    client.on('messagedeleted', (channel, _username, _deleted, tags) =>
      this.safely('messagedeleted', () => {
        if (!this.wants(channel)) return;
        const messageId = tagString(tags['target-msg-id']);
        if (messageId === null) {
          this.logger.info({ channel }, 'CLEARMSG without target-msg-id ignored');
          return;
        }
        this.handlers.onDeletion({
          kind: 'message',
          channel: normaliseChannel(channel),
          messageId,
          ts: this.tsOf(tags),
        });
      }),
    );
    client.on('timeout', (channel, username, _reason, duration, tags) =>
      this.safely('timeout', () => {
        if (!this.wants(channel)) return;
        const durationSeconds = Number.isFinite(duration) ? duration : Number(tagString(tags['ban-duration']) ?? NaN);
        this.handlers.onDeletion({
          kind: 'user',
          channel: normaliseChannel(channel),
          login: String(username).toLowerCase(),
          ts: this.tsOf(tags),
          durationSeconds: Number.isFinite(durationSeconds) ? durationSeconds : null,
        });
      }),
    );
    client.on('ban', (channel, username, _reason, tags) =>
      this.safely('ban', () => {
        if (!this.wants(channel)) return;
        this.handlers.onDeletion({
          kind: 'user',
          channel: normaliseChannel(channel),
          login: String(username).toLowerCase(),
          ts: this.tsOf(tags),
          durationSeconds: null,
        });
      }),
    );
    // tmi.js passes no tags with `clearchat`: the time is ours.
    client.on('clearchat', (channel) =>
      this.safely('clearchat', () => {
        if (!this.wants(channel)) return;
        this.handlers.onDeletion({ kind: 'channel', channel: normaliseChannel(channel), ts: this.now() });
      }),
    );
  }

  private onConnected(): void {
    if (this.closed) {
      void this.client.disconnect().catch(() => undefined);
      return;
    }
    this.connected = true;
    this.generation++;
    // Emitted before tmi.js re-joins its own channel list: empty it, we re-join ourselves (with typed outcomes).
    this.client.getChannels().length = 0;
    this.logger.info({ generation: this.generation }, 'twitch chat connected');
    for (const [channel, entry] of this.channels) {
      entry.joined = false;
      this.enqueueJoin(channel, entry).catch(() => undefined);
    }
  }

  private onDisconnected(reason: string): void {
    const wasConnected = this.connected;
    this.connected = false;
    if (this.closed) return;
    const retrying = this.client.reconnect;
    if (wasConnected || !retrying) {
      this.logger.warn(
        { reason, retrying },
        retrying ? 'twitch chat disconnected; reconnecting' : 'twitch chat disconnected for good',
      );
    }
    for (const [channel, entry] of this.channels) {
      entry.joined = false;
      if (retrying) this.setState(channel, entry, 'reconnecting', reason);
      else this.setState(channel, entry, 'disconnected', reason);
    }
  }

  /** Twitch removed us from a channel we did not leave. */
  private onForcedPart(channel: string): void {
    const login = normaliseChannel(channel);
    const entry = this.channels.get(login);
    if (!entry?.joined) return;
    this.channels.delete(login);
    this.emitState(login, 'disconnected', 'removed from the channel by Twitch');
  }

  /** Queues a JOIN behind the previous ones (one every `joinIntervalMs`); one per channel and connection. */
  private enqueueJoin(channel: string, entry: ChannelEntry): Promise<void> {
    if (entry.attempt && entry.attemptGeneration === this.generation) return entry.attempt;
    const generation = this.generation;
    const attempt = this.joinChain.then(() => this.attemptJoin(channel, entry, generation));
    this.joinChain = attempt.then(
      () => delay(this.joinIntervalMs),
      () => delay(this.joinIntervalMs),
    );
    entry.attempt = attempt;
    entry.attemptGeneration = generation;
    return attempt;
  }

  private async attemptJoin(channel: string, entry: ChannelEntry, generation: number): Promise<void> {
    const current = (): boolean => this.channels.get(channel) === entry;
    const sameConnection = (): boolean => this.connected && this.generation === generation;
    if (!current() || entry.joined || !sameConnection()) return;
    try {
      await this.client.join(channel);
    } catch (err) {
      // Lost the connection meanwhile, or left: the next connection retries / nothing to do.
      if (!current() || !sameConnection()) return;
      const reason = reasonOf(err);
      this.channels.delete(channel);
      this.emitState(channel, 'disconnected', reason);
      this.logger.warn({ channel, reason }, 'twitch JOIN refused');
      if (this.client.getChannels().includes(`#${channel}`)) this.client.part(channel).catch(() => undefined);
      throw new TwitchJoinError(channel, reason);
    }
    if (!sameConnection()) return;
    if (!current()) {
      // Left while the JOIN was in flight.
      this.client.part(channel).catch(() => undefined);
      return;
    }
    entry.joined = true;
    this.setState(channel, entry, 'connected');
  }

  private wants(channel: string): boolean {
    return !this.closed && this.channels.has(normaliseChannel(channel));
  }

  private tsOf(tags: object): number {
    const sent = tagString((tags as { 'tmi-sent-ts'?: unknown })['tmi-sent-ts']);
    const ts = sent !== null && /^\d{1,16}$/.test(sent) ? Number(sent) : NaN;
    return ts > 0 ? ts : this.now();
  }

  private setState(channel: string, entry: ChannelEntry, state: ChannelState, error?: string): void {
    if (entry.state === state && entry.error === error) return;
    entry.state = state;
    entry.error = error;
    this.emitState(channel, state, error);
  }

  private emitState(channel: string, state: ChannelState, error?: string): void {
    this.logger.debug({ channel, state, error }, 'twitch channel state');
    this.safely('onState', () => {
      if (error === undefined) this.handlers.onState(channel, state);
      else this.handlers.onState(channel, state, error);
    });
  }

  /** Runs a handler; what it throws is logged, never thrown into tmi.js (which would crash the socket). */
  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error({ err, event: what }, 'twitch ingest handler failed');
    }
  }
}

/** tmi.js rejects with strings (`"No response from Twitch."`, a NOTICE msg-id such as `msg_channel_suspended`). */
function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' && err ? err : String(err);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
