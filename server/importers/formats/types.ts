import type { ChatUser, EmoteRange, StreamSource } from '../../../contracts/chat';

/** Names of the chat file formats we read, as `--format` and import reports spell them. */
export const FORMAT_NAMES = [
  'twitchdownloader-json',
  'twitchdownloader-txt',
  'chat-downloader-json',
  'chatterino',
  'irc',
  'csv',
  'jsonl',
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * A message as one file format knows it, before the stream-level normalisation (stream id, channel choice,
 * clock, flags) that `MessageNormaliser` applies the same way for every format.
 */
export interface SourceMessage {
  /** The source's id, or null: the normaliser then makes `l<line>` / `r<record>`. */
  id: string | null;
  /** Channel named by the record itself (IRC, CSV, JSONL), lowercase without `#`; null when the record has none. */
  channel: string | null;
  /** Wall-clock time in epoch ms, when the source has it. */
  ts: number | null;
  /** Seconds since the stream (video) start, when the source has it. */
  offset: number | null;
  user: ChatUser;
  text: string;
  emotes: EmoteRange[];
  badges: Record<string, string>;
  bits: number;
  action: boolean;
  replyParentId: string | null;
  deleted: boolean;
  /** Our own JSONL only: a `bot` flag set by the writer (its bot list may differ from ours). */
  bot?: boolean;
  /** Our own JSONL only: simulator ground truth. */
  topic?: string;
}

/** A moderation event found in a file (CLEARMSG, CLEARCHAT, Chatterino's "has been timed out"). */
export type SourceDeletion =
  | { kind: 'message'; messageId: string }
  | { kind: 'user'; login: string; ts: number | null; offset: number | null }
  | { kind: 'channel'; ts: number | null; offset: number | null };

/** What a file says about its stream as a whole (JSONL header, TwitchDownloader `streamer` / `video`). */
export interface StreamHint {
  channel?: string;
  title?: string;
  /** Authoritative start (our JSONL header): wins over what the first message implies. */
  startedAt?: number;
  /** Used only when the first message cannot give the start (TwitchDownloader `video.created_at`). */
  startedAtFallback?: number;
  absoluteTime?: boolean;
  /** Our JSONL header only: keep the original stream's source and format so a round trip gives it back. */
  source?: StreamSource;
  importFormat?: string | null;
}

/** Where a record is: 1-based line, and for JSON formats the 1-based record number too. */
export interface SourcePosition {
  line: number;
  record?: number;
}

export type SourceEvent =
  | ({ type: 'message'; message: SourceMessage } & SourcePosition)
  | ({ type: 'deletion'; deletion: SourceDeletion } & SourcePosition)
  | { type: 'stream'; hint: StreamHint }
  | ({ type: 'error'; reason: string } & SourcePosition);

/**
 * How a format spells each message field, so that a validation failure names the field a user can find in the
 * file (`commenter.name`, `tmi-sent-ts`). `null` for a field the format does not have.
 */
export interface FieldNames {
  id: string | null;
  login: string;
  displayName: string;
  ts: string | null;
  offset: string | null;
  text: string;
  channel: string | null;
  replyParentId: string | null;
}

/** What every format parser may know besides the file's content. */
export interface FormatContext {
  /** The file's name as the user knows it (upload name or basename), for dates and channels in names. */
  fileName: string;
}

/** A line-oriented format: called once per non-empty line, in order. */
export interface LineParser {
  line(text: string, lineNo: number, out: SourceEvent[]): void;
  /** End of input: flush anything held (a CSV record still waiting for its closing quote). */
  end?(out: SourceEvent[]): void;
}

/** A JSON format: gets the file's records (array elements) one by one, and small top-level objects as metadata. */
export interface JsonRecordParser {
  /** A top-level key other than the records array, for metadata (`streamer`, `video`); `pos` is where it starts. */
  meta?(key: string, value: unknown, out: SourceEvent[], pos: SourcePosition): void;
  record(value: unknown, pos: Required<SourcePosition>, out: SourceEvent[]): void;
}

export type ChatFormat =
  | { name: FormatName; kind: 'lines'; fields: FieldNames; createParser(ctx: FormatContext): LineParser }
  | {
      name: FormatName;
      kind: 'json';
      fields: FieldNames;
      /** Top-level keys whose (small) values are handed to `meta`; any other key but `comments` is skipped unread. */
      metaKeys: readonly string[];
      createParser(ctx: FormatContext): JsonRecordParser;
    };
