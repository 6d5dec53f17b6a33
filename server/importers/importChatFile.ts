import type { ChatMessage, StreamInfo } from '../../contracts/chat';
import type { Archive } from '../archive/Archive';
import type { FormatName } from './formats';
import { openChatFile, type ImportIssue, type ParseOptions } from './parseChatFile';
import { StreamDeletions } from './StreamDeletions';

export type { FormatName } from './formats';
export type { ImportIssue } from './parseChatFile';

/** Messages per `insertMessages` call, i.e. per SQLite transaction. */
export const IMPORT_BATCH = 2000;
/** Issues kept in the report; `errorCount` has the total. */
export const MAX_REPORTED_ERRORS = 100;

export interface ImportOptions extends ParseOptions {
  /** The file to import (plain or gzip). */
  path: string;
}

export interface ImportReport {
  stream: StreamInfo;
  format: FormatName;
  /** Messages written. */
  imported: number;
  /** Lines or records not imported: bad ones (see `errors`) and duplicate ids. */
  skipped: number;
  /** The first bad lines or records, in file order (at most `MAX_REPORTED_ERRORS`). */
  errors: ImportIssue[];
  /** Bad lines or records in all. */
  errorCount: number;
  /** Messages whose id was already in the stream (`insertMessages` ignores them). */
  duplicates: number;
  /** Messages marked deleted by the file's moderation events (CLEARMSG, CLEARCHAT, timeout notices). */
  deleted: number;
  /** File size on disk. */
  bytes: number;
  /** Why the file stopped part-way (truncated gzip or JSON), with where; null when it was read to the end. */
  fatal: string | null;
  /**
   * True only when the whole file was read and every message written: the stream is then marked complete in the
   * archive in the transaction of the last batch. False when the file stopped part-way (`fatal` says why): what came
   * before is imported but the stream stays listed as incomplete.
   */
  complete: boolean;
  /** Line of the last message imported (null when none): where an incomplete import got to. */
  lastGoodLine: number | null;
}

/**
 * Imports a chat file into the archive as a new stream: the one entry point of the CLI's `import` and the
 * dashboard's upload route. Streams the file (bounded memory at any size) and writes messages in transactions of
 * `IMPORT_BATCH`. Bad lines are skipped and reported; a file that breaks part-way keeps what was read before and
 * is reported (and archived) as incomplete: `complete: false`, `fatal` says why, `lastGoodLine` where it got to.
 *
 * The stream is created only once the format is known and a first message has parsed, so a refused file leaves
 * the archive untouched.
 * @throws ImportFormatError when the file is unreadable, of no known format, or has no message in that format.
 * @example const report = await importChatFile(archive, { path: 'vod.json.gz', botNames: config.botNames });
 */
export async function importChatFile(archive: Archive, options: ImportOptions): Promise<ImportReport> {
  const reader = await openChatFile(options.path, options);
  let stream: StreamInfo | null = null;
  let deletions: StreamDeletions | null = null;
  let pending: ChatMessage[] = [];
  let parsed = 0;
  let imported = 0;
  let deletedOnWrite = 0;
  let errorCount = 0;
  let fatal: string | null = null;
  let lastGoodLine: number | null = null;
  const errors: ImportIssue[] = [];

  const flush = () => {
    if (pending.length === 0) return;
    imported += archive.insertMessages(pending);
    for (const m of pending) if (m.deleted) deletedOnWrite++;
    pending = [];
  };

  try {
    for await (const items of reader.batches()) {
      for (const item of items) {
        switch (item.type) {
          case 'message':
            item.message.streamId = stream!.id;
            pending.push(item.message);
            lastGoodLine = item.line;
            parsed++;
            if (pending.length >= IMPORT_BATCH) flush();
            break;
          case 'issue':
            errorCount++;
            if (errors.length < MAX_REPORTED_ERRORS) errors.push(item.issue);
            break;
          case 'deletion':
            deletions!.apply(item.deletion, pending);
            break;
          case 'stream':
            // Incomplete until the last batch commits (`finishStream`): a killed import is listed as such.
            stream = archive.createStream({ ...item.stream, complete: false });
            deletions = new StreamDeletions(archive, stream.id);
            break;
          case 'fatal':
            fatal = item.reason;
            break;
        }
      }
    }
    if (fatal === null) {
      imported += archive.finishStream(stream!.id, pending);
      for (const m of pending) if (m.deleted) deletedOnWrite++;
      pending = [];
    } else flush();
  } catch (err) {
    // Refusals happen before the stream exists. Anything else here (a failing disk, a bug) would leave half an
    // import behind: remove it.
    if (stream) archive.deleteStream(stream.id);
    throw err;
  }
  // Messages marked as written carry `deleted` from the file too; count both kinds once.
  const deleted = deletedOnWrite + (deletions?.marked ?? 0);
  const duplicates = parsed - imported;
  return {
    stream: stream!,
    format: reader.format,
    imported,
    skipped: errorCount + duplicates,
    errors,
    errorCount,
    duplicates,
    deleted,
    bytes: reader.bytes,
    fatal,
    complete: fatal === null,
    lastGoodLine,
  };
}
