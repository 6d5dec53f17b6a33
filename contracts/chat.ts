/**
 * The one definition of a chat message, shared by ingest, archive, importers, replay, simulator and the UI.
 * Every source (live Twitch, archived file, simulator) is normalised into this shape before it reaches the bus.
 */

/** Who wrote a message. `id` is Twitch's numeric user id when the source has it. */
export interface ChatUser {
  id: string | null;
  login: string;
  displayName: string;
}

/**
 * One emote occurrence. Offsets count Unicode code points (as Twitch's `emotes` tag does), not UTF-16 units:
 * `[...text].slice(start, end).join('')` is the emote's name. `end` is exclusive.
 */
export interface EmoteRange {
  id: string;
  name: string;
  start: number;
  end: number;
}

export interface MessageFlags {
  /** `/me` message. */
  action: boolean;
  /** Carries bits (Twitch `cheer`). */
  cheer: boolean;
  /** Starts with `!` (a bot command such as `!uptime`). */
  command: boolean;
  /** Written by a known bot account (configurable list). */
  bot: boolean;
}

export interface ChatMessage {
  /** Unique within the archive (Twitch's message id when known, else generated deterministically by the source). */
  id: string;
  /**
   * The channel's key ({@link ChannelRef} written as one string): a Twitch channel's login (lowercase, without `#`),
   * `platform:name` on other platforms.
   */
  channel: string;
  /** The stream (session) this message belongs to. */
  streamId: string;
  /** Wall-clock time in epoch milliseconds. For sources that only know offsets, `stream.startedAt + elapsed`. */
  ts: number;
  /** Seconds since the start of the stream: the clock of replay and of the time feature. */
  elapsed: number;
  user: ChatUser;
  text: string;
  emotes: EmoteRange[];
  /** Badge name -> version, e.g. `{ subscriber: "12", moderator: "1" }`. */
  badges: Record<string, string>;
  flags: MessageFlags;
  /** Bits cheered, 0 if none. */
  bits: number;
  /** Id of the message this one replies to. */
  replyParentId: string | null;
  /** Removed by a moderator (CLEARMSG), a timeout or a ban. Downstream consumers drop deleted messages. */
  deleted: boolean;
  /** Simulator ground truth: the planted topic this message was generated from. Absent for real chat. */
  topic?: string;
}

/** Where a stream's messages came from. */
export type StreamSource = 'live' | 'import' | 'simulator';

/** A chat platform's registry name (`twitch`, ...): lowercase letters, digits and `_`. */
export type ChatPlatform = string;

/**
 * A channel on a chat platform. Written as one string (the channel key), a Twitch channel is its bare login
 * (`zerator`, as before platforms existed) and any other `platform:name`; users may also type `twitch:zerator`.
 */
export interface ChannelRef {
  platform: ChatPlatform;
  /** The channel's name on its platform, in the platform's canonical form (a Twitch login). */
  name: string;
}

export interface StreamInfo {
  id: string;
  /** The channel's name on its platform (a Twitch login for Twitch). */
  channel: string;
  /** The chat platform the channel is on; absent means `twitch` (every archive before platforms existed). */
  platform?: ChatPlatform;
  source: StreamSource;
  /** Free text: file name for imports, "live" title, simulator parameters. */
  title: string;
  /** Epoch ms of elapsed = 0. */
  startedAt: number;
  /**
   * False when the source only knew offsets from the video start (TwitchDownloader TXT with relative times):
   * `startedAt` is then a placeholder and only `elapsed` is meaningful.
   */
  absoluteTime: boolean;
  /** Format the stream was imported from, if imported. */
  importFormat: string | null;
}

/** A stream as listed by the archive. */
export interface StreamSummary extends StreamInfo {
  platform: ChatPlatform;
  messageCount: number;
  deletedCount: number;
  /** Elapsed seconds of the last message. */
  durationSeconds: number;
  /** False for an import that did not finish (file truncated, process stopped): messages may be missing. */
  complete: boolean;
}

/** A moderation event that hides messages. */
export type Deletion =
  | { kind: 'message'; channel: string; messageId: string; ts: number }
  | { kind: 'user'; channel: string; login: string; ts: number; durationSeconds: number | null }
  | { kind: 'channel'; channel: string; ts: number };
