/** Where a hub download went wrong. */
export interface HubDownloadErrorContext {
  /** The repo id as given (`owner/name`). */
  repoId?: string;
  /** The URL being fetched. */
  url?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  cause?: unknown;
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
export class HubDownloadError extends Error {
  override readonly name = 'HubDownloadError';
  readonly repoId: string | undefined;
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, context: HubDownloadErrorContext = {}) {
    super(context.url !== undefined ? `${context.url}: ${message}` : message, context.cause !== undefined ? { cause: context.cause } : undefined);
    this.repoId = context.repoId;
    this.url = context.url;
    this.status = context.status;
  }
}
