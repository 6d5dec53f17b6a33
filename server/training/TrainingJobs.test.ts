import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LossPoint, TrainingJobRequest, TrainingProgress } from '../../contracts/training';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { createEmbedder } from '../../models/embedding/createEmbedder';
import { loadModelDir } from '../../models/format';
import { evaluatePlantedTopics } from '../analysis/plantedTopicEval';
import { createLogger } from '../logger';
import { ModelRegistry } from '../registry/ModelRegistry';
import { waitFor } from '../../test/support/waitFor';
import { TrainingJobError } from './errors';
import { TrainingJobs } from './TrainingJobs';

const logger = createLogger('silent');
let root: string;
let n = 0;
const open: TrainingJobs[] = [];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-jobs-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((j) => j.close()));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A fresh registry and jobs directory (or the given ones, to reopen after a "restart"). */
function setup(name = `s${n++}`) {
  const registry = ModelRegistry.open(path.join(root, name, 'models'), { logger });
  const jobs = TrainingJobs.open({
    dir: path.join(root, name, 'training'),
    registry,
    archivePath: null,
    botNames: [],
    cwd: root,
    logger,
    killGraceMs: 5000,
  });
  open.push(jobs);
  return { registry, jobs, name };
}

const TINY: TrainingJobRequest = {
  preset: 'cpu-tiny',
  corpus: { archive: false, simulatorMessages: 400, simulatorSeed: 3 },
  seed: 5,
};
/** Slower steps, so that a job is still running when the test acts on it. */
const SLOW: TrainingJobRequest = { ...TINY, overrides: { 'pretrain.steps': 400, 'evaluation.minutes': 0 } };
/** The topic evaluation a finished job ends with, left out where a test is about something else. */
const NO_EVAL = { 'evaluation.minutes': 0 };

describe('TrainingJobs', () => {
  it('runs a cpu-tiny job in a child process, reports progress and loss, and installs the model without promoting it', async () => {
    const { registry, jobs } = setup();
    const progress: TrainingProgress[] = [];
    const loss: LossPoint[] = [];
    const states: string[] = [];
    jobs.subscribe({
      progress: (p) => progress.push(p),
      loss: (_id, points) => loss.push(...points),
      job: (j) => states.push(j.state),
    });
    const job = jobs.start(TINY);
    expect(job.state).toBe('running');
    const done = await jobs.waitFor(job.id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(states).toContain('running');
    // The tokenizer reports only after its first second, which a tiny corpus may not reach.
    expect([...new Set(progress.map((p) => p.stage))].filter((s) => s !== 'tokenizer')).toEqual([
      'pretrain',
      'mlm',
      'simcse',
    ]);
    expect(progress.every((p) => p.jobId === job.id)).toBe(true);
    expect(loss.length).toBeGreaterThan(0);
    expect(done.stageMetrics.map((m) => m.stage)).toEqual(['tokenizer', 'pretrain', 'mlm', 'simcse']);
    expect(done.backend).toMatch(/wasm/);

    expect(done.resultModel).toMatch(new RegExp(`^chat-topics-cpu-tiny@\\d{8}-\\d{6}-${job.id}$`));
    const version = registry.list().find((m) => m.id === done.resultModel)!;
    expect(version).toMatchObject({ source: 'training', preset: 'cpu-tiny', active: false });
    expect(registry.activeId()).toBeNull();
    expect(loadModelDir(registry.resolve(done.resultModel!)).manifest.name).toBe('chat-topics-cpu-tiny');
    // The job ends with the topic evaluation: the model next to bag-of-words on the same simulated stream.
    const bow = await evaluatePlantedTopics(
      'bow',
      await createEmbedder('bow'),
      3,
      1,
      4,
      TopicPipelineParamsSchema.parse({}),
    );
    expect(version.topicEval?.bow).toEqual({ ari: bow.ari, nmi: bow.nmi, purity: bow.purity, noise: bow.noiseRate });
    expect(version.topicEval?.model.nmi).toBeGreaterThanOrEqual(0);
    expect(version.topicEval?.model.nmi).toBeLessThanOrEqual(1);
    expect(version.topicEval?.setup).toMatch(/3-min/);

    const detail = jobs.detail(job.id);
    expect(detail.loss).toEqual(loss);
    expect(detail.logs.some((l) => /corpus: 400 messages/.test(l.message))).toBe(true);
    expect(() => jobs.detail('job-nope')).toThrow(TrainingJobError);
  });

  it('cancels a running job (the child stops) and a queued one at once', async () => {
    const { jobs } = setup();
    const running = jobs.start(SLOW);
    const queued = jobs.start(TINY);
    expect(jobs.cancel(queued.id).state).toBe('cancelled');
    await waitFor(
      () => jobs.list().find((j) => j.id === running.id)?.progress?.stage === 'pretrain',
      'the job in pretraining',
      20_000,
    );
    const pid = jobs.childPid(running.id)!;
    jobs.cancel(running.id);
    const done = await jobs.waitFor(running.id);
    expect(done.state).toBe('cancelled');
    expect(() => process.kill(pid, 0)).toThrow();
    expect(() => jobs.cancel(running.id)).toThrow(/cancelled: nothing to cancel/);
  });

  it('fails a job whose child is killed, with the reason, and runs the next one', async () => {
    const { jobs } = setup();
    const victim = jobs.start(SLOW);
    await waitFor(
      () => jobs.list().find((j) => j.id === victim.id)?.progress?.stage === 'pretrain',
      'the job in pretraining',
      20_000,
    );
    process.kill(jobs.childPid(victim.id)!, 'SIGKILL');
    const failed = await jobs.waitFor(victim.id);
    expect(failed).toMatchObject({ state: 'failed', resultModel: null });
    expect(failed.error).toMatch(/killed by SIGKILL/);
    // This process (the "server") goes on, and so does the queue.
    const next = jobs.start({
      ...TINY,
      stages: ['tokenizer', 'pretrain'],
      overrides: { 'pretrain.steps': 4, ...NO_EVAL },
    });
    expect((await jobs.waitFor(next.id)).state).toBe('succeeded');
  });

  it('stops a running job as interrupted on close, and resumes it from its checkpoints at the next start', async () => {
    const first = setup();
    // Enough steps after the wait that a loaded machine cannot finish pretraining before close() reaches the child.
    const job = first.jobs.start({ ...TINY, overrides: { 'pretrain.steps': 120, ...NO_EVAL } });
    await waitFor(
      () => (first.jobs.list()[0]?.progress?.step ?? 0) >= 55 && first.jobs.list()[0]?.progress?.stage === 'pretrain',
      'a pretraining checkpoint',
      30_000,
    );
    await first.jobs.close();
    expect(first.jobs.list()[0]).toMatchObject({ id: job.id, state: 'interrupted' });

    const restarted = setup(first.name);
    expect(restarted.jobs.list()[0]!.state).toBe('interrupted');
    const resumed = restarted.jobs.resumeInterrupted();
    expect(resumed.map((j) => j.id)).toEqual([job.id]);
    const done = await restarted.jobs.waitFor(job.id);
    expect(done).toMatchObject({ state: 'succeeded', resumes: 1 });
    // The chain went on from the pretraining checkpoint (written every 50 steps), not from scratch.
    const logs = restarted.jobs.detail(job.id).logs.map((l) => l.message);
    expect(logs).toContain('[tokenizer] already done; reloading');
    const resumedAt = logs
      .map((m) => /resuming from the checkpoint at step (\d+)\/120/.exec(m)?.[1])
      .find((n) => n !== undefined);
    expect(Number(resumedAt)).toBeGreaterThanOrEqual(50);
    expect(restarted.registry.list().map((m) => m.id)).toEqual([done.resultModel]);
  });

  it('refuses an unknown preset or override before saving anything', () => {
    const { jobs } = setup();
    expect(() => jobs.start({ ...TINY, preset: 'gpu-huge' })).toThrow(TrainingJobError);
    expect(() => jobs.start({ ...TINY, overrides: { 'mlm.nope': 1 } })).toThrow(TrainingJobError);
    expect(jobs.list()).toEqual([]);
  });
});
