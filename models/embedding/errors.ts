import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/**
 * Base class of every error the embedding layer throws on purpose. The message can be shown to a user as is; it
 * never contains the texts being embedded (they may be private chat).
 */
export class EmbeddingError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';
}

/** Why a request was refused for lack of room. */
export type OverloadReason = 'queue-full' | 'request-too-large';

/**
 * The embed service has no room for a request: its queue is full (with `overload: 'reject'`), or the request alone
 * holds more new texts than the queue can ever take. Nothing of the request was queued.
 */
export class EmbedOverloadError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'overloaded';
  readonly reason: OverloadReason;
  /** A hint for callers that retry (the HTTP server sends it as `Retry-After`). */
  readonly retryAfterMs: number;

  constructor(message: string, reason: OverloadReason, retryAfterMs = 1000) {
    super(message);
    this.reason = reason;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The embedder was closed (or is closing): pending and later requests fail with this. */
export class EmbedderClosedError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'overloaded';
}

/** Input the embedder refuses: a token id outside the vocab, an empty or too long id sequence. Names the row. */
export class EmbedInputError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/**
 * The embedder cannot do what was asked: a model without a tokenizer asked for text, the bag-of-words baseline or a
 * remote embedder asked for token ids.
 */
export class EmbedUnsupportedError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** The embed worker thread failed to load its model, crashed, or failed a request with an unexpected error. */
export class EmbedWorkerError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'internal';
}

/** A remote embed server answered badly: refused the token, sent an error status, bad JSON, wrong sizes, or timed out. */
export class HttpEmbedderError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'upstream';
  readonly url: string;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, url: string, status?: number, options?: { cause?: unknown }) {
    super(`${url}: ${message}`, options);
    this.url = url;
    this.status = status;
  }
}

/** A `--model` / `embedModel` value that names no embedder: not `bow`, not an http(s) URL, not a model directory. */
export class EmbedderSpecError extends EmbeddingError {
  static override readonly kind: ErrorKind = 'bad-input';
}
