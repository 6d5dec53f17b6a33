import http from 'node:http';
import { ADMIN_API_PREFIX, configRoute, importRoute, type ApiError, type RouteResponse } from '../../contracts/http';
import type { Logger } from '../logger';
import { serverMessageOf } from '../serverMessage';
import type { AdminSection } from '../admin/createAdmin';
import { handleImport, type ImportRouteDeps } from './importRoute';
import { ForbiddenRequestError, type OriginPolicy } from './OriginPolicy';
import { isStreamApiAction, isStreamApiPath } from './streamRoutes';
import type { RequestHandler } from './nextApp';

/**
 * The one HTTP server: our small JSON API under `/api/`, everything else to Next. socket.io attaches itself to
 * the same server for `/socket.io/`.
 */
export function createHttpServer(deps: {
  next: RequestHandler;
  importDeps: ImportRouteDeps;
  /** What `/api/config` answers, computed per request (the embedder changes; the operator token goes to operators only). */
  publicConfig: (req: http.IncomingMessage) => RouteResponse<typeof configRoute>;
  logger: Logger;
  /** Which hosts, origins and tokens may reach and drive the server. */
  origins: OriginPolicy;
  /** The admin section's API (`/api/admin/...`); without it those paths answer 404. */
  admin?: Pick<AdminSection, 'handle'>;
  /** The analyst's workspace API (`createStreamRequestHandler`); without it those paths go to Next (404). */
  streams?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>;
}): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (p: Promise<void>) =>
      p.catch((err) => {
        deps.logger.error({ err, url: req.url }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    try {
      // Every request names a host we serve (DNS rebinding); imports and analysis jobs also need this origin and the
      // operator token.
      deps.origins.checkRequest(req.headers, {
        stateChanging:
          (url.pathname === importRoute.path && req.method === importRoute.method) ||
          isStreamApiAction(req.method, url.pathname),
      });
    } catch (err) {
      if (!(err instanceof ForbiddenRequestError)) throw err;
      deps.logger.warn(
        { method: req.method, path: url.pathname, host: req.headers.host, origin: req.headers.origin },
        `request refused: ${err.message}`,
      );
      req.resume();
      res
        .writeHead(err.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' })
        .end(JSON.stringify(serverMessageOf(err) satisfies ApiError));
      return;
    }
    if (url.pathname.startsWith(ADMIN_API_PREFIX)) {
      if (deps.admin) return done(deps.admin.handle(req, res, url));
      res
        .writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ error: 'no admin section on this server' } satisfies ApiError));
      return;
    }
    if (url.pathname === importRoute.path) return done(handleImport(req, res, url, deps.importDeps));
    if (deps.streams && isStreamApiPath(url.pathname)) return done(deps.streams(req, res, url));
    if (url.pathname === configRoute.path) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(deps.publicConfig(req)));
      return;
    }
    done(deps.next(req, res));
  });
}
