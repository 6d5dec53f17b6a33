import type { Embedder } from './Embedder';
import { EmbedOverloadError, HttpEmbedderError } from './errors';
import { HttpEmbedder } from './HttpEmbedder';
import { errorMessage } from '../errors/errorMessage';

export interface HttpEmbedderPoolOptions {
  /** The embed servers' base URLs; every one must serve the same model. */
  urls: readonly string[];
  /** Bearer token the servers want (one for all). */
  token?: string;
  /** Longest one HTTP exchange may take, in ms. Default 30,000. */
  timeoutMs?: number;
  /**
   * How often every server is asked whether it serves (`GET /v1/models`), in ms: one out of the pool to take it
   * back, one in it to find it hung. Default 5,000.
   */
  healthIntervalMs?: number;
  /**
   * Longest a server in the pool may take to answer its health check, in ms. Default 5,000. One that does not
   * answer in time leaves the pool and its requests in flight go to the others at once, rather than after
   * `timeoutMs`: a hung server (a frozen process, a lost host) would otherwise hold them that long.
   */
  probeTimeoutMs?: number;
  /**
   * Told each time a server leaves the pool (with why) or comes back: a failover is otherwise invisible but for the
   * stall it may cause (the server logs it).
   */
  onMemberChange?: (change: PoolMemberChange) => void;
}

/** A server leaving the pool (`healthy` false, with the reason) or coming back (`healthy` true, reason null). */
export interface PoolMemberChange {
  url: string;
  healthy: boolean;
  reason: string | null;
}

/** One server of the pool, as `status()` reports it. */
export interface PoolMemberStatus {
  url: string;
  /** Takes requests now. */
  healthy: boolean;
  /** Requests it is answering. */
  inFlight: number;
  /** Why it left the pool (the last failure), while it is out. */
  lastError: string | null;
}

interface Member {
  url: string;
  remote: HttpEmbedder | null;
  healthy: boolean;
  inFlight: number;
  lastError: string | null;
  /** One per request in flight: aborting them sends those requests to the other servers. */
  requests: Set<AbortController>;
}

/**
 * Several embed servers (`chat-topics embed-server`, e.g. one per GPU) behind one {@link Embedder}: each request goes
 * to the healthy server with the fewest requests in flight. A server that cannot be reached, times out, answers a
 * 5xx other than 503, or starts serving another model leaves the pool and its request goes to the next one; every
 * `healthIntervalMs` the servers out of the pool are asked again and rejoin once they serve the pool's model, and
 * those in it are asked too: one that does not answer within `probeTimeoutMs` (hung) leaves the pool with its
 * requests in flight, which go to the others. A 503
 * (overloaded) sends the request to another server without dropping this one; only when every server is overloaded
 * (or none is left) does `embed` fail. All servers must serve one model (vectors of two models never mix): a server
 * that serves another is refused at start and kept out later.
 *
 * @example
 * const pool = await HttpEmbedderPool.start({ urls: ['http://gpu1:8081', 'http://gpu2:8081'], token });
 * const [v] = await pool.embed(['salut']);
 */
export class HttpEmbedderPool implements Embedder {
  readonly id: string;
  readonly dimension: number;
  /** The servers' ONNX Runtime execution provider, when the first one to answer says. */
  readonly executionProvider: 'cpu' | 'cuda' | undefined;
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  private constructor(
    private readonly options: HttpEmbedderPoolOptions,
    private readonly members: Member[],
    first: HttpEmbedder,
  ) {
    this.id = first.id;
    this.dimension = first.dimension;
    this.executionProvider = first.executionProvider;
    this.timer = setInterval(() => void this.checkMembers(), options.healthIntervalMs ?? 5000);
    this.timer.unref();
  }

  /**
   * Connects to every server at once; those that answer form the pool, the others join when they do.
   * @throws HttpEmbedderError when no server answers (each one's reason listed), or when two serve different models
   */
  static async start(options: HttpEmbedderPoolOptions): Promise<HttpEmbedderPool> {
    if (options.urls.length === 0) throw new HttpEmbedderError('no embed server given', '(empty pool)');
    const connected = await Promise.allSettled(options.urls.map((url) => connect(options, url)));
    const members: Member[] = connected.map((result, i) => ({
      url: options.urls[i]!,
      remote: result.status === 'fulfilled' ? result.value : null,
      healthy: result.status === 'fulfilled',
      inFlight: 0,
      lastError: result.status === 'rejected' ? errorMessage(result.reason) : null,
      requests: new Set<AbortController>(),
    }));
    const up = members.filter((m) => m.remote !== null);
    if (up.length === 0) {
      const reasons = members.map((m) => m.lastError).join('; ');
      throw new HttpEmbedderError(`no embed server of the pool answers (${reasons})`, options.urls.join(', '));
    }
    const first = up[0]!;
    for (const other of up.slice(1)) {
      const mismatch = modelMismatch(other.remote!, first.remote!);
      if (mismatch) throw new HttpEmbedderError(`${mismatch}, like ${first.url}: a pool serves one model`, other.url);
    }
    return new HttpEmbedderPool(options, members, first.remote!);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    // Chunks small enough for every server, each sent on its own so that a long list spreads over the pool.
    const chunkSize = Math.min(...this.members.flatMap((m) => (m.remote ? [m.remote.maxInputs] : [])));
    const chunks: Promise<Float32Array[]>[] = [];
    for (let start = 0; start < texts.length; start += chunkSize)
      chunks.push(this.embedChunk(texts.slice(start, start + chunkSize)));
    return (await Promise.all(chunks)).flat();
  }

  /** Each server: in the pool or not, its load, and why it left. */
  status(): PoolMemberStatus[] {
    return this.members.map(({ url, healthy, inFlight, lastError }) => ({ url, healthy, inFlight, lastError }));
  }

  /** Stops the health checks (each request is its own HTTP exchange: nothing else to release). */
  async close(): Promise<void> {
    clearInterval(this.timer);
  }

  /** One chunk on the least busy server, then on the next after a failure, until one answers or none is left. */
  private async embedChunk(texts: readonly string[]): Promise<Float32Array[]> {
    const tried = new Set<Member>();
    let overload: EmbedOverloadError | null = null;
    for (;;) {
      const member = this.members.filter((m) => m.healthy && !tried.has(m)).sort((a, b) => a.inFlight - b.inFlight)[0];
      if (member === undefined) {
        if (overload) throw overload;
        const reasons = this.members.map((m) => `${m.url}: ${m.lastError ?? 'busy'}`).join('; ');
        throw new HttpEmbedderError(
          `no embed server of the pool can answer (${reasons})`,
          this.options.urls.join(', '),
        );
      }
      tried.add(member);
      member.inFlight++;
      const request = new AbortController();
      member.requests.add(request);
      try {
        return await member.remote!.embed(texts, request.signal);
      } catch (err) {
        // Abandoned because the server left the pool (a failed health check): on to the next one.
        if (request.signal.aborted) continue;
        if (err instanceof EmbedOverloadError) {
          overload = err;
          continue;
        }
        if (!(err instanceof HttpEmbedderError) || !leavesPool(err)) throw err;
        this.leave(member, err.message);
      } finally {
        member.inFlight--;
        member.requests.delete(request);
      }
    }
  }

  /**
   * Asks every server whether it serves the pool's model: those out of the pool to take them back, those in it to
   * find one that hung.
   */
  private async checkMembers(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await Promise.all(this.members.map((member) => (member.healthy ? this.probe(member) : this.reconnect(member))));
    } finally {
      this.checking = false;
    }
  }

  private async reconnect(member: Member): Promise<void> {
    try {
      const remote = await connect(this.options, member.url);
      const mismatch = modelMismatch(remote, this);
      if (mismatch) {
        member.lastError = mismatch;
        return;
      }
      member.remote = remote;
      member.healthy = true;
      member.lastError = null;
      this.options.onMemberChange?.({ url: member.url, healthy: true, reason: null });
    } catch (err) {
      member.lastError = errorMessage(err);
    }
  }

  /** A server in the pool that does not answer in time, or serves another model now, leaves it with its requests. */
  private async probe(member: Member): Promise<void> {
    const timeoutMs = this.options.probeTimeoutMs ?? 5000;
    let why: string | null;
    try {
      why = modelMismatch(await member.remote!.ping(timeoutMs), this);
    } catch (err) {
      // A refusal (4xx) is the request's fault, not the server's health: the requests themselves will tell.
      if (err instanceof HttpEmbedderError && !leavesPool(err)) return;
      why = errorMessage(err);
    }
    if (why === null || !member.healthy) return;
    this.leave(member, `health check: ${why}`);
    for (const request of member.requests) request.abort(new Error(`${member.url} left the pool (${why})`));
  }

  private leave(member: Member, reason: string): void {
    const was = member.healthy;
    member.healthy = false;
    member.lastError = reason;
    if (was) this.options.onMemberChange?.({ url: member.url, healthy: false, reason });
  }
}

const connect = (options: HttpEmbedderPoolOptions, url: string) =>
  HttpEmbedder.start({
    url,
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });

/** Why `remote` cannot join a pool of `pool`'s model, or null when it can. */
function modelMismatch(
  remote: { id: string; dimension: number },
  pool: { id: string; dimension: number },
): string | null {
  if (remote.id === pool.id && remote.dimension === pool.dimension) return null;
  return `serves ${remote.id} (${remote.dimension}-d), not ${pool.id} (${pool.dimension}-d)`;
}

/**
 * Whether a failure says the server is unwell (unreachable, timed out, a 5xx, an answer that does not parse or does
 * not fit, another model now), not that the request was wrong: a 4xx (a refused token, a bad request) would fail on
 * every server alike.
 */
function leavesPool(err: HttpEmbedderError): boolean {
  return err.status === undefined || err.status < 400 || err.status >= 500;
}
