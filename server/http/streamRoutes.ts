import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  EmptyBodySchema,
  StartAnalysisBodySchema,
  streamApi,
  type AnyRoute,
  type ApiError,
  type RouteResponse,
} from '../../contracts/http';
import { readJsonBody } from '../admin/readJsonBody';
import type { AnalysisJobs } from '../analysis/jobs/AnalysisJobs';
import type { AnalysisSearch } from '../analysis/search/AnalysisSearch';
import type { AnalysisStore } from '../analysis/store/AnalysisStore';
import { CorruptStoredAnalysisError } from '../analysis/store/errors';
import type { Archive } from '../archive/Archive';
import { ChatTopicsError } from '../errors';
import { HttpStatusError, httpStatusOf } from '../httpStatus';
import type { Logger } from '../logger';
import { coded, internalMessage, serverMessageOf } from '../serverMessage';
import { readQuery } from './readQuery';

export interface StreamRoutesDeps {
  archive: Pick<Archive, 'getStream'>;
  store: AnalysisStore;
  jobs: AnalysisJobs;
  search: AnalysisSearch;
  logger: Logger;
}

/** A route of the workspace API with the pattern its path matches (one capture group per `:name`). */
interface Bound {
  route: AnyRoute;
  pattern: RegExp;
  names: string[];
}

function bind(route: AnyRoute): Bound {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const ROUTES = Object.values(streamApi).map(bind);
/** Routes that change state: they need the operator token, like imports (see `OriginPolicy`). */
const ACTIONS = new Set<AnyRoute>([streamApi.startAnalysis, streamApi.cancelJob]);

/** Whether a path belongs to the workspace API (whatever the method). */
export function isStreamApiPath(pathname: string): boolean {
  return ROUTES.some((b) => b.pattern.test(pathname));
}

/** Whether a request starts or cancels an analysis: the HTTP server asks for the operator token on these. */
export function isStreamApiAction(method: string | undefined, pathname: string): boolean {
  return ROUTES.some((b) => ACTIONS.has(b.route) && b.route.method === method && b.pattern.test(pathname));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A query parameter the route's schema refuses: 400 naming it. */
function queryError(err: z.ZodError): HttpStatusError {
  const issues = err.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
  return new HttpStatusError(400, `invalid query: ${issues.join('; ')}`);
}

/**
 * The analyst's workspace API (`contracts/http/streamRoutes.ts`): stored analyses of a stream, background analysis
 * jobs, search. Starting and cancelling need the operator token, which the HTTP server checks before this runs
 * ({@link isStreamApiAction}). Errors answer `{ error }` with their kind's status: 400 bad input (naming the field),
 * 404 unknown stream, analysis or job, 409 the same analysis already running or no vectors to search by meaning,
 * 500 a corrupt stored file (named).
 *
 * @returns a handler for requests whose path {@link isStreamApiPath} accepts
 * @example if (isStreamApiPath(url.pathname)) return handleStreams(req, res, url);
 */
export function createStreamRequestHandler(
  deps: StreamRoutesDeps,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const requireStream = (id: string): void => {
    if (!deps.archive.getStream(id))
      throw new HttpStatusError(404, `no archived stream "${id}"`, {
        code: 'stream.unknown',
        params: { streamId: id },
      });
  };

  const handlers = new Map<AnyRoute, (req: IncomingMessage, url: URL, params: Record<string, string>) => unknown>([
    [
      streamApi.analyses,
      (_req, _url, { id }): RouteResponse<typeof streamApi.analyses> => {
        requireStream(id!);
        const { analyses, problems } = deps.store.list(id!);
        for (const problem of problems) deps.logger.warn({ file: problem.file }, problem.message);
        return { analyses, jobs: deps.jobs.list(id!) };
      },
    ],
    [
      streamApi.startAnalysis,
      async (req, _url, { id }): Promise<RouteResponse<typeof streamApi.startAnalysis>> => {
        requireStream(id!);
        const body = await readJsonBody(req, StartAnalysisBodySchema);
        return deps.jobs.start(id!, body);
      },
    ],
    [
      streamApi.analysis,
      (_req, _url, { id, key }): string => {
        requireStream(id!);
        // Sent as stored (validated once): no second serialisation of a document of megabytes.
        return deps.store.documentText(id!, key!);
      },
    ],
    [
      streamApi.search,
      async (_req, url, { id, key }): Promise<RouteResponse<typeof streamApi.search>> => {
        requireStream(id!);
        let query;
        try {
          query = readQuery(streamApi.search, url);
        } catch (err) {
          throw err instanceof z.ZodError ? queryError(err) : err;
        }
        return deps.search.search(id!, key!, query);
      },
    ],
    [streamApi.job, (_req, _url, { id }): RouteResponse<typeof streamApi.job> => deps.jobs.get(id!)],
    [
      streamApi.cancelJob,
      async (req, _url, { id }): Promise<RouteResponse<typeof streamApi.cancelJob>> => {
        await readJsonBody(req, EmptyBodySchema);
        return deps.jobs.cancel(id!);
      },
    ],
  ]);

  return async (req, res, url) => {
    try {
      const matching = ROUTES.filter((b) => b.pattern.test(url.pathname));
      const bound = matching.find((b) => b.route.method === req.method);
      if (!bound) {
        req.resume();
        if (matching.length === 0) throw new HttpStatusError(404, `no route ${url.pathname}`);
        res.setHeader('allow', [...new Set(matching.map((b) => b.route.method))].join(', '));
        throw new HttpStatusError(405, `use ${matching.map((b) => b.route.method).join(' or ')} on ${url.pathname}`);
      }
      const values = bound.pattern.exec(url.pathname)!.slice(1);
      const params: Record<string, string> = {};
      bound.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(values[i]!);
        } catch {
          throw new HttpStatusError(400, `path parameter ${name} is not valid URL encoding`);
        }
      });
      const answer = await handlers.get(bound.route)!(req, url, params);
      send(res, 200, answer);
    } catch (err) {
      const status = httpStatusOf(err);
      // A corrupt stored file is no secret and the operator needs its name to fix it.
      if (status < 500 || err instanceof CorruptStoredAnalysisError) {
        if (status >= 500) deps.logger.error({ err, url: url.pathname }, 'stored analysis unreadable');
        const body = err instanceof ChatTopicsError ? serverMessageOf(err) : coded((err as Error).message);
        return send(res, status, body satisfies ApiError);
      }
      deps.logger.error({ err, url: url.pathname }, 'workspace request failed');
      send(
        res,
        status,
        (err instanceof ChatTopicsError
          ? serverMessageOf(err)
          : internalMessage('request failed (see the server log)')) satisfies ApiError,
      );
    }
  };
}
