import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LossPoint } from '../../../contracts/training';
import { initTfBackend } from '../../tfjs';
import { checkpointDir, readStageCheckpoint } from '../checkpoint/StageCheckpoint';
import { TrainingCancelledError } from '../errors';
import { resolvePreset } from '../presets';
import { tinyStageData, testStageContext } from '../testing/fixtures';
import { runPretrainStage } from './pretrainStage';

const root = mkdtempSync(join(tmpdir(), 'resume-'));
const data = tinyStageData(200, 30);
const preset = resolvePreset('cpu-tiny', { 'pretrain.steps': 8 });

beforeAll(async () => {
  await initTfBackend();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every weight of the exported encoder, concatenated in name order. */
function flat(out: Awaited<ReturnType<typeof runPretrainStage>>): Float32Array {
  const names = [...out.weights!.encoder.keys()].sort();
  const parts = names.map((n) => out.weights!.encoder.get(n)!.data as Float32Array);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

describe('stage checkpoints', () => {
  it('a run that crashes after step 5 and resumes from its step-4 checkpoint ends bitwise equal to a straight run, same loss history', async () => {
    const straightLoss: LossPoint[] = [];
    const straight = await runPretrainStage(
      testStageContext('pretrain', join(root, 'straight'), {
        checkpointEverySteps: 4,
        callbacks: { onLoss: (p) => straightLoss.push(...p) },
      }),
      preset,
      data,
    );

    const crashDir = join(root, 'crash');
    const crash = new Error('simulated crash');
    await expect(
      runPretrainStage(
        testStageContext('pretrain', crashDir, {
          checkpointEverySteps: 4,
          callbacks: {
            onProgress: (p) => {
              if (p.step === 5) throw crash;
            },
          },
        }),
        preset,
        data,
      ),
    ).rejects.toBe(crash);
    expect(readStageCheckpoint(checkpointDir(crashDir, 'pretrain'))!.state.step).toBe(4);

    const logs: string[] = [];
    const resumed = await runPretrainStage(
      testStageContext('pretrain', crashDir, {
        checkpointEverySteps: 4,
        callbacks: { onLog: (l) => logs.push(l.message) },
      }),
      preset,
      data,
    );
    expect(logs.some((m) => m.includes('resuming from the checkpoint at step 4/8'))).toBe(true);
    expect(resumed.metrics.steps).toBe(8);
    expect(Array.from(flat(resumed))).toEqual(Array.from(flat(straight)));
    const history = readStageCheckpoint(checkpointDir(crashDir, 'pretrain'))!.state.history;
    expect(history.map((p) => p.loss)).toEqual(straightLoss.map((p) => p.loss));
    expect(resumed.details).toEqual(straight.details);
  });

  it('cancelling through the AbortSignal stops at a step boundary with a checkpoint, and the run resumes from it', async () => {
    const dir = join(root, 'cancel');
    const controller = new AbortController();
    await expect(
      runPretrainStage(
        testStageContext('pretrain', dir, {
          signal: controller.signal,
          callbacks: {
            onProgress: (p) => {
              if (p.step === 3) controller.abort();
            },
          },
        }),
        preset,
        data,
      ),
    ).rejects.toBeInstanceOf(TrainingCancelledError);
    const saved = readStageCheckpoint(checkpointDir(dir, 'pretrain'));
    expect(saved!.state.step).toBe(3);
    expect(existsSync(`${checkpointDir(dir, 'pretrain')}.tmp`)).toBe(false);
    const resumed = await runPretrainStage(testStageContext('pretrain', dir), preset, data);
    expect(resumed.metrics.steps).toBe(8);
  });
});
