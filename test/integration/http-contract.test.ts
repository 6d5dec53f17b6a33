// The HTTP contract (contracts/http) against a real server: what the routes actually answer, success and error
// bodies alike, passes the routes' zod schemas, and the dashboard's one fetch helper (app/lib/api.ts) reads them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiCallError, callApi } from '../../app/lib/api';
import { adminApi, ApiErrorSchema, configRoute, importRoute, routeUrl, type AnyRoute } from '../../contracts/http';
import { importTinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';

const PASSWORD = 'correct horse battery';
let dir: string;
let server: RunningServer;

/** The schema's complaints about a body (none when it conforms), readable in a failed assertion. */
function issues(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** One request by hand (no helper in between): the status and the JSON the server sent. */
async function raw(
  route: AnyRoute,
  init: { params?: Record<string, string>; headers?: Record<string, string>; body?: unknown } = {},
) {
  const res = await fetch(server.url + routeUrl(route, init.params), {
    method: route.method,
    headers: { 'content-type': 'application/json', ...init.headers },
    body: route.method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
  });
  return { status: res.status, json: (await res.json()) as unknown, setCookie: res.headers.getSetCookie()[0] ?? '' };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-contract-'));
  const config = loadConfig(
    { port: 0, dataDir: dir, demo: false, topics: false, embedModel: 'bow', adminPassword: PASSWORD },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200).end('ui'),
  });
  const tiny = importTinyModels();
  try {
    server.registry.install(tiny.withTokenizer);
  } finally {
    tiny.remove();
  }
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTP routes answer what contracts/http says', () => {
  it('GET /api/config and POST /api/import, and their error body', async () => {
    const config = await raw(configRoute);
    expect(config.status).toBe(200);
    expect(issues(configRoute.response, config.json)).toEqual([]);

    const { operatorToken } = await callApi(configRoute, {}, { baseUrl: server.url });
    const imported = await callApi(
      importRoute,
      { query: { name: 'chat.txt', channel: 'zerator' }, body: '[0:00:01] alice: salut\n[0:00:02] bob: ça va\n' },
      { baseUrl: server.url, headers: { 'x-csrf-token': operatorToken ?? '' } },
    );
    expect(imported).toMatchObject({ imported: 2, complete: true });

    const refused = await callApi(
      importRoute,
      { query: { name: 'x.txt', format: 'nope' }, body: 'x' },
      { baseUrl: server.url, headers: { 'x-csrf-token': operatorToken ?? '' } },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect(refused).toMatchObject({ status: 400, body: { error: expect.stringMatching(/unknown format "nope"/) } });
  });

  it('the admin routes: session, login, presets, jobs, models, promote, and refusals', async () => {
    const signedOut = await raw(adminApi.session);
    expect(issues(adminApi.session.response, signedOut.json)).toEqual([]);
    const login = await raw(adminApi.login, { body: { password: PASSWORD } });
    expect([login.status, issues(adminApi.login.response, login.json)]).toEqual([200, []]);
    const cookie = login.setCookie.split(';')[0]!;
    const csrf = adminApi.login.response.parse(login.json).csrfToken ?? '';

    for (const route of [adminApi.session, adminApi.presets, adminApi.jobs, adminApi.models]) {
      const got = await raw(route, { headers: { cookie } });
      expect([route.path, got.status, issues(route.response, got.json)]).toEqual([route.path, 200, []]);
    }
    const models = adminApi.models.response.parse((await raw(adminApi.models, { headers: { cookie } })).json);
    const tiny = models.find((m) => m.id.startsWith('tiny@'));
    expect(tiny?.active).toBe(false);

    // Through the dashboard's helper: a path parameter, the CSRF header, the typed list back.
    const after = await callApi(
      adminApi.promote,
      { params: { id: tiny!.id }, body: {} },
      { baseUrl: server.url, headers: { cookie, 'x-csrf-token': csrf } },
    );
    expect(after.find((m) => m.active)?.id).toBe(tiny!.id);

    for (const [route, headers] of [
      [adminApi.models, {}],
      [adminApi.job, { cookie }],
      [adminApi.cancelJob, { cookie }],
    ] as const) {
      const got = await raw(route, { params: { id: 'no-such-job' }, headers });
      expect(got.status).toBeGreaterThanOrEqual(400);
      expect([route.path, issues(ApiErrorSchema, got.json)]).toEqual([route.path, []]);
    }
  });

  it('the helper refuses a 2xx body that breaks the contract, and reports an unreachable server', async () => {
    const fakeFetch = (async () =>
      new Response(JSON.stringify({ importMaxBytes: 'lots' }), { status: 200 })) as typeof fetch;
    await expect(callApi(configRoute, {}, { fetch: fakeFetch })).rejects.toThrow(
      /unexpected answer from GET \/api\/config/,
    );
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(callApi(configRoute, {}, { fetch: down })).rejects.toMatchObject({
      status: 0,
      message: 'the server is unreachable',
    });
  });
});
