import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LossPoint, TrainingJob, TrainingJobRequest, TrainingLogLine } from '../../contracts/training';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../test/support/postgresServer';
import { waitFor } from '../../test/support/waitFor';
import { createLogger } from '../logger';
import { ModelRegistry } from '../registry/ModelRegistry';
import { TrainingStoreError } from './errors';
import { PgJobStore } from './store/postgres/PgJobStore';
import { TRAINING_SCHEMA_VERSION } from './store/postgres/PgJobTable';
import { TrainingJobs, type TrainingJobsOptions } from './TrainingJobs';

// The training jobs of a deployment in its PostgreSQL database: every node lists and follows them, one runs at a time,
// a cancel reaches the node that runs the job, and the job of a node gone silent is resumed by another.

const logger = createLogger('silent');
let postgres: TestPostgres | null = null;
let root: string;
let n = 0;
const open: TrainingJobs[] = [];

beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pgjobs-'));
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((j) => j.close()));
});
afterAll(async () => {
  await postgres?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A deployment: one database, a models volume and a training volume shared by its nodes. */
async function deployment() {
  const url = await postgres!.createDatabase();
  const dir = path.join(root, `d${n++}`);
  /** One node of it (a server unless `runs: 'own'`, the CLI). */
  const node = (options: Partial<TrainingJobsOptions> = {}) => {
    const jobs = TrainingJobs.open({
      dir: path.join(dir, 'training'),
      databaseUrl: url,
      registry: ModelRegistry.open(path.join(dir, 'models'), { logger }),
      archivePath: null,
      botNames: [],
      cwd: root,
      logger,
      killGraceMs: 5000,
      heartbeatMs: 200,
      ...options,
    });
    open.push(jobs);
    return jobs;
  };
  return { url, node };
}

/** What a node's listeners hear. */
function follow(jobs: TrainingJobs) {
  const heard = { states: [] as string[], loss: [] as LossPoint[], logs: [] as TrainingLogLine[], progress: 0 };
  jobs.subscribe({
    job: (j) => heard.states.push(`${j.id}:${j.state}`),
    progress: () => heard.progress++,
    loss: (_id, points) => heard.loss.push(...points),
    log: (_id, line) => heard.logs.push(line),
  });
  return heard;
}

const QUICK: TrainingJobRequest = {
  preset: 'cpu-tiny',
  corpus: { archive: false, simulatorMessages: 400, simulatorSeed: 3 },
  seed: 5,
  stages: ['tokenizer', 'pretrain'],
  // No topic evaluation at the end: these tests are about where jobs run, not what they make.
  overrides: { 'pretrain.steps': 4, 'evaluation.minutes': 0 },
};
/** Long enough to be acted on while it runs. */
const SLOW: TrainingJobRequest = { ...QUICK, overrides: { ...QUICK.overrides, 'pretrain.steps': 400 } };

const inPretraining = (jobs: TrainingJobs, id: string) => () =>
  jobs.list().find((j) => j.id === id)?.progress?.stage === 'pretrain';

describe.skipIf(!HAS_POSTGRES)('TrainingJobs on PostgreSQL', () => {
  it("lists a job started on node A on node B, relays its progress, loss and log live there, and B's wait ends with it", async () => {
    const { node } = await deployment();
    const a = node();
    const b = node();
    const onB = follow(b);
    const job = a.start(QUICK);
    expect(job.state).toBe('running');
    expect(b.list().map((j) => j.id)).toEqual([job.id]);
    const done = await b.waitFor(job.id);
    expect(done).toMatchObject({ state: 'succeeded', resultModel: expect.stringMatching(/^chat-topics-cpu-tiny@/) });
    expect(a.childPid(job.id)).toBeNull();
    await waitFor(() => onB.states.includes(`${job.id}:succeeded`), "B hearing the job's end");
    expect(onB.states).toContain(`${job.id}:running`);
    expect(onB.progress).toBeGreaterThan(0);
    // What B relayed is what A wrote, in order.
    const detail = a.detail(job.id);
    expect(detail.loss.length).toBeGreaterThan(0);
    expect(onB.loss).toEqual(detail.loss);
    expect(b.detail(job.id)).toEqual(detail);
    expect(onB.logs.map((l) => l.message)).toEqual(detail.logs.map((l) => l.message));
  });

  it('runs one job at a time in the deployment, and a cancel asked on node B stops the job running on node A', async () => {
    const { node } = await deployment();
    const a = node();
    const b = node();
    const slow = a.start(SLOW);
    await waitFor(inPretraining(b, slow.id), 'the slow job in pretraining, seen from B', 20_000);
    const pid = a.childPid(slow.id)!;
    expect(pid).toBeGreaterThan(0);
    // B is idle, but A's job holds the deployment's one slot.
    const next = b.start(QUICK);
    expect(next.state).toBe('queued');
    await new Promise((r) => setTimeout(r, 600));
    expect(b.list().find((j) => j.id === next.id)!.state).toBe('queued');

    expect(b.cancel(slow.id).state).toBe('running');
    expect((await b.waitFor(slow.id)).state).toBe('cancelled');
    expect(() => process.kill(pid, 0)).toThrow();
    // The slot is free: one node (either) takes the queued job.
    expect((await b.waitFor(next.id)).state).toBe('succeeded');
    expect([a.childPid(next.id), b.childPid(next.id)]).toEqual([null, null]);
  });

  it("runs the CLI's own job at once on the CLI, never on an idle server, and the servers' queue waits for it", async () => {
    const { node } = await deployment();
    const server = node();
    const cli = node({ runs: 'own' });
    const own = cli.start(SLOW);
    expect(own.state).toBe('running');
    expect(cli.childPid(own.id)).toBeGreaterThan(0);
    expect(server.childPid(own.id)).toBeNull();
    const queued = server.start(QUICK);
    expect(queued.state).toBe('queued');
    cli.cancel(own.id);
    expect((await cli.waitFor(own.id)).state).toBe('cancelled');
    expect((await server.waitFor(queued.id)).state).toBe('succeeded');
    // The CLI ran none of the servers' jobs.
    expect(server.detail(queued.id).logs[0]!.message).toMatch(/^started/);
  });

  it('takes over the job of a node gone silent: interrupted, queued again and resumed on another node from the shared checkpoints', async () => {
    const { node } = await deployment();
    // Node A never beats after its claim (as if it hung or died); B finds it silent after 1.5 s.
    const a = node({ heartbeatMs: 3_600_000 });
    const job = a.start({ ...QUICK, overrides: { ...QUICK.overrides, 'pretrain.steps': 60 } });
    await waitFor(inPretraining(a, job.id), 'the job in pretraining on A', 20_000);
    const pid = a.childPid(job.id)!;
    const b = node({ staleMs: 1500 });
    const onB = follow(b);
    const done = await b.waitFor(job.id);
    // B's wait ends at the interruption; then B queues it again and resumes it.
    expect(done.state).toBe('interrupted');
    const resumed = await waitFor(
      () => {
        const j = b.list().find((x) => x.id === job.id)!;
        return j.state === 'succeeded' || j.state === 'failed' ? j : null;
      },
      'the job resumed on B',
      60_000,
    );
    expect(resumed).toMatchObject({ state: 'succeeded', resumes: 1 });
    // A's child was killed when A heard of the takeover: only one run writes the checkpoints.
    await waitFor(() => a.childPid(job.id) === null, "A's child gone");
    expect(() => process.kill(pid, 0)).toThrow();
    const logs = b.detail(job.id).logs.map((l) => l.message);
    expect(logs).toContain('interrupted: the node running it stopped answering');
    expect(logs).toContain('resumed from checkpoints (resume 1)');
    // The training volume is shared: B's run found what A's had done (the tokenizer), and went on from there.
    expect(logs).toContain('[tokenizer] already done; reloading');
    expect(onB.states).toEqual(expect.arrayContaining([`${job.id}:interrupted`, `${job.id}:queued`]));
  });

  it('stops a job taken over behind its back at its next write, and never writes over the takeover', async () => {
    const { url, node } = await deployment();
    const a = node({ heartbeatMs: 3_600_000 });
    const job = a.start(SLOW);
    await waitFor(inPretraining(a, job.id), 'the job in pretraining on A', 20_000);
    const pid = a.childPid(job.id)!;
    // Another node's takeover, as A would not hear it (no notification): only A's next write can find out.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `UPDATE chat_topics_training_jobs SET state = 'interrupted',
           doc = jsonb_set(doc::jsonb, '{state}', '"interrupted"')::text WHERE id = $1`,
        [job.id],
      );
      await waitFor(() => a.childPid(job.id) === null, "A's run stopped", 20_000);
      expect(() => process.kill(pid, 0)).toThrow();
      const { rows } = await client.query<{ state: string; doc: string }>(
        'SELECT state, doc FROM chat_topics_training_jobs WHERE id = $1',
        [job.id],
      );
      expect(rows[0]!.state).toBe('interrupted');
      expect(JSON.parse(rows[0]!.doc).state).toBe('interrupted');
    } finally {
      await client.end();
    }
  });

  it('leaves out a row edited into something that is not a job, and names a newer schema and an unreachable database', async () => {
    const { url, node } = await deployment();
    const a = node();
    const job = a.start(QUICK);
    const done = await a.waitFor(job.id);
    // A new job whose id is taken is refused, never written over the job that has it (start draws another id).
    const store = PgJobStore.open(url, path.join(root, 'unused'), logger);
    expect(store.saveJob({ ...done, state: 'queued' }, { create: true })).toBe(false);
    store.close();
    expect(a.list()[0]).toMatchObject({ id: job.id, state: done.state });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO chat_topics_training_jobs (id, state, doc) VALUES ('job-bad', 'queued', '{"id":1}')`,
      );
      expect(a.list().map((j: TrainingJob) => j.id)).toEqual([job.id]);
      await client.query('UPDATE chat_topics_training_version SET version = $1', [TRAINING_SCHEMA_VERSION + 1]);
    } finally {
      await client.end();
    }
    expect(() => node()).toThrow(TrainingStoreError);
    expect(() => node()).toThrow(/training jobs schema version 2 is newer/);
    const away = 'postgres://u:secret@127.0.0.1:1/nowhere';
    expect(() => node({ databaseUrl: away })).toThrow(/cannot open the training jobs/);
    expect(() => node({ databaseUrl: away })).not.toThrow(/secret/);
  });
});
