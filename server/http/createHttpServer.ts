import http from 'node:http';
import type { PublicConfig } from '../../contracts/socket-events';
import type { Logger } from '../logger';
import { handleImport, type ImportRouteDeps } from './importRoute';
import type { RequestHandler } from './nextApp';

/**
 * The one HTTP server: our small JSON API under `/api/`, everything else to Next. socket.io attaches itself to
 * the same server for `/socket.io/`.
 */
export function createHttpServer(deps: {
  next: RequestHandler;
  importDeps: ImportRouteDeps;
  publicConfig: PublicConfig;
  logger: Logger;
}): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (p: Promise<void>) =>
      p.catch((err) => {
        deps.logger.error({ err, url: req.url }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    if (url.pathname === '/api/import') return done(handleImport(req, res, url, deps.importDeps));
    if (url.pathname === '/api/config') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(deps.publicConfig));
      return;
    }
    done(deps.next(req, res));
  });
}
