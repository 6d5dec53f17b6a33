import type { ChatPlatform, Deletion } from '../../contracts/chat';
import type { ChannelState } from '../../contracts/socket-events';
import type { LiveChatMessage } from './LiveChatMessage';

/**
 * What a live source reports. Channels are named as on the source's platform (a Twitch login), never by channel
 * key: the caller knows which platform it asked and makes the key itself, so a source cannot claim another
 * platform's channels.
 */
export interface LiveSourceHandlers {
  /** A chat message of a joined channel, normalised (`channel`: the platform's name of the channel). */
  onMessage(msg: LiveChatMessage): void;
  /** A moderation event of a joined channel (one message, a user's messages, the whole chat). */
  onDeletion(d: Deletion): void;
  /**
   * The link to a joined (or joining) channel changed: connecting -> connected, reconnecting, disconnected. The
   * channel feed counts what outages cost from these.
   */
  onState(channel: string, state: ChannelState, error?: string): void;
}

/** One platform's live chat connection: joins and leaves its channels at run time. */
export interface LiveChatSource {
  /**
   * Opens the connection. Resolves once connected; rejects when the first attempt fails while the source keeps
   * retrying in the background (channel states tell how it goes).
   */
  connect(): Promise<void>;
  /** Joins a channel by its platform name (idempotent); progress goes to `onState`. */
  join(name: string): Promise<void>;
  /** Leaves a channel (idempotent, never rejects for a channel not joined). */
  part(name: string): Promise<void>;
  /** Closes the connection for good; every channel becomes `disconnected`. */
  close(): Promise<void>;
}

/** A chat platform as the live sources know it: how it names channels, and how to connect to it. */
export interface LivePlatform {
  /** Registry name, the prefix of its channel references (`twitch` in `twitch:zerator`); see `PLATFORM_NAME`. */
  readonly name: ChatPlatform;
  /**
   * Normalises a channel name as users write it into the platform's canonical name. Pure (no connection), so a bad
   * reference is refused before anything is opened.
   * @throws InvalidChannelError naming this platform and what is wrong
   */
  parseName(text: string): string;
  /** Creates the platform's one connection; called on the first join of one of its channels. */
  createSource(handlers: LiveSourceHandlers): LiveChatSource;
}
