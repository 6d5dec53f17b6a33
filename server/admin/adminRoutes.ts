import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  AdminLoginRequestSchema,
  FillMaskRequestSchema,
  HubImportRequestSchema,
  TrainingJobRequestSchema,
  type AdminSession,
} from '../../contracts/training';
import { ChatTopicsError } from '../errors';
import type { Logger } from '../logger';
import { ADMIN_DISABLED_HINT, type AdminAuth, type AdminSessionRecord } from './AdminAuth';
import type { AdminServices } from './AdminDeps';
import { AdminHttpError } from './errors';
import { ADMIN_COOKIE, CSRF_HEADER, isHttps, originMatchesHost, readCookie, remoteAddress, sessionCookie } from './httpSecurity';
import { readJsonBody } from './readJsonBody';

/** The prefix every admin route lives under. */
export const ADMIN_API_PREFIX = '/api/admin/';

const EmptyBodySchema = z.object({}).strict();

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  session: AdminSessionRecord;
  /** Path parameter (`:id`), decoded. */
  param: string;
}

interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path after `/api/admin/`; one capture group at most (the `:id`). */
  pattern: RegExp;
  run(ctx: RouteContext): Promise<unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function available<T>(part: T | null, what: string): T {
  if (part === null) throw new AdminHttpError(503, `${what} is not available on this server`);
  return part;
}

/**
 * Status of an error thrown by the services: ours carry it; errors that name one (`status` or `statusCode`, 4xx)
 * keep it; other typed errors are the request's fault (400); anything else is a bug (500, logged, not leaked).
 */
function statusOf(err: unknown): number {
  if (err instanceof AdminHttpError) return err.status;
  const named = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof named === 'number' && named >= 400 && named < 600) return named;
  const name = (err as Error | null)?.name ?? '';
  if (/^Unknown\w*Error$/.test(name)) return 404;
  if (/Exists\w*Error$/.test(name) || name === 'ModelRegistryError') return 409;
  if (err instanceof ChatTopicsError) return 400;
  if (name === 'HubDownloadError') return 502;
  if (/^(FillMask|ModelFormat|Checkpoint|Tokenizer|Registry|Training)\w*Error$/.test(name)) return 400;
  return 500;
}

/**
 * The admin JSON API under `/api/admin/` (documented in `contracts/training.ts`). Every route but `session` and
 * `login` needs a live session cookie (401 otherwise); every POST also needs the session's CSRF token in
 * `x-csrf-token` and, when the browser sends one, an `Origin` matching the Host (403 otherwise). With no admin
 * password configured every route but `session` answers 403 with how to enable admin.
 *
 * @returns a handler for requests whose path starts with {@link ADMIN_API_PREFIX}
 */
export function createAdminRequestHandler(auth: AdminAuth, services: AdminServices, logger: Logger): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const sessionBody = (session: AdminSessionRecord | null): AdminSession => ({
    enabled: auth.enabled,
    signedIn: session !== null,
    csrfToken: session?.csrfToken ?? null,
    hint: auth.enabled ? null : ADMIN_DISABLED_HINT,
  });
  // One hub import at a time: each downloads hundreds of megabytes.
  let importing: string | null = null;

  const routes: Route[] = [
    { method: 'POST', pattern: /^logout$/, run: async ({ req, res, session }) => {
      await readJsonBody(req, EmptyBodySchema);
      auth.logout(session.id);
      res.setHeader('set-cookie', sessionCookie(null, 0, isHttps(req)));
      return sessionBody(null);
    } },
    { method: 'GET', pattern: /^presets$/, run: async () => services.presets() },
    { method: 'GET', pattern: /^jobs$/, run: async () => available(services.training, 'training').list() },
    { method: 'GET', pattern: /^jobs\/([^/]+)$/, run: async ({ param }) => available(services.training, 'training').detail(param) },
    { method: 'POST', pattern: /^jobs$/, run: async ({ req }) => {
      const request = await readJsonBody(req, TrainingJobRequestSchema);
      return available(services.training, 'training').start(request);
    } },
    { method: 'POST', pattern: /^jobs\/([^/]+)\/cancel$/, run: async ({ req, param }) => {
      await readJsonBody(req, EmptyBodySchema);
      return available(services.training, 'training').cancel(param);
    } },
    { method: 'GET', pattern: /^models$/, run: async () => available(services.registry, 'the model registry').list() },
    { method: 'POST', pattern: /^models\/rollback$/, run: async ({ req }) => {
      await readJsonBody(req, EmptyBodySchema);
      const registry = available(services.registry, 'the model registry');
      await available(services.switcher, 'model switching').rollback();
      return registry.list();
    } },
    { method: 'POST', pattern: /^models\/import$/, run: async ({ req }) => {
      const request = await readJsonBody(req, HubImportRequestSchema);
      const registry = available(services.registry, 'the model registry');
      if (importing !== null) throw new AdminHttpError(409, `an import is already running (${importing}); wait for it to finish`);
      importing = request.repo;
      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'chat-topics-admin-import-'));
      try {
        const dir = await services.hubImport(request, work);
        return await registry.install(dir, { move: true });
      } finally {
        importing = null;
        await fs.rm(work, { recursive: true, force: true });
      }
    } },
    { method: 'POST', pattern: /^models\/([^/]+)\/promote$/, run: async ({ req, param }) => {
      await readJsonBody(req, EmptyBodySchema);
      const registry = available(services.registry, 'the model registry');
      await available(services.switcher, 'model switching').promote(param);
      return registry.list();
    } },
    { method: 'POST', pattern: /^fill-mask$/, run: async ({ req }) => {
      const request = await readJsonBody(req, FillMaskRequestSchema);
      const registry = available(services.registry, 'the model registry');
      const id = request.model ?? registry.activeId();
      if (id === null) throw new AdminHttpError(409, 'no active model: the server embeds with the bag-of-words baseline, which has no MLM head; pick a model version');
      return services.fillMask(registry.resolve(id), request.text, request.top ?? 5);
    } },
  ];

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = url.pathname.slice(ADMIN_API_PREFIX.length);
    const method = req.method ?? 'GET';
    const cookie = readCookie(req.headers.cookie, ADMIN_COOKIE);

    if (route === 'session') {
      if (method !== 'GET') throw new AdminHttpError(405, 'use GET');
      return sendJson(res, 200, sessionBody(auth.session(cookie)));
    }
    if (!auth.enabled) throw new AdminHttpError(403, ADMIN_DISABLED_HINT);
    if (method === 'POST' && !originMatchesHost(req.headers.origin, req.headers.host)) {
      throw new AdminHttpError(403, 'cross-origin request refused (the Origin header does not match this host)');
    }
    if (route === 'login') {
      if (method !== 'POST') throw new AdminHttpError(405, 'use POST');
      const { password } = await readJsonBody(req, AdminLoginRequestSchema);
      const session = await auth.login(password, remoteAddress(req));
      return sendJson(res, 200, sessionBody(session), { 'set-cookie': sessionCookie(session.id, auth.sessionSeconds, isHttps(req)) });
    }

    const session = auth.session(cookie);
    if (session === null) throw new AdminHttpError(401, 'not signed in (or the session expired): sign in to the admin section first');
    const matched = routes.map((r) => ({ r, m: r.pattern.exec(route) })).filter((x) => x.m !== null);
    if (matched.length === 0) throw new AdminHttpError(404, `no admin route ${route}`);
    const hit = matched.find((x) => x.r.method === method);
    if (hit === undefined) throw new AdminHttpError(405, `use ${matched.map((x) => x.r.method).join(' or ')}`);
    if (method === 'POST') {
      const token = req.headers[CSRF_HEADER];
      if (!auth.csrfMatches(session, typeof token === 'string' ? token : undefined)) {
        throw new AdminHttpError(403, `missing or wrong CSRF token: send the session's csrfToken (GET /api/admin/session) as the ${CSRF_HEADER} header`);
      }
    }
    let param = '';
    try {
      param = decodeURIComponent(hit.m![1] ?? '');
    } catch {
      throw new AdminHttpError(400, 'malformed path');
    }
    const result = await hit.r.run({ req, res, session, param });
    sendJson(res, 200, result ?? null);
  };

  return async (req, res, url) => {
    try {
      await serve(req, res, url);
    } catch (err) {
      const status = statusOf(err);
      if (status >= 500 && status !== 502 && status !== 503) logger.error({ err, url: req.url }, 'admin request failed');
      else logger.info({ url: req.url, status, error: (err as Error).message }, 'admin request refused');
      if (res.headersSent) return void res.end();
      // The body may be unread (refused before reading): drain it so the connection can be reused.
      req.resume();
      const headers: Record<string, string> = {};
      const wait = /try again in (\d+) s/.exec((err as Error).message);
      if (status === 429 && wait) headers['retry-after'] = wait[1]!;
      sendJson(res, status, { error: status === 500 ? 'internal error (see the server log)' : (err as Error).message }, headers);
    }
  };
}
