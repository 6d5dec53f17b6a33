import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ApiError, ImportResponse } from '../../contracts/socket-events';
import type { Archive } from '../archive/Archive';
import { ChatTopicsError, ImportFormatError } from '../errors';
import { importChatFile } from '../importers/importChatFile';
import { FORMAT_NAMES, type FormatName } from '../importers/formats';
import type { Logger } from '../logger';

export interface ImportRouteDeps {
  archive: Archive;
  maxBytes: number;
  botNames: readonly string[];
  logger: Logger;
  /** Called after a successful import (the socket layer re-sends the stream list). */
  onImported: () => void;
}

class TooLargeError extends ChatTopicsError {}

function send(res: ServerResponse, status: number, body: ImportResponse | ApiError): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `POST /api/import?name=..&format=..&channel=..`, the raw file as the body. The body is streamed to a temporary
 * file (never held in memory), cut off at the size limit, imported, then removed.
 */
export async function handleImport(req: IncomingMessage, res: ServerResponse, url: URL, deps: ImportRouteDeps): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST with the file as the request body' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  const limitMb = Math.round(deps.maxBytes / 1e6);
  if (declared > deps.maxBytes) {
    req.resume();
    return send(res, 413, { error: `file too large: ${(declared / 1e6).toFixed(1)} MB, the limit is ${limitMb} MB` });
  }
  const name = path.basename(url.searchParams.get('name') || 'upload');
  const format = url.searchParams.get('format') || undefined;
  if (format && format !== 'auto' && !FORMAT_NAMES.includes(format as FormatName)) {
    return send(res, 400, { error: `unknown format "${format}" (one of: ${FORMAT_NAMES.join(', ')})` });
  }
  const channel = url.searchParams.get('channel') || undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-topics-upload-'));
  const file = path.join(dir, name.replace(/[^\w.\-]+/g, '_'));
  try {
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > deps.maxBytes) done(new TooLargeError(`file too large: over the ${limitMb} MB limit`));
        else done(null, chunk);
      },
    });
    await pipeline(req, limiter, fs.createWriteStream(file));
    if (received === 0) return send(res, 400, { error: 'empty file' });
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
      errors: report.errors.slice(0, 20),
    });
  } catch (err) {
    if (err instanceof TooLargeError) {
      req.resume();
      return send(res, 413, { error: err.message });
    }
    if (err instanceof ImportFormatError) return send(res, 415, { error: err.message });
    if (err instanceof ChatTopicsError) return send(res, 400, { error: err.message });
    deps.logger.error({ err, name }, 'import failed');
    send(res, 500, { error: 'import failed (see the server log)' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
