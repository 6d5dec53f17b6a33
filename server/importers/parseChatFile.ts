import fs from 'node:fs';
import path from 'node:path';
import type { ChatMessage } from '../../contracts/chat';
import { DEFAULT_BOTS } from '../config/schema';
import { ImportFormatError, type ChatTopicsErrorOptions } from '../errors';
import { detectionFailure, whereDetectionFailed } from './detectionFailure';
import { detectFormat, FORMAT_SHAPES } from './detectFormat';
import { FORMATS, FORMAT_NAMES, type FormatName } from './formats';
import type { SourceEvent } from './formats/types';
import { jsonBatches } from './input/jsonBatches';
import { JsonStructureError } from './input/jsonScanner';
import { lineBatches, type ReadPosition } from './input/lineBatches';
import { isGzipFile, readHead, readTextChunks } from './input/readText';
import { MessageNormaliser, type StreamDeletion, type StreamDraft } from './normalise';

/** A skipped line or record. `line` is 1-based; JSON formats add the 1-based `record` number. */
export interface ImportIssue {
  line: number;
  record?: number;
  reason: string;
}

/** `line 12: missing field ...` / `line 1, record 40: ...`: how issues are shown. */
export function formatIssue(issue: ImportIssue): string {
  return `line ${issue.line}${issue.record !== undefined ? `, record ${issue.record}` : ''}: ${issue.reason}`;
}

/** What parsing a chat file yields, in file order. */
export type ParsedItem =
  /** Once, just before the first message: the stream the messages belong to. */
  | { type: 'stream'; stream: StreamDraft }
  /** A normalised message, `streamId: ''`, and the line it starts on. */
  | { type: 'message'; message: ChatMessage; line: number }
  /** A moderation event hiding earlier messages (CLEARMSG, CLEARCHAT, a Chatterino timeout notice). */
  | { type: 'deletion'; deletion: StreamDeletion }
  /** A line or record skipped, with the reason. */
  | { type: 'issue'; issue: ImportIssue }
  /** The file broke part-way (truncated gzip or JSON): always the last item; what came before is good. */
  | { type: 'fatal'; reason: string };

export interface ParseOptions {
  /** Skip detection and read the file as this format. */
  format?: FormatName;
  /** Channel for the stream, instead of the one the file (or its name) gives. */
  channel?: string;
  /** Stream title, instead of the file name. */
  title?: string;
  /** Logins flagged `bot` (default `DEFAULT_BOTS`). */
  botNames?: readonly string[];
  /** The file's name as the user knows it (an upload is saved under a temporary name). */
  originalName?: string;
}

/** An opened chat file: its format is known; its items are read on demand. */
export interface ChatFileReader {
  readonly format: FormatName;
  /** Size of the file on disk (compressed size for gzip). */
  readonly bytes: number;
  readonly fileName: string;
  /** The items in batches (one per chunk of input): the fast path for writers. Can be read once. */
  batches(): AsyncGenerator<ParsedItem[]>;
}

/** Errors before the first good message after which the file is refused as not being in the format. */
const REFUSE_AFTER = 20;
const QUOTED_ISSUES = 3;

function expected(format?: FormatName): string {
  if (format) return `expected ${FORMAT_SHAPES[format]}`;
  return `expected one of: ${FORMAT_NAMES.map((f) => `${f} (${FORMAT_SHAPES[f]})`).join('; ')}`;
}

function isBug(err: unknown): boolean {
  return err instanceof TypeError || err instanceof ReferenceError;
}

/**
 * Opens a chat file: checks it can be read, sees through gzip (by its magic bytes), and detects its format
 * unless `options.format` names one. Reads only the first 64 KB.
 * @throws ImportFormatError when the file cannot be read or no format fits (nothing else has happened).
 */
export async function openChatFile(file: string, options: ParseOptions = {}): Promise<ChatFileReader> {
  const fileName = path.basename(options.originalName ?? file);
  let bytes: number;
  let gzip: boolean;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    bytes = stat.size;
    gzip = bytes >= 2 && (await isGzipFile(file));
  } catch (err) {
    throw new ImportFormatError(`${fileName}: cannot read the file (${(err as Error).message})`, {
      cause: err,
      code: 'import.unreadable',
      params: { file: fileName },
    });
  }
  if (bytes === 0)
    throw new ImportFormatError(`${fileName}: the file is empty`, { code: 'import.empty', params: { file: fileName } });
  let format = options.format;
  if (format === undefined) {
    const head = await readHead(file, gzip);
    const detected = detectFormat(head.text, fileName, head.complete);
    if (!detected) {
      if (head.text.trim() === '')
        throw new ImportFormatError(
          `${fileName}: ${gzip ? 'no readable text in the gzip data' : 'no text'}; ${expected()}`,
          { code: 'import.no-text', params: { file: fileName } },
        );
      // One short line for the import form; each format's shape goes to the log (`details`).
      throw new ImportFormatError(
        `${fileName}: unrecognised chat file format; expected one of: ${FORMAT_NAMES.join(', ')} (${whereDetectionFailed(head.text)})`,
        { details: expected(), ...unrecognised(fileName, head.text) },
      );
    }
    format = detected;
  } else if (!FORMATS[format]) {
    throw new ImportFormatError(
      `${fileName}: unknown format "${String(format)}" (one of: ${FORMAT_NAMES.join(', ')})`,
      {
        code: 'import.unknown-format',
        params: { format: String(format), formats: FORMAT_NAMES.join(', ') },
      },
    );
  }
  const chosen = format;
  let used = false;
  return {
    format: chosen,
    bytes,
    fileName,
    batches() {
      if (used) throw new Error('ChatFileReader.batches() can be read only once');
      used = true;
      return readItems(file, gzip, chosen, fileName, options);
    },
  };
}

async function* readItems(
  file: string,
  gzip: boolean,
  format: FormatName,
  fileName: string,
  options: ParseOptions,
): AsyncGenerator<ParsedItem[]> {
  const spec = FORMATS[format];
  const ctx = { fileName };
  const position: ReadPosition = { line: 0 };
  const chunks = readTextChunks(file, gzip);
  const events: AsyncGenerator<SourceEvent[]> =
    spec.kind === 'lines'
      ? lineBatches(chunks, spec.createParser(ctx), position)
      : jsonBatches(chunks, spec.createParser(ctx), spec.metaKeys, position);
  const normaliser = new MessageNormaliser({
    format,
    fileName,
    channel: options.channel,
    title: options.title,
    botNames: options.botNames ?? DEFAULT_BOTS,
    fields: spec.fields,
  });
  let messages = 0;
  const early: ImportIssue[] = [];
  const refuse = (why: string) => {
    const sample = early.slice(0, QUOTED_ISSUES).map(formatIssue).join('; ');
    return new ImportFormatError(
      `${fileName}: not a ${format} file: ${why}${sample ? ` (${sample})` : ''}; ${expected(format)}`,
      { code: 'import.not-format', params: { file: fileName, format } },
    );
  };

  try {
    for await (const batch of events) {
      const items: ParsedItem[] = [];
      for (const ev of batch) {
        if (ev.type === 'message') {
          const message = normaliser.message(ev.message, ev);
          if (typeof message !== 'string') {
            if (messages++ === 0) items.push({ type: 'stream', stream: normaliser.stream! });
            items.push({ type: 'message', message, line: ev.line });
            continue;
          }
          items.push({ type: 'issue', issue: { line: ev.line, record: ev.record, reason: message } });
        } else if (ev.type === 'error') {
          items.push({ type: 'issue', issue: { line: ev.line, record: ev.record, reason: ev.reason } });
        } else if (ev.type === 'stream') {
          normaliser.hint(ev.hint);
          continue;
        } else {
          const deletion = normaliser.deletion(ev.deletion);
          if (deletion) items.push({ type: 'deletion', deletion });
          continue;
        }
        // An issue: before any good message, too many of them mean the file is not in this format at all.
        if (messages === 0) {
          const issue = (items[items.length - 1] as { issue: ImportIssue }).issue;
          early.push(issue);
          if (early.length >= REFUSE_AFTER) throw refuse(`its first ${REFUSE_AFTER} records do not parse`);
        }
      }
      if (items.length) yield items;
    }
  } catch (err) {
    if (err instanceof ImportFormatError || isBug(err)) throw err;
    const json = err instanceof JsonStructureError ? err : null;
    const line = json ? json.place.line : position.line;
    const where = position.record ? `line ${line}, after record ${position.record}` : `line ${line}`;
    // JSON files are often one line: the character offset says where in it.
    const reason = json
      ? `${where}: ${json.reason} (at character ${json.place.offset})`
      : `${where}: ${(err as Error).message}`;
    if (messages === 0)
      throw new ImportFormatError(`${fileName}: cannot be read as ${format}: ${reason}; ${expected(format)}`, {
        cause: err,
        code: 'import.not-format',
        params: { file: fileName, format },
      });
    yield [{ type: 'fatal', reason }];
    return;
  }
  if (messages === 0) throw refuse('no chat message found');
}

/**
 * Parses a chat file into normalised messages without an archive: the pure API behind `importChatFile`, for
 * benchmarks, previews and tests. Streams: memory stays flat for any file size.
 *
 * Items arrive in file order: issues for skipped lines, one `stream` item just before the first message (channel,
 * clock, title), then messages (`streamId: ''`) and deletions; a `fatal` item ends a file that breaks part-way.
 *
 * @param file path of the file (plain or gzip; the format is detected unless `options.format` is given)
 * @throws ImportFormatError when the file is unreadable, of no known format, or has no message in that format.
 * @example
 * for await (const item of parseChatFile('chat.json')) if (item.type === 'message') count++;
 */
export async function* parseChatFile(file: string, options: ParseOptions = {}): AsyncGenerator<ParsedItem> {
  const reader = await openChatFile(file, options);
  for await (const batch of reader.batches()) yield* batch;
}

/** The dashboard's code of a file in no known format: binary, or where its first line fits none. */
function unrecognised(file: string, head: string): Pick<ChatTopicsErrorOptions, 'code' | 'params'> {
  const failure = detectionFailure(head);
  const formats = FORMAT_NAMES.join(', ');
  return failure.binary
    ? { code: 'import.binary', params: { file, formats } }
    : { code: 'import.unrecognised', params: { file, formats, line: failure.line, sample: failure.quoted } };
}
