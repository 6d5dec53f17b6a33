import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { importRoute, type ApiError, type RouteResponse } from '../../contracts/http';
import type { Archive } from '../archive/Archive';
import { ChatTopicsError, ImportFormatError, type ErrorKind } from '../errors';
import { HttpStatusError, httpStatusOf } from '../httpStatus';
import { importChatFile } from '../importers/importChatFile';
import { FORMAT_NAMES, type FormatName } from '../importers/formats';
import type { Logger } from '../logger';
import { coded, serverMessageOf } from '../serverMessage';
import { readQuery } from './readQuery';
import { sweepStaleUploads, UPLOAD_DIR_PREFIX } from './staleUploads';

export interface ImportRouteDeps {
  archive: Archive;
  maxBytes: number;
  botNames: readonly string[];
  logger: Logger;
  /** Called after a successful import (the socket layer re-sends the stream list). */
  onImported: () => void;
  /** Imports running at once (config `importMaxConcurrent`, default 2); one more gets 429. */
  maxConcurrent?: number;
  /** Where upload files are written (default: the OS temporary directory). */
  tmpDir?: string;
}

class TooLargeError extends HttpStatusError {
  constructor(message: string, limitMb: number) {
    super(413, message, { code: 'import.over-limit', params: { limit: limitMb } });
  }
}

/** Too many imports are running: the client should retry later (HTTP 429). */
export class ImportBusyError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'overloaded';
}

/**
 * The status of a failed import: a file in no format we read is "unsupported media type" (415), finer than its kind
 * (bad input); everything else answers by kind.
 */
function importStatusOf(err: unknown): number {
  return err instanceof ImportFormatError ? 415 : httpStatusOf(err);
}

/** Imports in flight, per route (one `deps` object per server). */
const inFlight = new WeakMap<ImportRouteDeps, number>();
/** Routes whose temporary directory was swept of uploads left by a dead process. */
const swept = new WeakSet<ImportRouteDeps>();

function send(res: ServerResponse, status: number, body: RouteResponse<typeof importRoute> | ApiError): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `POST /api/import?name=..&format=..&channel=..`, the raw file as the body. The body is streamed to a temporary
 * file (never held in memory), cut off at the size limit, imported, then removed: in a `finally`, so also when the
 * client goes away mid-upload or the import fails. At most `maxConcurrent` imports run at once (429 beyond). An
 * import that stops part-way answers 200 with `complete: false`, the reason and the last good line.
 */
export async function handleImport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ImportRouteDeps,
): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, coded('use POST with the file as the request body'));
  const max = deps.maxConcurrent ?? 2;
  const running = inFlight.get(deps) ?? 0;
  if (running >= max) {
    req.resume();
    const busy = new ImportBusyError(
      `too many imports at once: ${running} running, the limit is ${max}; try again when one has finished`,
      { code: 'import.busy', params: { running, limit: max } },
    );
    res.setHeader('retry-after', '10');
    return send(res, httpStatusOf(busy), serverMessageOf(busy));
  }
  inFlight.set(deps, running + 1);
  try {
    if (!swept.has(deps)) {
      swept.add(deps);
      const removed = sweepStaleUploads(deps.tmpDir ?? os.tmpdir());
      if (removed > 0) deps.logger.info({ removed }, 'removed upload files left by an earlier server');
    }
    await importUpload(req, res, url, deps);
  } finally {
    inFlight.set(deps, (inFlight.get(deps) ?? 1) - 1);
  }
}

async function importUpload(req: IncomingMessage, res: ServerResponse, url: URL, deps: ImportRouteDeps): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const limitMb = Math.round(deps.maxBytes / 1e6);
  if (declared > deps.maxBytes) {
    req.resume();
    const sizeMb = (declared / 1e6).toFixed(1);
    return send(
      res,
      413,
      coded(`file too large: ${sizeMb} MB, the limit is ${limitMb} MB`, 'import.too-large', {
        size: Number(sizeMb),
        limit: limitMb,
      }),
    );
  }
  const query = readQuery(importRoute, url);
  const name = path.basename(query.name ?? 'upload');
  const format = query.format;
  if (format && format !== 'auto' && !FORMAT_NAMES.includes(format as FormatName)) {
    const formats = FORMAT_NAMES.join(', ');
    return send(
      res,
      400,
      coded(`unknown format "${format}" (one of: ${formats})`, 'import.unknown-format', { format, formats }),
    );
  }
  const channel = query.channel;
  const dir = fs.mkdtempSync(path.join(deps.tmpDir ?? os.tmpdir(), UPLOAD_DIR_PREFIX));
  const file = path.join(dir, name.replace(/[^\w.-]+/g, '_'));
  try {
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > deps.maxBytes) done(new TooLargeError(`file too large: over the ${limitMb} MB limit`, limitMb));
        else done(null, chunk);
      },
    });
    await pipeline(req, limiter, fs.createWriteStream(file));
    if (received === 0) return send(res, 400, coded('empty file', 'import.empty'));
    const report = await importChatFile(deps.archive, {
      path: file,
      format: format && format !== 'auto' ? (format as FormatName) : undefined,
      channel,
      originalName: name,
      botNames: deps.botNames,
    });
    deps.onImported();
    send(res, 200, {
      streamId: report.stream.id,
      format: report.format,
      imported: report.imported,
      skipped: report.skipped,
      errors: report.errors
        .slice(0, 20)
        .map((e) => ({ line: e.line, reason: e.record !== undefined ? `record ${e.record}: ${e.reason}` : e.reason })),
      errorCount: report.errorCount,
      complete: report.complete,
      incompleteReason: report.fatal,
      lastGoodLine: report.lastGoodLine,
    });
  } catch (err) {
    // Refused mid-body: drain the rest so the client reads our answer instead of a reset connection.
    if (err instanceof TooLargeError) req.resume();
    // The client went away mid-upload: nobody to answer; the finally below removes what was received.
    if (req.destroyed && !req.complete && !(err instanceof ChatTopicsError)) {
      deps.logger.info({ name }, 'import upload aborted by the client');
      return;
    }
    const status = importStatusOf(err);
    if (err instanceof ImportFormatError)
      // The form shows the short message; the log keeps what it leaves out (each format's shape).
      deps.logger.warn({ name, error: err.message, details: err.details }, 'import refused');
    if (status < 500)
      return send(res, status, err instanceof ChatTopicsError ? serverMessageOf(err) : coded((err as Error).message));
    deps.logger.error({ err, name }, 'import failed');
    send(res, status, coded('import failed (see the server log)', 'import.failed'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
