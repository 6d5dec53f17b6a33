// A default install (no model ever promoted): the server embeds with the shipped model, so the admin section must
// say so and its fill-mask playground must run on it, not answer "no active model".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FillMaskCandidate, ModelVersionInfo } from '../../contracts/training';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';

const PASSWORD = 'correct horse battery';
let dir: string;
let server: RunningServer;
let headers: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-admin-default-'));
  // Every setting at its default but the ones a test needs (the embedder stays chat-topics-fr-small).
  const config = loadConfig(
    { port: 0, dataDir: dir, demo: false, topics: false, adminPassword: PASSWORD },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200).end('ui'),
  });
  const login = await fetch(`${server.url}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  headers = {
    'content-type': 'application/json',
    cookie: login.headers.getSetCookie()[0]!.split(';')[0]!,
    'x-csrf-token': csrfToken,
  };
}, 60_000);

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin section on a default install', () => {
  it('marks the shipped model, which the server embeds with, as the active version', async () => {
    expect(server.registry.activeId()).toBeNull(); // nothing promoted: the configured embedder runs
    const models = (await (await fetch(`${server.url}/api/admin/models`, { headers })).json()) as ModelVersionInfo[];
    const active = models.filter((m) => m.active);
    expect(active.map((m) => m.name)).toEqual(['chat-topics-fr-small']);
    expect(server.embedderInfo.id).toBe(`convbert:${active[0]!.id}`);
  });

  it('runs the fill-mask playground on the model in use when none is named', async () => {
    const res = await fetch(`${server.url}/api/admin/fill-mask`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: '<mask> tt le monde !', top: 3 }),
    });
    expect(res.status).toBe(200);
    const candidates = (await res.json()) as FillMaskCandidate[];
    expect(candidates).toHaveLength(3);
    expect(candidates[0]!.sequence).toMatch(/tt le monde/);
  }, 60_000);
});
