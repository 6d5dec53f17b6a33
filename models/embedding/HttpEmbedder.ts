import type { Embedder } from './Embedder';
import { EmbedOverloadError, HttpEmbedderError } from './errors';
import { errorMessage } from '../errors/errorMessage';

export interface HttpEmbedderOptions {
  /** The embed server's base URL, e.g. `http://127.0.0.1:8081` (a trailing `/` or `/v1` is fine). */
  url: string;
  /** Bearer token the server wants (`chat-topics embed-server --token`). */
  token?: string;
  /** Longest one HTTP exchange may take, body included, in ms. Default 30,000. */
  timeoutMs?: number;
}

/** What the server says it serves (`GET /v1/models`). */
interface ModelInfo {
  id: string;
  dimension: number;
  executionProvider?: 'cpu' | 'cuda';
  maxInputs: number;
}

/**
 * An {@link Embedder} backed by a remote `chat-topics embed-server` (`POST /v1/embeddings`). {@link start} asks the
 * server what it serves, so `id` and `dimension` are the server's; long lists are split into requests of at most
 * the server's `maxInputs`.
 *
 * Every failure is typed: {@link HttpEmbedderError} (with `status`) for a refused token, an error status, an
 * unreachable server, a timeout, bad JSON or wrong sizes; {@link EmbedOverloadError} for the server's 503, so a
 * caller treats remote and local overload alike.
 *
 * @example
 * const remote = await HttpEmbedder.start({ url: 'http://10.0.0.5:8081', token: process.env.CHAT_TOPICS_EMBED_TOKEN });
 * const [v] = await remote.embed(['salut']);
 */
export class HttpEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  /** The server's ONNX Runtime execution provider, when it says. */
  readonly executionProvider: 'cpu' | 'cuda' | undefined;
  /** Most texts per request, from the server. */
  readonly maxInputs: number;

  private constructor(
    private readonly base: string,
    private readonly options: HttpEmbedderOptions,
    info: ModelInfo,
  ) {
    this.id = info.id;
    this.dimension = info.dimension;
    this.executionProvider = info.executionProvider;
    this.maxInputs = info.maxInputs;
  }

  /**
   * Connects: reads the server's model id, dimension and limits.
   * @throws HttpEmbedderError when the server cannot be reached, refuses the token or answers something else
   */
  static async start(options: HttpEmbedderOptions): Promise<HttpEmbedder> {
    let base: string;
    try {
      const url = new URL(options.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
      base = url.href.replace(/\/+$/, '').replace(/\/v1$/, '');
    } catch {
      throw new HttpEmbedderError('not an http(s) URL', options.url);
    }
    const probe = new HttpEmbedder(base, options, { id: '', dimension: 0, maxInputs: 1 });
    const info = await probe.modelInfo();
    return new HttpEmbedder(base, options, info);
  }

  /**
   * @param signal abandons the request: it then fails with an HttpEmbedderError giving the signal's reason (a pool
   *   abandons the requests of a server that stopped answering its health checks)
   */
  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.maxInputs) {
      out.push(...(await this.embedChunk(texts.slice(start, start + this.maxInputs), signal)));
    }
    return out;
  }

  /**
   * Asks the server what it serves now (`GET /v1/models`), waiting at most `timeoutMs`: a health check.
   * @throws HttpEmbedderError as {@link start}
   */
  async ping(timeoutMs: number): Promise<{ id: string; dimension: number }> {
    const { id, dimension } = await this.modelInfo(timeoutMs);
    return { id, dimension };
  }

  private async modelInfo(timeoutMs?: number): Promise<ModelInfo> {
    const json = (await this.exchange('GET', '/v1/models', undefined, { timeoutMs })) as Partial<ModelInfo> | null;
    const where = `${this.base}/v1/models`;
    if (typeof json?.id !== 'string' || json.id === '')
      throw new HttpEmbedderError('the answer has no model "id"', where);
    if (!Number.isInteger(json.dimension) || json.dimension! < 1)
      throw new HttpEmbedderError('the answer has no positive integer "dimension"', where);
    const maxInputs = Number.isInteger(json.maxInputs) && json.maxInputs! >= 1 ? json.maxInputs! : 256;
    const info: ModelInfo = { id: json.id, dimension: json.dimension!, maxInputs };
    if (json.executionProvider === 'cpu' || json.executionProvider === 'cuda')
      info.executionProvider = json.executionProvider;
    return info;
  }

  /** Nothing to release: each request is its own HTTP exchange. */
  async close(): Promise<void> {}

  private async embedChunk(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const where = `${this.base}/v1/embeddings`;
    const json = (await this.exchange('POST', '/v1/embeddings', { input: texts }, { signal })) as {
      model?: unknown;
      data?: { index?: unknown; embedding?: unknown }[];
    } | null;
    if (json?.model !== this.id) {
      throw new HttpEmbedderError(
        `the server now serves ${JSON.stringify(json?.model)}, not ${this.id}: reconnect before mixing vectors`,
        where,
      );
    }
    if (!Array.isArray(json.data) || json.data.length !== texts.length) {
      throw new HttpEmbedderError(
        `expected "data" with ${texts.length} entries, got ${Array.isArray(json.data) ? json.data.length : typeof json.data}`,
        where,
      );
    }
    const vectors = new Array<Float32Array>(texts.length);
    json.data.forEach((item, i) => {
      const index = item?.index;
      if (
        !Number.isInteger(index) ||
        (index as number) < 0 ||
        (index as number) >= texts.length ||
        vectors[index as number] !== undefined
      ) {
        throw new HttpEmbedderError(`data[${i}].index is missing, out of range or repeated`, where);
      }
      const embedding = item.embedding;
      if (!Array.isArray(embedding) || embedding.length !== this.dimension) {
        throw new HttpEmbedderError(
          `data[${i}].embedding has ${Array.isArray(embedding) ? embedding.length : 'no'} values, expected ${this.dimension}`,
          where,
        );
      }
      if (!embedding.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw new HttpEmbedderError(`data[${i}].embedding holds a non-number`, where);
      vectors[index as number] = Float32Array.from(embedding as number[]);
    });
    return vectors;
  }

  /** One HTTP exchange; the parsed JSON answer of a 2xx, else a typed error. */
  private async exchange(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    limits: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<unknown> {
    const url = this.base + path;
    const timeoutMs = limits.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (err) {
      const name = (err as Error).name;
      if (limits.signal?.aborted && !timeout.aborted)
        throw new HttpEmbedderError(`request abandoned: ${errorMessage(limits.signal.reason)}`, url, undefined, {
          cause: err,
        });
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new HttpEmbedderError(`no answer within ${timeoutMs} ms`, url, undefined, { cause: err });
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new HttpEmbedderError(
        `cannot reach the embed server: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
        url,
        undefined,
        { cause: err },
      );
    }
    if (status === 401) {
      const hint = this.options.token
        ? 'the server refused the bearer token'
        : 'the server wants a bearer token (CHAT_TOPICS_EMBED_TOKEN)';
      throw new HttpEmbedderError(`401 Unauthorized: ${hint}`, url, status);
    }
    if (status === 503) {
      const seconds = Number(retryAfter);
      throw new EmbedOverloadError(
        `${url}: the embed server is overloaded (503)`,
        'queue-full',
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (status < 200 || status > 299) throw new HttpEmbedderError(`HTTP ${status}`, url, status);
      throw new HttpEmbedderError(`HTTP ${status} but the answer is not valid JSON`, url, status);
    }
    if (status < 200 || status > 299) {
      const message = (json as { error?: unknown } | null)?.error;
      throw new HttpEmbedderError(`HTTP ${status}${typeof message === 'string' ? `: ${message}` : ''}`, url, status);
    }
    return json;
  }
}
