import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_API_PREFIX, adminApi, type RouteResponse } from '../../contracts/http';
import { httpStatusOf } from '../httpStatus';
import { ChatTopicsError } from '../errors';
import type { Logger } from '../logger';
import { coded, internalMessage, serverMessageOf } from '../serverMessage';
import { ADMIN_DISABLED_HINT, type AdminAuth, type AdminSessionRecord } from './AdminAuth';
import type { AdminServices } from './AdminDeps';
import { routeBinder, type BoundRoute } from './boundRoute';
import { AdminHttpError } from './errors';
import {
  ADMIN_COOKIE,
  CSRF_HEADER,
  isHttps,
  originMatchesHost,
  readCookie,
  remoteAddress,
  sessionCookie,
} from './httpSecurity';
import { readJsonBody } from './readJsonBody';

export { ADMIN_API_PREFIX };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function available<T>(part: T | null, what: string): T {
  if (part === null) throw new AdminHttpError(503, `${what} is not available on this server`);
  return part;
}

/**
 * The admin JSON API under `/api/admin/` (each route defined in `contracts/http/adminRoutes.ts`). Every route but `session` and
 * `login` needs a live session cookie (401 otherwise); every POST also needs the session's CSRF token in
 * `x-csrf-token` and, when the browser sends one, an `Origin` matching the Host (403 otherwise). With no admin
 * password configured every route but `session` answers 403 with how to enable admin.
 *
 * @returns a handler for requests whose path starts with {@link ADMIN_API_PREFIX}
 */
export function createAdminRequestHandler(
  auth: AdminAuth,
  services: AdminServices,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const sessionBody = (session: AdminSessionRecord | null): RouteResponse<typeof adminApi.session> => ({
    enabled: auth.enabled,
    signedIn: session !== null,
    csrfToken: session?.csrfToken ?? null,
    hint: auth.enabled ? null : ADMIN_DISABLED_HINT,
  });
  // One hub import at a time: each downloads hundreds of megabytes.
  let importing: string | null = null;

  const bind = routeBinder(ADMIN_API_PREFIX);
  // Bodies are read and validated (the route's schema) before a handler runs.
  const routes: BoundRoute[] = [
    bind(adminApi.logout, async ({ req, res, session }) => {
      auth.logout(session.id);
      res.setHeader('set-cookie', sessionCookie(null, 0, isHttps(req)));
      return sessionBody(null);
    }),
    bind(adminApi.presets, async () => services.presets()),
    bind(adminApi.jobs, async () => available(services.training, 'training').list()),
    bind(adminApi.job, async ({ params }) => available(services.training, 'training').detail(params.id)),
    bind(adminApi.startJob, async ({ body }) => available(services.training, 'training').start(body)),
    bind(adminApi.cancelJob, async ({ params }) => available(services.training, 'training').cancel(params.id)),
    bind(adminApi.models, async () => available(services.registry, 'the model registry').list()),
    bind(adminApi.rollback, async () => {
      const registry = available(services.registry, 'the model registry');
      await available(services.switcher, 'model switching').rollback();
      return registry.list();
    }),
    bind(adminApi.importModel, async ({ body: request }) => {
      const registry = available(services.registry, 'the model registry');
      if (importing !== null)
        throw new AdminHttpError(409, `an import is already running (${importing}); wait for it to finish`, {
          code: 'admin.import-running',
          params: { repo: importing },
        });
      importing = request.repo;
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'chat-topics-admin-import-'));
      try {
        const dir = await services.hubImport(request, work);
        return await registry.install(dir, { move: true });
      } finally {
        importing = null;
        await fs.rm(work, { recursive: true, force: true });
      }
    }),
    bind(adminApi.promote, async ({ params }) => {
      const registry = available(services.registry, 'the model registry');
      await available(services.switcher, 'model switching').promote(params.id);
      return registry.list();
    }),
    bind(adminApi.fillMask, async ({ body: request }) => {
      const registry = available(services.registry, 'the model registry');
      const id = request.model ?? registry.activeId();
      if (id === null)
        throw new AdminHttpError(
          409,
          'no active model: the server embeds with the bag-of-words baseline, which has no MLM head; pick a model version',
        );
      return services.fillMask(registry.resolve(id), request.text, request.top ?? 5);
    }),
  ];

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = url.pathname.slice(ADMIN_API_PREFIX.length);
    const method = req.method ?? 'GET';
    const cookie = readCookie(req.headers.cookie, ADMIN_COOKIE);

    if (route === adminApi.session.path.slice(ADMIN_API_PREFIX.length)) {
      if (method !== 'GET') throw new AdminHttpError(405, 'use GET');
      return sendJson(res, 200, sessionBody(auth.session(cookie)));
    }
    if (!auth.enabled) throw new AdminHttpError(403, ADMIN_DISABLED_HINT, { code: 'admin.disabled' });
    if (method === 'POST' && !originMatchesHost(req.headers.origin, req.headers.host)) {
      throw new AdminHttpError(403, 'cross-origin request refused (the Origin header does not match this host)');
    }
    if (route === adminApi.login.path.slice(ADMIN_API_PREFIX.length)) {
      if (method !== 'POST') throw new AdminHttpError(405, 'use POST');
      const { password } = await readJsonBody(req, adminApi.login.body);
      const session = await auth.login(password, remoteAddress(req));
      return sendJson(res, 200, sessionBody(session), {
        'set-cookie': sessionCookie(session.id, auth.sessionSeconds, isHttps(req)),
      });
    }

    const session = auth.session(cookie);
    if (session === null)
      throw new AdminHttpError(401, 'not signed in (or the session expired): sign in to the admin section first', {
        code: 'admin.signed-out',
      });
    const matched = routes.map((r) => ({ r, m: r.pattern.exec(route) })).filter((x) => x.m !== null);
    if (matched.length === 0) throw new AdminHttpError(404, `no admin route ${route}`);
    const hit = matched.find((x) => x.r.route.method === method);
    if (hit === undefined) throw new AdminHttpError(405, `use ${matched.map((x) => x.r.route.method).join(' or ')}`);
    if (method === 'POST') {
      const token = req.headers[CSRF_HEADER];
      if (!auth.csrfMatches(session, typeof token === 'string' ? token : undefined)) {
        throw new AdminHttpError(
          403,
          `missing or wrong CSRF token: send the session's csrfToken (GET /api/admin/session) as the ${CSRF_HEADER} header`,
        );
      }
    }
    const params: Record<string, string> = {};
    try {
      hit.r.names.forEach((name, i) => (params[name] = decodeURIComponent(hit.m![i + 1] ?? '')));
    } catch {
      throw new AdminHttpError(400, 'malformed path');
    }
    const schema = hit.r.route.body;
    const body: unknown = schema !== null && schema !== 'raw' ? await readJsonBody(req, schema) : undefined;
    const result = await hit.r.run({ req, res, session, params, body });
    sendJson(res, 200, result ?? null);
  };

  return async (req, res, url) => {
    try {
      await serve(req, res, url);
    } catch (err) {
      // By kind (server/httpStatus.ts): a renamed or new error class cannot change what the client sees.
      const status = httpStatusOf(err);
      if (status >= 500 && status !== 502 && status !== 503)
        logger.error({ err, url: req.url }, 'admin request failed');
      else logger.info({ url: req.url, status, error: (err as Error).message }, 'admin request refused');
      if (res.headersSent) return void res.end();
      // The body may be unread (refused before reading): drain it so the connection can be reused.
      req.resume();
      const headers: Record<string, string> = {};
      const wait = /try again in (\d+) s/.exec((err as Error).message);
      if (status === 429 && wait) headers['retry-after'] = wait[1]!;
      const body =
        status === 500
          ? internalMessage()
          : err instanceof ChatTopicsError
            ? serverMessageOf(err)
            : coded((err as Error).message);
      sendJson(res, status, body, headers);
    }
  };
}
