import type { ChatMessage } from '../../contracts/chat';
import type { ChannelInfo } from '../../contracts/socket-events';
import type { Archive } from '../archive/Archive';
import type { ChatHub } from '../channels/ChatHub';
import { QuotaError } from '../channels/QuotaError';
import { RequestError } from '../errors';
import type { LiveChatMessage } from '../ingest/LiveChatMessage';
import { StreamSegmenter } from '../ingest/StreamSegmenter';
import type { TwitchIngest, TwitchIngestHandlers } from '../ingest/TwitchIngest';
import type { Logger } from '../logger';
import { TWITCH_LOGIN } from '../ingest/twitchLogin';


/** Normalises what a user typed ("#Name", " name ") into a Twitch login, or refuses it. */
export function toLogin(input: string): string {
  const login = input.trim().replace(/^#/, '').toLowerCase();
  if (!TWITCH_LOGIN.test(login)) throw new RequestError(`"${input}" is not a Twitch login (1-25 letters, digits or _)`);
  return login;
}

/**
 * Live Twitch channels: joins and leaves them at run time through one `TwitchIngest` connection, cuts their chat
 * into stream sessions (new session after a silence), and publishes into the hub, which archives.
 */
export class LiveSources {
  private readonly segmenter: StreamSegmenter;
  private ingest: TwitchIngest | null = null;

  constructor(
    private readonly hub: ChatHub,
    archive: Archive,
    private readonly createIngest: (handlers: TwitchIngestHandlers) => TwitchIngest,
    silenceMs: number,
    private readonly logger: Logger,
    /** Live channels open at once (config `maxLiveChannels`); one more join is refused with a `QuotaError`. */
    private readonly maxChannels = Number.POSITIVE_INFINITY,
  ) {
    this.segmenter = new StreamSegmenter({
      silenceMs,
      createStream: (channel, startedAt) =>
        archive.createStream({ channel, source: 'live', title: `#${channel} live`, startedAt, absoluteTime: true, importFormat: null }).id,
      lastKnown: (channel) => archive.latestStream(channel),
    });
  }

  private connection(): TwitchIngest {
    if (!this.ingest) {
      this.ingest = this.createIngest({
        onMessage: (msg) => this.onMessage(msg),
        onDeletion: (deletion) =>
          void this.hub.applyDeletion(deletion.channel, deletion).catch((err: unknown) => this.logger.error({ err, channel: deletion.channel }, 'moderation event not applied to the archive')),
        onState: (channel, state, error) => this.hub.setState(channel, state, error ?? null),
      });
      this.ingest.connect().catch((err: Error) => this.logger.warn({ err }, 'twitch connection failed; retrying'));
    }
    return this.ingest;
  }

  private onMessage(live: LiveChatMessage): void {
    if (!this.hub.has(live.channel)) return;
    const { streamId, elapsed, startedNew } = this.segmenter.assign(live.channel, live.ts);
    const message: ChatMessage = { ...live, streamId, elapsed };
    this.hub.publish(live.channel, [message]);
    if (startedNew) this.hub.changed();
  }

  /**
   * Joins a channel (idempotent). The returned info is in state `connecting` until Twitch confirms.
   * Throws a `QuotaError` when `maxChannels` live channels are open already (joining one of them again is fine).
   */
  async join(input: string): Promise<ChannelInfo> {
    const channel = toLogin(input);
    if (this.hub.has(channel)) return this.hub.feed(channel).info();
    const open = this.hub.channels().filter((c) => c.kind === 'live').length;
    if (open >= this.maxChannels) {
      throw new QuotaError(`cannot join "${channel}": ${open} live channels are open, the most allowed; leave one first`, 'maxLiveChannels');
    }
    this.hub.open({ key: channel, kind: 'live', state: 'connecting', archive: true });
    try {
      await this.connection().join(channel);
    } catch (err) {
      this.hub.setState(channel, 'disconnected', (err as Error).message);
    }
    return this.hub.feed(channel).info();
  }

  /** Leaves a live channel; other kinds of channel (demo, replay) are refused. */
  async leave(channel: string): Promise<void> {
    if (this.hub.feed(channel).kind !== 'live') throw new RequestError(`"${channel}" is not a live channel`);
    this.hub.close(channel);
    await this.ingest?.part(channel).catch((err: Error) => this.logger.warn({ err, channel }, 'part failed'));
  }

  async close(): Promise<void> {
    await this.ingest?.close();
    this.ingest = null;
  }
}
