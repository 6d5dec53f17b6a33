import type { ChatMessage, Deletion } from '../../contracts/chat';
import type { ChannelInfo, ChannelKind, ChannelState, ChatLine } from '../../contracts/socket-events';
import type { ArchiveSink } from '../archive/ThreadedArchiveWriter';
import { RequestError } from '../errors';
import { ChannelFeed, type ChannelResume } from './ChannelFeed';

/** What the hub tells its consumers (the socket layer now; the topic engine later). */
export interface HubListener {
  lines?(channel: string, lines: ChatLine[]): void;
  deleted?(channel: string, ids: string[]): void;
  channelsChanged?(channels: ChannelInfo[]): void;
}

export interface OpenChannelOptions {
  key: string;
  kind: ChannelKind;
  state: ChannelState;
  /** Write this channel's messages to the archive (live and demo; not replays, which come from it). */
  archive: boolean;
  /** A channel taken over from another node: where its numbering and its record of lost chat go on from. */
  resume?: ChannelResume | null;
}

/**
 * The one downstream path: live, replay and demo sources all `publish` here. The hub archives (when the channel
 * asks for it), numbers and buffers messages per channel, and fans them out to listeners.
 */
export class ChatHub {
  private readonly feeds = new Map<string, { feed: ChannelFeed; archive: boolean }>();
  private readonly listeners = new Set<HubListener>();

  /**
   * @param node this node's id in a deployment of several (each channel's info names its owner); null alone
   */
  constructor(
    private readonly writer: ArchiveSink,
    private readonly backlogSize: number,
    private readonly node: string | null = null,
  ) {}

  /** @returns a function that removes the listener. */
  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(options: OpenChannelOptions): ChannelFeed {
    if (this.feeds.has(options.key))
      throw new RequestError(`channel "${options.key}" is already open`, {
        code: 'channel.already-open',
        params: { channel: options.key },
      });
    const feed = new ChannelFeed(options.key, options.kind, this.backlogSize, options.state, options.resume ?? null);
    this.feeds.set(options.key, { feed, archive: options.archive });
    this.changed();
    return feed;
  }

  close(key: string): void {
    if (this.feeds.delete(key)) this.changed();
  }

  has(key: string): boolean {
    return this.feeds.has(key);
  }

  /** The feed of an open channel; a `RequestError` naming it otherwise. */
  feed(key: string): ChannelFeed {
    const entry = this.feeds.get(key);
    if (!entry)
      throw new RequestError(`no open channel "${key}"`, { code: 'channel.not-open', params: { channel: key } });
    return entry.feed;
  }

  /** A channel's info as clients see it: the feed's, with this node's id in a deployment. */
  info(feed: ChannelFeed): ChannelInfo {
    const info = feed.info();
    return this.node ? { ...info, node: this.node } : info;
  }

  /** Open channels of this kind (without building their infos). */
  countOf(kind: ChannelKind): number {
    let n = 0;
    for (const { feed } of this.feeds.values()) if (feed.kind === kind) n++;
    return n;
  }

  channels(): ChannelInfo[] {
    return [...this.feeds.values()].map((e) => this.info(e.feed));
  }

  /** Updates a channel's state (connection, replay) and tells listeners. */
  setState(key: string, state: ChannelState, error: string | null = null): void {
    const entry = this.feeds.get(key);
    if (!entry) return;
    if (entry.feed.state === state && entry.feed.error === error) return;
    entry.feed.setState(state, error);
    this.changed();
  }

  /** Announces a change to a channel's info made by its source (e.g. replay position). */
  changed(): void {
    const channels = this.channels();
    for (const l of this.listeners) l.channelsChanged?.(channels);
  }

  /** Publishes messages of one channel, in time order. */
  publish(key: string, messages: readonly ChatMessage[]): void {
    const entry = this.feeds.get(key);
    if (!entry || messages.length === 0) return;
    if (entry.archive) this.writer.write(messages);
    const lines = entry.feed.append(messages);
    for (const l of this.listeners) l.lines?.(key, lines);
  }

  /**
   * Applies a moderation event of a live channel: marks the archive and the channel's backlog, then tells
   * listeners which message ids to hide.
   */
  async applyDeletion(key: string, deletion: Deletion): Promise<string[]> {
    const entry = this.feeds.get(key);
    const streamId = entry?.feed.streamId;
    if (!entry || !streamId) return [];
    // The archive says which messages the event hits (it has the whole stream, the backlog only its end); the
    // archive may be written in a worker, hence the wait.
    const marked = await this.writer.applyDeletion(streamId, deletion);
    const ids = entry.feed.markDeleted(new Set(marked));
    if (ids.length > 0) for (const l of this.listeners) l.deleted?.(key, ids);
    return ids;
  }
}
