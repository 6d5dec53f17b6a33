import * as tf from '@tensorflow/tfjs';
import type { LossPoint } from '../../../contracts/training';
import type { Tensor } from '../../checkpoint';
import {
  checkpointDir,
  readStageCheckpoint,
  writeStageCheckpoint,
  type StageCheckpointState,
} from '../checkpoint/StageCheckpoint';
import { BatchSampler } from '../data/BatchSampler';
import { TrainingCancelledError, TrainingError } from '../errors';
import { AdamW } from '../optim/AdamW';
import { accumulateGradients, clipByGlobalNorm } from '../optim/accumulateGradients';
import { learningRateAt } from '../optim/learningRate';
import { Mulberry32, type RandomStream } from '../../random';
import type { TrainingPreset } from '../presets';
import { log, type StageContext } from './StageContext';

type Schedule = Pick<
  TrainingPreset['mlm'],
  'steps' | 'batchSize' | 'microBatchSize' | 'learningRate' | 'warmupSteps' | 'weightDecay'
>;

/** One micro-batch's loss, already scaled to its share of the batch, and what it reports besides. */
export interface MicroBatch {
  loss: () => tf.Scalar;
}

/** A batch ready to run: its micro-batches, its real token count, and side numbers to average into series. */
export interface PreparedBatch {
  micro: MicroBatch[];
  tokens: number;
  /** The batch's loss when the micro-batches' values are not it (surrogate losses); default their sum. */
  loss?: number;
  /** Frees what `prepare` computed for the micro-batches; called after the gradients. */
  dispose?: () => void;
  /** Filled while the losses run (e.g. generator and discriminator losses); recorded per step. */
  sides?: () => Record<string, number>;
}

export interface StageLoopSpec {
  schedule: Schedule;
  /** Stable key -> trainable variable (checkpoint names). */
  variables: ReadonlyMap<string, tf.Variable>;
  /** Rows the sampler draws from. */
  rowCount: number;
  /** Builds the step's batch from row indices, drawing every random choice from `rng`. */
  prepare(rows: number[], rng: RandomStream): PreparedBatch;
}

export interface StageLoopResult {
  history: LossPoint[];
  series: Record<string, number[]>;
  seconds: number;
  tokens: number;
  /** Steps run in this call (0 when the checkpoint was already at the end). */
  stepsRun: number;
}

const GRADIENT_CLIP = 1.0;
const PROGRESS_INTERVAL_MS = 1000;

/**
 * The optimisation loop every stage shares: resume from the stage's checkpoint (variables, AdamW moments,
 * sampler cursor, PRNG state, loss history), then for each step draw a batch, sum the micro-batches' gradients,
 * clip at global norm 1, AdamW with warm-up and linear decay; checkpoint every `checkpointEverySteps` steps, at
 * cancellation (then throw {@link TrainingCancelledError}) and at the end. Yields to the event loop between steps.
 *
 * @throws TrainingError on a non-finite loss (naming the step)
 */
export async function runStageLoop(ctx: StageContext, spec: StageLoopSpec): Promise<StageLoopResult> {
  const { schedule, variables } = spec;
  const dir = checkpointDir(ctx.workDir, ctx.stage);
  const optimizer = new AdamW(variables, { weightDecay: schedule.weightDecay });
  const stageSeed = (ctx.seed ^ Math.imul(ctx.stageIndex + 1, 0x9e3779b1)) >>> 0;
  let state: StageCheckpointState = {
    stage: ctx.stage,
    step: 0,
    sampler: { epoch: 0, position: 0 },
    rngState: Mulberry32.fromSeed(stageSeed).state,
    history: [],
    series: {},
    seconds: 0,
    tokens: 0,
  };
  let saved: ReturnType<typeof readStageCheckpoint>;
  try {
    saved = readStageCheckpoint(dir);
    if (saved !== null) {
      restoreVariables(variables, saved.variables, dir);
      optimizer.importState(saved.optimizer);
      state = saved.state;
      log(ctx, 'info', `resuming from the checkpoint at step ${state.step}/${schedule.steps}`);
    }
    const sampler = new BatchSampler(spec.rowCount, stageSeed, state.sampler);
    const rng = new Mulberry32(state.rngState);
    let lastProgress = 0;
    let pendingLoss: LossPoint[] = [];
    let stepsRun = 0;
    const save = () => {
      state.sampler = sampler.cursor;
      state.rngState = rng.state;
      writeStageCheckpoint(dir, { state, variables: exportVariables(variables), optimizer: optimizer.exportState() });
    };
    const flushLoss = () => {
      if (pendingLoss.length > 0) ctx.callbacks.onLoss?.(pendingLoss);
      pendingLoss = [];
    };
    const report = (loss: number | null, lr: number | null) => {
      const tokensPerSecond = state.seconds > 0 ? state.tokens / state.seconds : null;
      const stepSeconds = state.step > 0 ? state.seconds / state.step : null;
      const etaSeconds =
        stepSeconds === null
          ? null
          : (schedule.steps - state.step) * stepSeconds +
            ctx.laterStagesSeconds(tokensPerSecond === null ? null : 1 / tokensPerSecond);
      ctx.callbacks.onProgress?.({
        stage: ctx.stage,
        stageIndex: ctx.stageIndex,
        stageCount: ctx.stageCount,
        step: state.step,
        totalSteps: schedule.steps,
        loss,
        learningRate: lr,
        tokensPerSecond,
        etaSeconds,
        elapsedSeconds: ctx.elapsedSeconds(),
      });
    };
    report(state.history.at(-1)?.loss ?? null, state.history.at(-1)?.learningRate ?? null);

    while (state.step < schedule.steps) {
      // Lets the process see a cancel message (IPC, signal handler) between steps.
      await new Promise((resolve) => setImmediate(resolve));
      if (ctx.signal?.aborted === true) {
        flushLoss();
        save();
        log(ctx, 'warn', `cancelled at step ${state.step}; checkpoint written`);
        throw new TrainingCancelledError('training cancelled; run again with the same work folder to resume', {
          stage: ctx.stage,
          step: state.step,
        });
      }
      const started = performance.now();
      const step = state.step + 1;
      const rows = sampler.next(schedule.batchSize);
      const batch = spec.prepare(rows, rng);
      let accumulated: ReturnType<typeof accumulateGradients>;
      try {
        accumulated = accumulateGradients(
          variables,
          batch.micro.map((m) => m.loss),
        );
      } finally {
        batch.dispose?.();
      }
      const { grads } = accumulated;
      const loss = batch.loss ?? accumulated.loss;
      if (!Number.isFinite(loss)) {
        tf.dispose([...grads.values()]);
        throw new TrainingError(`loss is ${loss}`, { stage: ctx.stage, step });
      }
      clipByGlobalNorm(grads, GRADIENT_CLIP);
      const lr = learningRateAt(step, {
        peak: schedule.learningRate,
        warmupSteps: schedule.warmupSteps,
        totalSteps: schedule.steps,
      });
      optimizer.apply(grads, lr);
      tf.dispose([...grads.values()]);

      state.step = step;
      state.seconds += (performance.now() - started) / 1000;
      state.tokens += batch.tokens;
      const point: LossPoint = { stage: ctx.stage, step, loss, learningRate: lr };
      state.history.push(point);
      pendingLoss.push(point);
      for (const [name, value] of Object.entries(batch.sides?.() ?? {})) (state.series[name] ??= []).push(value);
      stepsRun++;
      const now = performance.now();
      if (now - lastProgress >= (ctx.progressIntervalMs ?? PROGRESS_INTERVAL_MS) || state.step === schedule.steps) {
        lastProgress = now;
        flushLoss();
        report(loss, lr);
      }
      if (ctx.checkpointEverySteps > 0 && state.step % ctx.checkpointEverySteps === 0 && state.step < schedule.steps)
        save();
    }
    flushLoss();
    if (stepsRun > 0 || saved === null) save();
    return { history: state.history, series: state.series, seconds: state.seconds, tokens: state.tokens, stepsRun };
  } finally {
    optimizer.dispose();
  }
}

function exportVariables(variables: ReadonlyMap<string, tf.Variable>): Tensor[] {
  return [...variables].map(([key, v]) => ({
    name: key,
    dtype: 'float32',
    shape: v.shape,
    data: Float32Array.from(v.dataSync() as Float32Array),
  }));
}

function restoreVariables(
  variables: ReadonlyMap<string, tf.Variable>,
  saved: ReadonlyMap<string, Tensor>,
  dir: string,
): void {
  for (const [key, v] of variables) {
    const t = saved.get(key);
    if (t === undefined || t.dtype !== 'float32' || t.data.length !== v.size) {
      throw new TrainingError(`the checkpoint has no matching "${key}" (was it written by another preset?)`, {
        file: dir,
      });
    }
    tf.tidy(() => v.assign(tf.tensor(t.data, v.shape, 'float32')));
  }
}
