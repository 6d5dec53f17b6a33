import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a hub download went wrong. */
export interface HubDownloadErrorContext {
  /** The repo id as given (`owner/name`). */
  repoId?: string;
  /** The URL being fetched. */
  url?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  cause?: unknown;
  /** Default: `not-found` for an HTTP 404, else `upstream`; `bad-input` for a malformed repo id or endpoint. */
  kind?: ErrorKind;
}

/**
 * A HuggingFace hub download that failed: a malformed repo id, a repo or file not found, access refused (private or
 * gated: the message says to set `HF_TOKEN`), a network failure or a truncated body. The message names the URL.
 *
 * @example
 * try {
 *   await downloadHubModel('lincoln/x', dir);
 * } catch (e) {
 *   if (e instanceof HubDownloadError && e.status === 401) console.error('set HF_TOKEN');
 * }
 */
export class HubDownloadError extends ChatTopicsError {
  override readonly name = 'HubDownloadError';
  readonly repoId: string | undefined;
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, context: HubDownloadErrorContext = {}) {
    const kind = context.kind ?? (context.status === 404 ? 'not-found' : 'upstream');
    super(
      context.url !== undefined ? `${context.url}: ${message}` : message,
      context.cause !== undefined ? { cause: context.cause, kind } : { kind },
    );
    this.repoId = context.repoId;
    this.url = context.url;
    this.status = context.status;
  }
}
