// The workspace API on a real server: a real SQLite archive, real analysis child processes, the bag-of-words
// embedder (fast). One server for the whole file; jobs run one at a time, so the tests run in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/chat';
import {
  AnalysisJobSchema,
  AnalysisSearchResultSchema,
  StreamAnalysesSchema,
  type AnalysisJob,
} from '../../contracts/http';
import type { PublicConfig } from '../../contracts/socket-events';
import { parseTopicAnalysis } from '../../contracts/analysis';
import { SqliteArchive } from '../archive/SqliteArchive';
import { loadConfig } from '../config/loadConfig';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../main';
import { simulateChat, simulationStreamInfo } from '../simulator';

const PLANTED = 'zorglubinator';
const SMALL = { seed: 3, ratePerSecond: 4, minutes: 4, streamId: 'small-stream', channel: 'popcorn', startedAt: 0 };
/** Fast settings for the small stream; the slow job uses many epochs on it so that it is still running when cancelled. */
const FAST = { umap: { nNeighbors: 15, nEpochs: 40 } };
const SLOW = { umap: { nNeighbors: 15, nEpochs: 20_000 } };

let dir: string;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-workspace-'));
  const dbPath = path.join(dir, 'archive.sqlite');
  const archive = SqliteArchive.open(dbPath);
  const messages: ChatMessage[] = [...simulateChat(SMALL)];
  // A word no simulated message has, in three messages: what text search must find.
  const n = messages.length;
  for (const i of [40, Math.floor(n / 2), n - 20])
    messages[i] = { ...messages[i]!, text: `le ${PLANTED} encore ${PLANTED}` };
  archive.createStream(simulationStreamInfo(SMALL));
  archive.insertMessages(messages);
  archive.close();
  const config = loadConfig(
    { port: 0, dataDir: dir, dbPath, demo: false, topics: false, embedModel: 'bow' },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(204).end(),
  });
  const publicConfig = (await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig;
  token = publicConfig.operatorToken!;
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const get = (p: string) => fetch(`${server.url}${p}`);
const post = (p: string, body: unknown, withToken = true) =>
  fetch(`${server.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withToken ? { 'x-csrf-token': token } : {}) },
    body: JSON.stringify(body),
  });

async function job(id: string): Promise<AnalysisJob> {
  const res = await get(`/api/analysis-jobs/${id}`);
  expect(res.status).toBe(200);
  return AnalysisJobSchema.parse(await res.json());
}

/** Polls a job until `until` holds; returns every state seen. */
async function follow(id: string, until: (j: AnalysisJob) => boolean, ms = 90_000): Promise<AnalysisJob[]> {
  const seen: AnalysisJob[] = [];
  for (const start = Date.now(); Date.now() - start < ms;) {
    const j = await job(id);
    seen.push(j);
    if (until(j)) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} still ${seen.at(-1)?.state} after ${ms} ms`);
}

const finished = (j: AnalysisJob) => ['done', 'failed', 'cancelled'].includes(j.state);
let key: string;

describe('the workspace API', () => {
  it('refuses to start an analysis without the operator token', async () => {
    const res = await post('/api/streams/small-stream/analyses', {}, false);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('x-csrf-token');
    const cancel = await post('/api/analysis-jobs/whatever/cancel', {}, false);
    expect(cancel.status).toBe(403);
  });

  it('analyses a stream in the background: progress goes up, the job is done, the list shows it', async () => {
    const res = await post('/api/streams/small-stream/analyses', { params: FAST });
    expect(res.status).toBe(200);
    const started = AnalysisJobSchema.parse(await res.json());
    expect(started).toMatchObject({ streamId: 'small-stream', model: 'bow-v1', key: null });
    // The same stream, model and parameters while it runs would store the same thing: refused.
    const again = await post('/api/streams/small-stream/analyses', { model: 'bow', params: FAST });
    expect(again.status).toBe(409);

    const seen = await follow(started.id, finished);
    const done = seen.at(-1)!;
    expect(done).toMatchObject({ state: 'done', fraction: 1, stage: null, error: null, model: 'bow-v1' });
    const fractions = seen.map((j) => j.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.some((j) => j.state === 'running' && j.fraction > 0 && j.fraction < 1 && j.stage !== null)).toBe(true);
    key = done.key!;

    const list = StreamAnalysesSchema.parse(await (await get('/api/streams/small-stream/analyses')).json());
    expect(list.analyses).toEqual([
      expect.objectContaining({ key, streamId: 'small-stream', searchable: true, parameters: expect.any(String) }),
    ]);
    expect(list.analyses[0]!.messages).toBeGreaterThan(300);
    expect(list.jobs.map((j) => j.id)).toContain(started.id);
  }, 120_000);

  it('reads the stored analysis back, valid against its schema', async () => {
    const res = await get(`/api/streams/small-stream/analyses/${key}`);
    expect(res.status).toBe(200);
    const analysis = parseTopicAnalysis(await res.json());
    expect(analysis.stream.id).toBe('small-stream');
    expect(analysis.model.id).toBe('bow-v1');
    expect(analysis.messages.filter((m) => m.text.includes(PLANTED))).toHaveLength(3);
  });

  it('finds a planted word by text, and ranks messages and topics by meaning', async () => {
    const analysis = parseTopicAnalysis(await (await get(`/api/streams/small-stream/analyses/${key}`)).json());
    const text = AnalysisSearchResultSchema.parse(
      await (await get(`/api/streams/small-stream/analyses/${key}/search?q=${PLANTED.toUpperCase()}`)).json(),
    );
    expect(text.mode).toBe('text');
    expect(text.messages).toHaveLength(3);
    for (const m of text.messages) expect(analysis.messages[m.index]!.text).toContain(PLANTED);

    const res = await get(`/api/streams/small-stream/analyses/${key}/search?mode=meaning&limit=20&q=le+${PLANTED}`);
    expect(res.status).toBe(200);
    const meaning = AnalysisSearchResultSchema.parse(await res.json());
    expect(meaning.messages).toHaveLength(20);
    const scores = meaning.messages.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(analysis.messages[meaning.messages[0]!.index]!.text).toContain(PLANTED);
    expect(meaning.topics.length).toBeGreaterThan(0);
  });

  it('keeps a search to a time range', async () => {
    const analysis = parseTopicAnalysis(await (await get(`/api/streams/small-stream/analyses/${key}`)).json());
    const planted = analysis.messages.filter((m) => m.text.includes(PLANTED)).map((m) => m.elapsed);
    const url = `/api/streams/small-stream/analyses/${key}/search?q=${PLANTED}&from=${planted[1]}&to=${planted[1]}`;
    const result = AnalysisSearchResultSchema.parse(await (await get(url)).json());
    expect(result.messages.map((m) => analysis.messages[m.index]!.elapsed)).toEqual([planted[1]]);
  });

  it('answers 400 naming the bad query field', async () => {
    const bad = await get(`/api/streams/small-stream/analyses/${key}/search?q=x&limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^invalid query: limit:/);
    const noQuery = await get(`/api/streams/small-stream/analyses/${key}/search?mode=meaning`);
    expect(noQuery.status).toBe(400);
    expect(((await noQuery.json()) as { error: string }).error).toContain('q:');
    const badBody = await post('/api/streams/small-stream/analyses', { params: { umap: { nEpochs: -1 } } });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: string }).error).toContain('params.umap.nEpochs');
  });

  it('answers 404 for an unknown stream, analysis or job', async () => {
    for (const p of [
      '/api/streams/nobody/analyses',
      `/api/streams/nobody/analyses/${key}`,
      '/api/streams/small-stream/analyses/0123456789ab',
      '/api/streams/small-stream/analyses/0123456789ab/search?q=x',
      '/api/analysis-jobs/analysis-00000000',
    ])
      expect((await get(p)).status, p).toBe(404);
    expect((await post('/api/streams/nobody/analyses', {})).status).toBe(404);
    expect((await post('/api/analysis-jobs/analysis-00000000/cancel', {})).status).toBe(404);
    const wrongMethod = await get('/api/analysis-jobs/analysis-00000000/cancel');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('cancels a running analysis: the job is cancelled and nothing is stored', async () => {
    const storeDir = path.join(dir, 'analyses', 'small-stream');
    const before = fs.readdirSync(storeDir).sort();
    const started = AnalysisJobSchema.parse(
      await (await post('/api/streams/small-stream/analyses', { params: SLOW })).json(),
    );
    await follow(started.id, (j) => j.state === 'running' && j.stage === 'umap');
    // The work runs in a child process, not in the server's.
    expect(server.analysisJobs.childPid(started.id)).toEqual(expect.any(Number));
    expect(server.analysisJobs.childPid(started.id)).not.toBe(process.pid);
    const cancel = await post(`/api/analysis-jobs/${started.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    const end = (await follow(started.id, finished, 30_000)).at(-1)!;
    expect(end).toMatchObject({ state: 'cancelled', key: null });
    expect(server.analysisJobs.childPid(started.id)).toBeNull();
    expect(fs.readdirSync(storeDir).sort()).toEqual(before);
    // Finished: nothing left to cancel.
    expect((await post(`/api/analysis-jobs/${started.id}/cancel`, {})).status).toBe(409);
  }, 120_000);

  it('fails a job whose model does not start, with the reason', async () => {
    const started = AnalysisJobSchema.parse(
      await (await post('/api/streams/small-stream/analyses', { model: 'no-such-model', params: FAST })).json(),
    );
    const end = (await follow(started.id, finished, 60_000)).at(-1)!;
    expect(end).toMatchObject({ state: 'failed', key: null, model: 'no-such-model' });
    expect(end.error).toContain('no-such-model');
  }, 90_000);
});
