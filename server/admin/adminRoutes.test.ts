// The admin API's routes against fake services: what each route calls and answers, and how service errors map
// to statuses. Authentication itself is tested end to end in test/integration/admin-auth.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersionInfo, TrainingJob, TrainingJobRequest } from '../../contracts/training';
import { ChatTopicsError } from '../errors';
import { createLogger } from '../logger';
import { AdminAuth } from './AdminAuth';
import type { AdminServices } from './AdminDeps';
import { createAdminRequestHandler } from './adminRoutes';
import { hashPassword, parsePasswordHash } from './passwordHash';

class UnknownModelError extends ChatTopicsError {
  static override readonly kind = 'not-found' as const;
}

const PASSWORD = 'correct horse battery';
const calls: string[] = [];
let active: string | null = 'm@1';
const model = (id: string): ModelVersionInfo => ({
  id,
  name: id.split('@')[0]!,
  version: id.split('@')[1]!,
  created: '2025-01-01T00:00:00Z',
  source: 'training',
  preset: 'cpu-tiny',
  bytes: 1,
  active: id === active,
  hasMlmHead: true,
  stageMetrics: [],
  topicEval: null,
});
const job = (request: TrainingJobRequest): TrainingJob => ({
  id: 'job-1',
  request,
  state: 'queued',
  createdAt: 'now',
  startedAt: null,
  finishedAt: null,
  progress: null,
  backend: null,
  stageMetrics: [],
  error: null,
  resultModel: null,
  resumes: 0,
});

const services: AdminServices = {
  registry: {
    list: () => ['m@1', 'm@2'].map(model),
    activeId: () => active,
    resolve: (id) => {
      if (!['m@1', 'm@2'].includes(id)) throw new UnknownModelError(`no model "${id}"`);
      return `/models/${id}`;
    },
    install: (dir, options) => {
      calls.push(`install ${dir.endsWith('model') ? 'model' : dir} move=${options?.move}`);
      return model('m@3');
    },
    onChange: () => () => undefined,
  },
  training: {
    start: (request) => (calls.push(`start ${request.preset}`), job(request)),
    cancel: (id) => (calls.push(`cancel ${id}`), { ...job({ preset: 'cpu-tiny', corpus: {} }), state: 'cancelled' }),
    list: () => [],
    detail: (id) => {
      if (id !== 'job-1') throw Object.assign(new Error(`no job ${id}`), { status: 404 });
      return {
        job: job({ preset: 'cpu-tiny', corpus: {} }),
        loss: [{ stage: 'mlm', step: 1, loss: 2.5, learningRate: null }],
        logs: [],
      };
    },
    subscribe: () => () => undefined,
  },
  switcher: {
    promote: async (id) => {
      if (id === 'broken@1') throw new Error('model crashed at start');
      calls.push(`promote ${id}`);
      active = id;
    },
    rollback: async () => {
      calls.push('rollback');
      active = 'm@1';
    },
  },
  presets: () => [{ name: 'cpu-tiny', description: 'tiny', expectedTime: 'a minute', shape: '1 layer' }],
  fillMask: async (dir, text, top) => [{ token: dir, score: 1, sequence: `${text}/${top}` }],
  hubImport: async (request, workDir) => (calls.push(`hub ${request.repo}`), `${workDir}/model`),
};

let server: http.Server;
let base: string;
let cookie = '';
let csrf = '';

async function call(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/api/admin/${route}`, {
    method,
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  const auth = new AdminAuth({
    passwordHash: parsePasswordHash(hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 })),
    sessionHours: 1,
  });
  const handle = createAdminRequestHandler(auth, services, createLogger('silent'));
  server = http.createServer((req, res) => void handle(req, res, new URL(req.url!, 'http://x')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/admin/login`, {
    method: 'POST',
    body: JSON.stringify({ password: PASSWORD }),
  });
  cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('admin routes', () => {
  it('list presets, models and a job with its loss history', async () => {
    expect((await call('GET', 'presets')).json[0].name).toBe('cpu-tiny');
    expect((await call('GET', 'models')).json.map((m: ModelVersionInfo) => m.id)).toEqual(['m@1', 'm@2']);
    const detail = await call('GET', 'jobs/job-1');
    expect(detail.json.loss).toHaveLength(1);
    expect(await call('GET', 'jobs/nope')).toEqual({ status: 404, json: { error: 'no job nope' } });
  });

  it('start a job with a validated request and cancel it', async () => {
    const started = await call('POST', 'jobs', {
      preset: 'cpu-tiny',
      stages: ['tokenizer', 'mlm'],
      corpus: { simulatorMessages: 300 },
    });
    expect(started.status).toBe(200);
    expect(started.json.request.stages).toEqual(['tokenizer', 'mlm']);
    const bad = await call('POST', 'jobs', { preset: 'cpu-tiny', stages: ['bake'], corpus: {} });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/stages\.0/);
    expect((await call('POST', 'jobs/job-1/cancel')).json.state).toBe('cancelled');
    expect(calls).toContain('start cpu-tiny');
    expect(calls).toContain('cancel job-1');
    expect(calls.filter((c) => c.startsWith('start'))).toHaveLength(1);
  });

  it('promote and roll back answer with the new model list; an unknown id is 404, a failing model 500', async () => {
    const promoted = await call('POST', `models/${encodeURIComponent('m@2')}/promote`);
    expect(promoted.json.find((m: ModelVersionInfo) => m.active).id).toBe('m@2');
    const back = await call('POST', 'models/rollback');
    expect(back.json.find((m: ModelVersionInfo) => m.active).id).toBe('m@1');
    expect((await call('POST', 'models/broken@1/promote')).status).toBe(500);
    const unknownModel = await call('POST', 'fill-mask', { text: '<mask> tt le monde !', model: 'ghost@9' });
    expect(unknownModel).toEqual({ status: 404, json: { error: 'no model "ghost@9"' } });
  });

  it('fill-mask runs on the active model by default, on the given one otherwise', async () => {
    expect((await call('POST', 'fill-mask', { text: '<mask> tt le monde !' })).json).toEqual([
      { token: '/models/m@1', score: 1, sequence: '<mask> tt le monde !/5' },
    ]);
    expect((await call('POST', 'fill-mask', { text: 'a <mask>', model: 'm@2', top: 3 })).json[0].sequence).toBe(
      'a <mask>/3',
    );
    expect((await call('POST', 'fill-mask', { text: '' })).status).toBe(400);
  });

  it('imports a hub repo into the registry (moved, not copied) and validates the repo id', async () => {
    const res = await call('POST', 'models/import', { repo: 'someone/conv-bert-small' });
    expect(res.json.id).toBe('m@3');
    expect(calls).toContain('hub someone/conv-bert-small');
    expect(calls).toContain('install model move=true');
    expect((await call('POST', 'models/import', { repo: '../etc/passwd' })).status).toBe(400);
  });

  it('answers 404 for an unknown route, 405 for a wrong method, 413 for a huge body', async () => {
    expect((await call('GET', 'nothing-here')).status).toBe(404);
    expect((await call('GET', 'models/rollback')).status).toBe(405);
    const huge = await call('POST', 'fill-mask', { text: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
  });
});
