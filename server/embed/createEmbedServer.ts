import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Embedder } from '../../models/embedding/Embedder';
import { EmbedderClosedError, EmbedOverloadError } from '../../models/embedding/errors';
import type { Logger } from '../logger';
import { checkBearer } from './bearerToken';
import { EmbedRequestError } from './errors';
import { readEmbedRequest } from './readEmbedRequest';

/** Most texts in one request by default: a few chat batches, small enough to answer in well under a second. */
export const DEFAULT_MAX_INPUTS = 1024;
/** Largest body by default: 1024 chat messages of 500 characters, JSON-escaped, fit with room to spare. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface EmbedServerOptions {
  /** What answers (usually an `EmbedService` over a worker, for its cache, batching and overload handling). */
  embedder: Embedder;
  logger: Logger;
  /** Bearer token required on every route; none (or empty) leaves the server open. */
  token?: string;
  /** Reported by `GET /v1/models` (the ONNX Runtime provider in use), when known. */
  executionProvider?: 'cpu' | 'cuda';
  /** Most texts per request (413 beyond). Default {@link DEFAULT_MAX_INPUTS}. */
  maxInputs?: number;
  /** Largest request body in bytes (413 beyond). Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
}

/** The answer of `POST /v1/embeddings` (the OpenAI embeddings shape, plus `dimension`). */
export interface EmbeddingsResponse {
  object: 'list';
  model: string;
  dimension: number;
  data: { index: number; embedding: number[] }[];
}

/** The answer of `GET /v1/models`. */
export interface EmbedModelInfo {
  id: string;
  dimension: number;
  executionProvider?: 'cpu' | 'cuda';
  /** Most texts one request may hold: clients split longer lists. */
  maxInputs: number;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The embed server: `POST /v1/embeddings` with `{"input": string | string[]}` answers
 * `{"object": "list", "model", "dimension", "data": [{"index", "embedding"}]}` (float32 values written in full);
 * `GET /v1/models` answers {@link EmbedModelInfo}.
 *
 * With a token, both routes want `Authorization: Bearer <token>` (401 with `WWW-Authenticate: Bearer` otherwise;
 * compared in constant time). Bad requests get 400 naming the field, 413 over the body or input-count limit, 503
 * with `Retry-After` when the embedder is overloaded. Error bodies never quote the input; logs never hold texts.
 *
 * @example
 * const server = createEmbedServer({ embedder: new EmbedService(worker), logger, token });
 * const running = await listenEmbedServer(server, 8081, '127.0.0.1');
 */
export function createEmbedServer(options: EmbedServerOptions): http.Server {
  const { embedder, logger } = options;
  const token = options.token || undefined;
  const limits = {
    maxInputs: options.maxInputs ?? DEFAULT_MAX_INPUTS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  const info: EmbedModelInfo = { id: embedder.id, dimension: embedder.dimension, maxInputs: limits.maxInputs };
  if (options.executionProvider !== undefined) info.executionProvider = options.executionProvider;

  async function embeddings(req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    const texts = await readEmbedRequest(req, limits);
    const vectors = await embedder.embed(texts);
    const body: EmbeddingsResponse = {
      object: 'list',
      model: embedder.id,
      dimension: embedder.dimension,
      data: vectors.map((v, index) => ({ index, embedding: Array.from(v) })),
    };
    sendJson(res, 200, body);
    return texts.length;
  }

  function refuse(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    if (err instanceof EmbedRequestError) {
      // Unread body left on a refused request: close the connection rather than read it.
      const headers: http.OutgoingHttpHeaders = err.status === 413 ? { connection: 'close' } : {};
      sendJson(res, err.status, { error: err.message }, headers);
      if (err.status === 413) req.resume();
      return;
    }
    if (err instanceof EmbedOverloadError && err.reason === 'request-too-large') {
      sendJson(res, 413, { error: err.message });
      return;
    }
    if (err instanceof EmbedOverloadError || err instanceof EmbedderClosedError) {
      const retryAfterMs = err instanceof EmbedOverloadError ? err.retryAfterMs : 1000;
      sendJson(
        res,
        503,
        { error: err.message },
        { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
      );
      return;
    }
    logger.error({ err, path: req.url }, 'embedding failed');
    sendJson(res, 500, { error: 'embedding failed (see the embed server log)' });
  }

  return http.createServer((req, res) => {
    const started = performance.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const logDone = (texts: number) =>
      logger.debug(
        { method: req.method, path, status: res.statusCode, texts, ms: Math.round(performance.now() - started) },
        'embed request',
      );

    const route = path === '/v1/embeddings' ? 'POST' : path === '/v1/models' ? 'GET' : null;
    if (route === null) {
      sendJson(res, 404, { error: 'not found: use POST /v1/embeddings or GET /v1/models' });
      return logDone(0);
    }
    if (token !== undefined) {
      const check = checkBearer(req.headers.authorization, token);
      if (check !== 'ok') {
        const challenge =
          check === 'missing'
            ? 'Bearer realm="chat-topics-embed"'
            : 'Bearer realm="chat-topics-embed", error="invalid_token"';
        sendJson(
          res,
          401,
          { error: check === 'missing' ? 'a bearer token is required' : 'the bearer token is not valid' },
          { 'www-authenticate': challenge },
        );
        return logDone(0);
      }
    }
    if (req.method !== route) {
      sendJson(res, 405, { error: `use ${route} ${path}` }, { allow: route });
      return logDone(0);
    }
    if (route === 'GET') {
      sendJson(res, 200, info);
      return logDone(0);
    }
    embeddings(req, res).then(logDone, (err: unknown) => {
      if (res.headersSent) {
        logger.error({ err, path }, 'embed response failed after the headers were sent');
        res.destroy();
      } else {
        refuse(req, res, err);
      }
      logDone(0);
    });
  });
}

/** A listening embed server. */
export interface RunningEmbedServer {
  url: string;
  port: number;
  /** Stops accepting, ends open connections, and resolves once the server is closed (the embedder stays open). */
  close(): Promise<void>;
}

/**
 * Starts listening; resolves once bound (port 0 picks a free port).
 * @example const { url, close } = await listenEmbedServer(createEmbedServer(options), 0, '127.0.0.1');
 */
export function listenEmbedServer(server: http.Server, port: number, host: string): Promise<RunningEmbedServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeIdleConnections();
            // Requests being answered finish first; a connection still open after that is cut.
            setTimeout(() => server.closeAllConnections(), 2000).unref();
          }),
      });
    });
  });
}
