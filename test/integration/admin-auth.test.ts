// The admin section's locks end to end: real server (no UI build), real HTTP requests and socket.io clients.
// Every admin route refuses without a session and every POST without the session's CSRF token; the /admin
// namespace refuses without both; wrong passwords are refused and rate-limited; without a password, all is locked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSession, ModelVersionInfo } from '../../contracts/training';
import { importTinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { waitFor } from '../support/waitFor';

const PASSWORD = 'correct horse battery';
const GET_ROUTES = ['presets', 'jobs', 'jobs/job-1', 'models'];
const POST_ROUTES = [
  'logout',
  'jobs',
  'jobs/job-1/cancel',
  'models/m%401/promote',
  'models/rollback',
  'models/import',
  'fill-mask',
];

let dir: string;
let server: RunningServer;
let locked: RunningServer;
const sockets: Socket[] = [];

async function start(dataDir: string, extra: Record<string, unknown>): Promise<RunningServer> {
  const config = loadConfig({ port: 0, dataDir, demo: false, topics: false, ...extra }, {} as NodeJS.ProcessEnv);
  return startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200).end('ui'),
  });
}

function api(
  base: string,
  method: 'GET' | 'POST',
  route: string,
  headers: Record<string, string> = {},
  body: unknown = method === 'POST' ? {} : undefined,
) {
  return fetch(`${base}/api/admin/${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function login(
  password = PASSWORD,
): Promise<{ status: number; cookie: string; session: AdminSession | null; csrf: string; setCookie: string }> {
  const res = await api(server.url, 'POST', 'login', {}, { password });
  const setCookie = res.headers.getSetCookie()[0] ?? '';
  const session = res.ok ? ((await res.json()) as AdminSession) : null;
  return { status: res.status, cookie: setCookie.split(';')[0]!, setCookie, session, csrf: session?.csrfToken ?? '' };
}

/** Resolves with `connect` or the `connect_error` message. */
function adminSocket(
  headers: Record<string, string>,
  auth: Record<string, string>,
): Promise<{ socket: Socket; outcome: string }> {
  const socket = connect(`${server.url}/admin`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
    auth,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, outcome: 'connected' }));
    socket.once('connect_error', (err) => resolve({ socket, outcome: err.message }));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-admin-'));
  server = await start(path.join(dir, 'open'), { adminPassword: PASSWORD });
  locked = await start(path.join(dir, 'locked'), {});
});

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server?.close();
  await locked?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin section locks', () => {
  it('refuses every route but session and login without a session (401)', async () => {
    for (const route of GET_ROUTES) expect([route, (await api(server.url, 'GET', route)).status]).toEqual([route, 401]);
    for (const route of POST_ROUTES)
      expect([route, (await api(server.url, 'POST', route)).status]).toEqual([route, 401]);
    const forged = await api(server.url, 'GET', 'models', { cookie: 'ct_admin=' + 'A'.repeat(43) });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toMatch(/not signed in/);
    const session = (await (await api(server.url, 'GET', 'session')).json()) as AdminSession;
    expect(session).toEqual({ enabled: true, signedIn: false, csrfToken: null, hint: null });
  });

  it('signs in: an HttpOnly SameSite=Strict cookie, the session with its CSRF token', async () => {
    const { status, setCookie, cookie, session, csrf } = await login();
    expect(status).toBe(200);
    expect(setCookie).toMatch(/^ct_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(session).toMatchObject({ enabled: true, signedIn: true, hint: null });
    const again = (await (await api(server.url, 'GET', 'session', { cookie })).json()) as AdminSession;
    expect(again.csrfToken).toBe(csrf);
    expect(csrf.length).toBeGreaterThan(20);
    for (const route of ['presets', 'jobs', 'models'])
      expect((await api(server.url, 'GET', route, { cookie })).status).not.toBe(401);
  });

  it('refuses every POST with a session but a missing or wrong CSRF token, or a foreign Origin (403)', async () => {
    const { cookie, csrf } = await login();
    for (const route of POST_ROUTES) {
      expect([route, (await api(server.url, 'POST', route, { cookie })).status]).toEqual([route, 403]);
      expect([route, (await api(server.url, 'POST', route, { cookie, 'x-csrf-token': 'wrong' })).status]).toEqual([
        route,
        403,
      ]);
    }
    const foreign = await api(server.url, 'POST', 'jobs', {
      cookie,
      'x-csrf-token': csrf,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/not this dashboard/);
    // Another session's token does not pass either.
    const other = await login();
    expect((await api(server.url, 'POST', 'jobs', { cookie, 'x-csrf-token': other.csrf })).status).toBe(403);
  });

  it('lets a POST with the token through to its handler, and logout ends the session', async () => {
    const { cookie, csrf } = await login();
    const headers = { cookie, 'x-csrf-token': csrf, origin: server.url };
    // Past the locks, the body is validated (400), not refused (401/403).
    const invalid = await api(server.url, 'POST', 'jobs', headers, { preset: '' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/invalid request body: preset/);

    const { socket, outcome } = await adminSocket({ cookie }, { csrfToken: csrf });
    expect(outcome).toBe('connected');
    const out = await api(server.url, 'POST', 'logout', headers);
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^ct_admin=; .*Max-Age=0/);
    expect((await api(server.url, 'GET', 'jobs', { cookie })).status).toBe(401);
    expect((await api(server.url, 'POST', 'logout', headers)).status).toBe(401);
    await waitFor(() => !socket.connected, 'the admin socket dropped at logout');
  });

  it('refuses /admin socket connections without a session cookie or with a bad CSRF token', async () => {
    const { cookie, csrf } = await login();
    expect((await adminSocket({}, {})).outcome).toMatch(/not signed in/);
    expect((await adminSocket({}, { csrfToken: csrf })).outcome).toMatch(/not signed in/);
    expect((await adminSocket({ cookie }, {})).outcome).toMatch(/CSRF/);
    expect((await adminSocket({ cookie }, { csrfToken: 'wrong' })).outcome).toMatch(/CSRF/);
    // A foreign origin is refused at the handshake, before any namespace (OriginPolicy).
    expect((await adminSocket({ cookie, origin: 'https://evil.example' }, { csrfToken: csrf })).outcome).toMatch(
      /websocket error/,
    );
    const { socket, outcome } = await adminSocket({ cookie }, { csrfToken: csrf });
    expect(outcome).toBe('connected');
    // Once in, it hears registry changes: a model installed now is announced.
    const updates: ModelVersionInfo[][] = [];
    socket.on('models:update', (models: ModelVersionInfo[]) => updates.push(models));
    const tiny = importTinyModels();
    try {
      server.registry.install(tiny.withTokenizer);
    } finally {
      tiny.remove();
    }
    await waitFor(
      () => updates.some((m) => m.some((v) => v.id.startsWith('tiny@'))),
      'models:update with the installed model',
    );
  });

  // Last: it locks this test's address out of sign-in for a minute.
  it('refuses a wrong password (401) and evaluates only 5 of 40 parallel guesses, then rate-limits the address (429) even for the right one', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await login('wrong password!')).status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const res = await api(server.url, 'POST', 'login', {}, { password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: string }).error).toMatch(/too many sign-in attempts/);
  });
});

describe('admin section without a password', () => {
  it('answers 403 with how to enable it on every route, and says so in the session', async () => {
    const session = (await (await api(locked.url, 'GET', 'session')).json()) as AdminSession;
    expect(session).toMatchObject({ enabled: false, signedIn: false, csrfToken: null });
    expect(session.hint).toMatch(/--admin-password/);
    const routes: ['GET' | 'POST', string][] = [
      ['POST', 'login'],
      ...GET_ROUTES.map((r): ['GET', string] => ['GET', r]),
      ...POST_ROUTES.map((r): ['POST', string] => ['POST', r]),
    ];
    for (const [method, route] of routes) {
      const res = await api(locked.url, method, route, {}, method === 'POST' ? { password: PASSWORD } : undefined);
      expect([route, res.status]).toEqual([route, 403]);
      expect(((await res.json()) as { error: string }).error).toMatch(/CHAT_TOPICS_ADMIN_PASSWORD/);
    }
    const socket = connect(`${locked.url}/admin`, { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const message = await new Promise<string>((resolve) => socket.once('connect_error', (err) => resolve(err.message)));
    expect(message).toMatch(/locked/);
  });
});
