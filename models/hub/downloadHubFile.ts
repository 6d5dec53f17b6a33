import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { HubDownloadError } from './errors';

/** Progress of one file, reported as chunks arrive and once more when it is complete. */
export interface HubFileProgress {
  /** The file's path in the repo. */
  file: string;
  receivedBytes: number;
  /** From Content-Length; null when the server did not say (or compressed the body). */
  totalBytes: number | null;
  done: boolean;
}

/** How to fetch one file. */
export interface HubFileRequest {
  url: string;
  /** The file's path in the repo, for progress and messages. */
  file: string;
  destPath: string;
  repoId: string;
  headers: Record<string, string>;
  fetchImpl: typeof fetch;
  /** A 404 is an answer (null), not an error: for files a repo may or may not have. */
  optional: boolean;
  onProgress?: (progress: HubFileProgress) => void;
  signal?: AbortSignal;
}

/** A file fetched to disk. */
export interface HubFileResult {
  bytes: number;
  /** The hub's `X-Repo-Commit` header: the commit the revision resolved to, when the server says. */
  commit: string | null;
}

/**
 * Fetches one hub file to `destPath`, following redirects, streaming the body to disk (never held in memory) via
 * `<destPath>.part`, renamed only once the byte count matches Content-Length. A broken or short body leaves no file.
 *
 * @returns null for a 404 on an optional file
 * @throws HubDownloadError naming the URL: network failure, 401/403 (says to set HF_TOKEN), 404, other statuses,
 *   a body cut short
 */
export async function downloadHubFile(request: HubFileRequest): Promise<HubFileResult | null> {
  const { url, repoId } = request;
  let response: Response;
  try {
    response = await request.fetchImpl(url, { headers: request.headers, redirect: 'follow', signal: request.signal });
  } catch (cause) {
    throw new HubDownloadError(`network failure: ${describe(cause)}`, { repoId, url, cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    // The hub says which 404 it is: only a missing file is an answer, a missing repo or revision is not.
    const code = response.headers.get('x-error-code');
    if (response.status === 404 && request.optional && code !== 'RepoNotFound' && code !== 'RevisionNotFound')
      return null;
    throw new HubDownloadError(statusMessage(response, request.file), { repoId, url, status: response.status });
  }

  const encoding = response.headers.get('content-encoding');
  const lengthHeader = response.headers.get('content-length');
  // fetch decompresses: a compressed body's Content-Length says nothing about the bytes we count.
  const totalBytes =
    lengthHeader !== null && (encoding === null || encoding === 'identity') ? Number(lengthHeader) : null;
  const part = `${request.destPath}.part`;
  await mkdir(dirname(request.destPath), { recursive: true });
  let received = 0;
  const report = (done: boolean) =>
    request.onProgress?.({ file: request.file, receivedBytes: received, totalBytes, done });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      report(false);
      callback(null, chunk);
    },
  });
  try {
    const body =
      response.body === null
        ? Readable.from([])
        : Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
    await pipeline(body, counter, createWriteStream(part));
  } catch (cause) {
    await rm(part, { force: true });
    const of = totalBytes !== null ? ` of ${totalBytes}` : '';
    throw new HubDownloadError(`download broke off after ${received}${of} bytes: ${describe(cause)}`, {
      repoId,
      url,
      cause,
    });
  }
  if (totalBytes !== null && received !== totalBytes) {
    await rm(part, { force: true });
    throw new HubDownloadError(`truncated: received ${received} bytes, Content-Length said ${totalBytes}`, {
      repoId,
      url,
    });
  }
  await rename(part, request.destPath);
  report(true);
  return { bytes: received, commit: response.headers.get('x-repo-commit') };
}

function statusMessage(response: Response, file: string): string {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 401) {
    return `${status}: the repository does not exist, or is private or gated; set HF_TOKEN to a token that can read it`;
  }
  if (response.status === 403) {
    return `${status}: access refused; for a gated repository accept its terms on the hub, and set HF_TOKEN to a token that can read it`;
  }
  if (response.status === 404) {
    const code = response.headers.get('x-error-code');
    if (code === 'RepoNotFound') return `${status}: repository not found`;
    if (code === 'RevisionNotFound') return `${status}: revision not found`;
    if (code === 'EntryNotFound') return `${status}: the repository has no ${file}`;
    return `${status}: not found (no such repository, revision or ${file})`;
  }
  return status;
}

/** A fetch failure's message with its cause (undici says "fetch failed" and puts the reason in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause !== undefined && cause !== error.message ? `${error.message} (${cause})` : error.message;
}
