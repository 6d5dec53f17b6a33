import type { ChannelRef, ChatMessage, Deletion } from '../../contracts/chat';
import type { ChannelInfo, ChannelState } from '../../contracts/socket-events';
import type { Archive } from '../archive/Archive';
import type { ChannelResume } from '../channels/ChannelFeed';
import type { ChatHub } from '../channels/ChatHub';
import { QuotaError } from '../channels/QuotaError';
import { RequestError } from '../errors';
import { channelKey, channelLabel, channelRefOfKey } from '../ingest/channelRef';
import type { LiveChatMessage } from '../ingest/LiveChatMessage';
import type { LiveChatSource } from '../ingest/LiveChatSource';
import type { LivePlatforms } from '../ingest/LivePlatforms';
import { StreamSegmenter } from '../ingest/StreamSegmenter';
import type { Logger } from '../logger';
import { recentChat } from './recentChat';

export interface LiveSourcesDeps {
  hub: ChatHub;
  archive: Archive;
  /** The platforms channels can be joined on; a reference without a platform means Twitch. */
  platforms: LivePlatforms;
  /** A channel's next message after this much silence opens a new stream. */
  silenceMs: number;
  logger: Logger;
  /** Live channels open at once, all platforms together (config `maxLiveChannels`); one more join is refused with a `QuotaError`. */
  maxChannels?: number;
  /**
   * A joined channel goes on a stream of the archive (a restart or a takeover within the silence): its last minutes,
   * read back for the live topics to start from instead of from nothing. None: nothing is read.
   */
  resumed?: {
    /** Stream seconds and most messages to read back (the topic window). */
    seconds: number;
    maxMessages: number;
    topics(key: string, recent: ChatMessage[]): void;
  };
}

/**
 * Live channels on every registered platform: joins and leaves them at run time through one connection per platform
 * (opened on its first join), cuts their chat into stream sessions (new session after a silence), and publishes into
 * the hub, which archives. Channels are keyed by their reference as one string (`channelKey`): a bare login on Twitch.
 */
export class LiveSources {
  private readonly segmenter: StreamSegmenter;
  private readonly sources = new Map<string, LiveChatSource>();
  private readonly maxChannels: number;

  constructor(private readonly deps: LiveSourcesDeps) {
    this.maxChannels = deps.maxChannels ?? Number.POSITIVE_INFINITY;
    const { archive } = deps;
    this.segmenter = new StreamSegmenter({
      silenceMs: deps.silenceMs,
      createStream: (key, startedAt) => {
        const ref = channelRefOfKey(key);
        return archive.createStream({
          channel: ref.name,
          platform: ref.platform,
          source: 'live',
          title: `${channelLabel(ref)} live`,
          startedAt,
          absoluteTime: true,
          importFormat: null,
        }).id;
      },
      lastKnown: (key) => archive.latestStream(channelRefOfKey(key)),
    });
  }

  /** The platform's connection, created (and connecting) on first use. */
  private connection(platform: string): LiveChatSource {
    let source = this.sources.get(platform);
    if (!source) {
      const { hub, logger } = this.deps;
      const key = (name: string) => channelKey({ platform, name });
      source = this.deps.platforms.get(platform).createSource({
        onMessage: (msg) => this.onMessage(key(msg.channel), msg),
        onDeletion: (deletion) => this.onDeletion(key(deletion.channel), deletion),
        onState: (name, state: ChannelState, error) => hub.setState(key(name), state, error ?? null),
      });
      this.sources.set(platform, source);
      source.connect().catch((err: Error) => logger.warn({ err, platform }, `${platform} connection failed; retrying`));
    }
    return source;
  }

  private onMessage(key: string, live: LiveChatMessage): void {
    const { hub } = this.deps;
    if (!hub.has(key)) return;
    const { streamId, elapsed, startedNew } = this.segmenter.assign(key, live.ts);
    const message: ChatMessage = { ...live, channel: key, streamId, elapsed };
    hub.publish(key, [message]);
    if (startedNew) hub.changed();
  }

  private onDeletion(key: string, deletion: Deletion): void {
    void this.deps.hub
      .applyDeletion(key, { ...deletion, channel: key })
      .catch((err: unknown) =>
        this.deps.logger.error({ err, channel: key }, 'moderation event not applied to the archive'),
      );
  }

  /**
   * Joins a channel (idempotent): a Twitch login (`zerator`, `#Zerator`) or a reference `platform:name`. The returned
   * info (its `key` is the channel key) is in state `connecting` until the platform confirms.
   * @throws InvalidChannelError for an unknown platform or a name the platform refuses (the message says which)
   * @param options.resume a channel taken over from another node of the deployment (`ClusterCoordinator`)
   * @throws QuotaError when `maxChannels` live channels are open already (joining one of them again is fine)
   */
  async join(input: string, options: { resume?: ChannelResume | null } = {}): Promise<ChannelInfo> {
    const { hub } = this.deps;
    const ref = this.deps.platforms.parse(input);
    const key = channelKey(ref);
    if (hub.has(key)) return hub.info(hub.feed(key));
    const open = hub.countOf('live');
    if (open >= this.maxChannels) {
      throw new QuotaError(
        `cannot join "${key}": ${open} live channels are open, the most allowed; leave one first`,
        'maxLiveChannels',
        { code: 'quota.channels', params: { channel: key, open } },
      );
    }
    hub.open({ key, kind: 'live', state: 'connecting', archive: true, resume: options.resume ?? null });
    this.resumeTopics(key, ref);
    try {
      await this.connection(ref.platform).join(ref.name);
    } catch (err) {
      hub.setState(key, 'disconnected', (err as Error).message);
    }
    return hub.info(hub.feed(key));
  }

  /**
   * Leaves a live channel, named by its key or by a reference (`twitch:zerator` leaves `zerator`); other kinds of
   * channel (demo, replay) are refused.
   */
  async leave(channel: string): Promise<void> {
    const { hub, logger } = this.deps;
    const key = this.keyOf(channel);
    if (hub.feed(key).kind !== 'live')
      throw new RequestError(`"${channel}" is not a live channel`, { code: 'channel.not-live', params: { channel } });
    hub.close(key);
    const ref: ChannelRef = channelRefOfKey(key);
    await this.sources
      .get(ref.platform)
      ?.part(ref.name)
      .catch((err: Error) => logger.warn({ err, channel: key }, 'part failed'));
  }

  /** Hands the last minutes of the stream the channel goes on (if it goes on one) to the live topics, before its chat. */
  private resumeTopics(key: string, ref: ChannelRef): void {
    const { resumed, archive, silenceMs, logger } = this.deps;
    if (!resumed) return;
    try {
      const recent = recentChat(archive, ref, { now: Date.now(), silenceMs, ...resumed });
      if (recent.length === 0) return;
      resumed.topics(key, recent);
      logger.info({ channel: key, messages: recent.length }, 'live topics resumed from the archive');
    } catch (err) {
      // The topics start from the channel's new messages, as without an archive.
      logger.warn({ err, channel: key }, "live topics: the stream's last minutes could not be read");
    }
  }

  /** The channel key a reference stands for; what is no reference (`replay-1`) is taken as a key as it is. */
  keyOf(channel: string): string {
    try {
      return channelKey(this.deps.platforms.parse(channel));
    } catch {
      return channel;
    }
  }

  /** Closes every platform's connection. */
  async close(): Promise<void> {
    const sources = [...this.sources.values()];
    this.sources.clear();
    await Promise.all(sources.map((s) => s.close()));
  }
}
