/**
 * What an import accepts, in one place. Every limit here is far above what a real chat file holds, and exists so
 * that a hostile or broken file costs bounded memory and time, and never puts a value downstream code cannot use
 * (the timeline of `analyze` allocates by duration: one message at elapsed 1e9 s took it out of memory).
 */
export const IMPORT_LIMITS = {
  /** A line of a line-based file. Twitch caps a message at 500 characters and an IRC line with tags at ~8 KB. */
  maxLineChars: 1024 * 1024,
  /** One JSON record (a comment, an item), built whole only below this size. Real ones are 1-5 KB. */
  maxRecordChars: 1024 * 1024,
  /** JSON nesting inside a record. Real records nest 5-6 deep (comment > message > fragments > emote). */
  maxJsonDepth: 64,
  /** Earliest and latest absolute time (epoch ms): Twitch (Justin.tv) chat starts in 2007; 2005..2100 is generous. */
  minTimeMs: Date.UTC(2005, 0, 1),
  maxTimeMs: Date.UTC(2100, 0, 1),
  /**
   * A stream lasts at most this long (seconds after its start). Longer logs are split by the user; a message
   * later than this is a bad time, not a week-long stream.
   */
  maxElapsedSeconds: 7 * 86_400,
  /**
   * Monotonic rule: a message timed more than this before the latest message kept so far is reported and skipped.
   * Logs are written in time order; IRC and exports reorder by seconds, never by hours, so a jump back this large
   * is a corrupt time (and keeping it would stretch the stream backwards). Also bounds how far before the first
   * message (elapsed 0) a message may be.
   */
  maxBackwardsSeconds: 3600,
  /** Message text, in UTF-16 code units. Twitch caps a message at 500 characters; room for other tools' exports. */
  maxTextChars: 5000,
  /** Display names: Twitch's are at most 25 characters; localized ones with a `(login)` stay well below this. */
  maxDisplayNameChars: 64,
  /** Message ids (Twitch's are 36-character UUIDs). */
  maxIdChars: 128,
  /** Bits on one message (Twitch's largest cheer is 1e5 or so). */
  maxBits: 10_000_000,
  /**
   * gzip input: decompressed text may be at most this many times the compressed size (plus `gzipSlackBytes`).
   * Chat compresses 5-30x; a gzip bomb (1 MB of zeros is 1 GB) is stopped long before it costs minutes.
   */
  maxGzipRatio: 100,
  gzipSlackBytes: 16 * 1024 * 1024,
} as const;
