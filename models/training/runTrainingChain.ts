import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  TRAINING_STAGES,
  type LossPoint,
  type StageMetrics,
  type TrainingLogLine,
  type TrainingProgress,
  type TrainingStage,
} from '../../contracts/training';
import type { ConvBertWeights } from '../convbert';
import { loadModelDir, readModelWeights, writeModelDir } from '../format';
import { UnigramTokenizer } from '../tokenizer';
import { initTfBackend } from '../tfjs';
import {
  readStageFile,
  readStageOutput,
  stageOutputDir,
  writeStageOutput,
  type StageOutput,
} from './checkpoint/stageOutput';
import { splitHeldOut, type CorpusMessage } from './data/CorpusMessage';
import { encodeMessages } from './data/encodeMessages';
import { specialIdsOf, structuralIds } from './data/SpecialIds';
import { TrainingError } from './errors';
import type { TrainingPreset } from './presets';
import { runMlmStage } from './stages/mlmStage';
import { runPretrainStage } from './stages/pretrainStage';
import { runSimcseStage } from './stages/simcseStage';
import type { StageContext } from './stages/StageContext';
import type { StageData } from './stages/StageData';
import { runTokenizerStage } from './stages/tokenizerStage';

export interface TrainingChainOptions {
  preset: TrainingPreset;
  /** Stages to run, in chain order (a subset of `tokenizer, pretrain, mlm, simcse`). */
  stages: TrainingStage[];
  /** Preprocessed messages (`preprocessChat`). */
  corpus: CorpusMessage[];
  /** Checkpoints and stage outputs; the same folder resumes an interrupted run. */
  workDir: string;
  seed: number;
  /** The final model directory (written by `writeModelDir`; replaced if it exists). */
  outDir: string;
  modelName: string;
  modelVersion: string;
  /** A model directory for a chain that starts after `pretrain`: its encoder (and MLM head) and its tokenizer. */
  startFrom?: string;
  /** `tensorflow`: tfjs-node(-gpu) when installed, else wasm (the fallback is reported in `backend` and the log). */
  backend?: 'wasm' | 'tensorflow';
  /** Cancel: the run stops at the next step boundary, checkpoints, and throws `TrainingCancelledError`. */
  signal?: AbortSignal;
  /** At most about once a second. */
  onProgress?(p: Omit<TrainingProgress, 'jobId' | 'at'>): void;
  /** Loss points, in batches. */
  onLoss?(points: LossPoint[]): void;
  onLog?(line: Omit<TrainingLogLine, 'at'>): void;
  onStageMetrics?(m: StageMetrics): void;
  /** Default 50 (and always at the end of a stage and on cancel). */
  checkpointEverySteps?: number;
}

export interface TrainingChainResult {
  modelDir: string;
  stageMetrics: StageMetrics[];
  /** The backend the chain ran on, with any fallback, e.g. `wasm (SIMD, 1 thread)`. */
  backend: string;
  seconds: number;
}

const MODEL_STAGES = ['pretrain', 'mlm', 'simcse'] as const;
const RUN_FILE = 'run.json';

/**
 * Runs the training chain: tokenizer (Unigram), ELECTRA pretraining, masked LM, unsupervised SimCSE; writes the
 * final model (encoder + MLM head when the MLM stage ran or the start model had one, CLS pooling, the preset's
 * `maxTokens`, the tokenizer with `chat` preprocessing) with `writeModelDir`, which also builds its ONNX graph.
 *
 * Resumable: each stage writes its output under `workDir/<stage>/output` when done and checkpoints under
 * `workDir/<stage>/checkpoint` while running. Run again with the same `workDir` (same preset, seed and stages):
 * completed stages are reloaded, the interrupted one continues from its checkpoint, with the same result as an
 * uninterrupted run.
 *
 * @throws TrainingError for an invalid request (stage order, no tokenizer source, a work folder of another
 *   preset), a corpus too small, a non-finite loss; TrainingCancelledError after a cancel
 * @example
 * const result = await runTrainingChain({
 *   preset: resolvePreset('cpu-tiny'), stages: ['tokenizer', 'pretrain', 'mlm', 'simcse'], corpus, seed: 1,
 *   workDir: 'data/training/job-1', outDir: 'data/models/chat-topics-cpu-tiny@1',
 *   modelName: 'chat-topics-cpu-tiny', modelVersion: '1', onProgress: (p) => console.log(p.stage, p.step),
 * });
 */
export async function runTrainingChain(options: TrainingChainOptions): Promise<TrainingChainResult> {
  const started = performance.now();
  const { preset, stages, workDir } = options;
  checkStages(stages, options.startFrom);
  const log = (level: 'info' | 'warn' | 'error', message: string) => options.onLog?.({ level, message });
  const tf = await initTfBackend({ backend: options.backend ?? 'wasm' });
  const backend = describeBackend(tf);
  for (const warning of tf.warnings) log('warn', warning);
  log(
    'info',
    `preset ${preset.name}, stages ${stages.join(',')}, ${options.corpus.length} messages, backend ${backend}`,
  );
  mkdirSync(workDir, { recursive: true });
  checkRunFile(workDir, options);

  const { train, heldOut } = splitHeldOut(options.corpus, preset.heldOutShare);
  const stageMetrics: StageMetrics[] = [];
  const details: Record<string, unknown> = {};
  const recordStage = (stage: TrainingStage, output: StageOutput) => {
    stageMetrics.push(output.metrics);
    details[stage] = output.details;
    options.onStageMetrics?.(output.metrics);
  };
  const start = options.startFrom === undefined ? null : loadModelDir(options.startFrom);
  const estimate = new StageTimeEstimate(preset, stages, train);
  const context = (stage: TrainingStage): StageContext => ({
    stage,
    stageIndex: stages.indexOf(stage),
    stageCount: stages.length,
    workDir,
    seed: options.seed,
    signal: options.signal,
    callbacks: options,
    checkpointEverySteps: options.checkpointEverySteps ?? 50,
    elapsedSeconds: () => (performance.now() - started) / 1000,
    laterStagesSeconds: (secondsPerToken) => estimate.after(stage, secondsPerToken),
  });

  // Stage 1: the tokenizer, or the one of the start model / of an earlier run in this work folder.
  let tokenizerJson: Uint8Array;
  const tokenizerDir = stageOutputDir(workDir, 'tokenizer');
  if (stages.includes('tokenizer')) {
    const done = readStageOutput(tokenizerDir);
    if (done !== null) {
      log('info', '[tokenizer] already done; reloading');
      tokenizerJson = readStageFile(tokenizerDir, 'tokenizer.json');
      recordStage('tokenizer', done);
    } else {
      const result = await runTokenizerStage(
        context('tokenizer'),
        preset,
        train.map((m) => m.text),
      );
      writeStageOutput(tokenizerDir, result.output, { 'tokenizer.json': result.json });
      tokenizerJson = result.json;
      recordStage('tokenizer', result.output);
    }
  } else if (start !== null && start.manifest.tokenizer !== null) {
    tokenizerJson = readFileSync(join(start.dir, start.manifest.tokenizer.file));
  } else if (existsSync(join(tokenizerDir, 'tokenizer.json'))) {
    tokenizerJson = readStageFile(tokenizerDir, 'tokenizer.json');
  } else {
    throw new TrainingError(
      'no tokenizer: list the tokenizer stage, or give startFrom a model directory with a tokenizer',
      { field: 'stages' },
    );
  }
  const tokenizer = UnigramTokenizer.fromJson(JSON.parse(new TextDecoder().decode(tokenizerJson)), 'tokenizer.json');
  const specials = specialIdsOf(tokenizer);

  // Stages 2-4, each from the previous one's weights.
  let weights: ConvBertWeights | null = start !== null && !stages.includes('pretrain') ? readModelWeights(start) : null;
  const maxTokens = Math.min(preset.model.maxTokens, weights?.config.maxPositionEmbeddings ?? Infinity);
  const effective: TrainingPreset = { ...preset, model: { ...preset.model, maxTokens } };
  let data: StageData | null = null;
  const stageData = (): StageData => {
    data ??= {
      vocabSize: tokenizer.vocabSize,
      specials,
      protectedIds: structuralIds(specials),
      train: encodeMessages(tokenizer, train),
      heldOut: encodeMessages(tokenizer, heldOut),
    };
    return data;
  };
  for (const stage of MODEL_STAGES) {
    if (!stages.includes(stage)) continue;
    const dir = stageOutputDir(workDir, stage);
    let output = readStageOutput(dir);
    if (output !== null) {
      log('info', `[${stage}] already done; reloading its output`);
    } else {
      const ctx = context(stage);
      if (stage === 'pretrain') output = await runPretrainStage(ctx, effective, stageData());
      else if (weights === null)
        throw new TrainingError(`nothing to start from: run pretrain first or give startFrom`, { stage });
      else if (stage === 'mlm') output = await runMlmStage(ctx, effective, stageData(), weights);
      else output = await runSimcseStage(ctx, effective, stageData(), weights);
      writeStageOutput(dir, output);
    }
    weights = output.weights;
    recordStage(stage, output);
  }
  if (weights === null) throw new TrainingError('no model weights were produced', { field: 'stages' });

  const seconds = (performance.now() - started) / 1000;
  writeModelDir(
    options.outDir,
    {
      name: options.modelName,
      version: options.modelVersion,
      source: { kind: 'training', ref: preset.name },
      weights,
      pooling: preset.simcse.pooling,
      maxTokens,
      tokenizer: { json: tokenizerJson, preprocess: 'chat' },
      metrics: { preset: preset.name, stageMetrics, seconds, backend, details, presetConfig: preset },
      notes: `Trained here with preset ${preset.name} (stages ${stages.join(', ')}) on ${options.corpus.length} messages, seed ${options.seed}.`,
    },
    { overwrite: true },
  );
  log('info', `model written (${seconds.toFixed(1)} s)`);
  return { modelDir: options.outDir, stageMetrics, backend, seconds };
}

function checkStages(stages: readonly TrainingStage[], startFrom: string | undefined): void {
  if (stages.length === 0) throw new TrainingError('no stage to run', { field: 'stages' });
  let last = -1;
  for (const stage of stages) {
    const at = TRAINING_STAGES.indexOf(stage);
    if (at < 0) throw new TrainingError(`unknown stage "${stage}"`, { field: 'stages' });
    if (at <= last)
      throw new TrainingError(`stages must be listed once each, in chain order (${TRAINING_STAGES.join(', ')})`, {
        field: 'stages',
      });
    last = at;
  }
  if (!stages.some((s) => s !== 'tokenizer'))
    throw new TrainingError('the chain needs a model stage (pretrain, mlm or simcse) to produce a model', {
      field: 'stages',
    });
  if (!stages.includes('pretrain') && startFrom === undefined) {
    throw new TrainingError(`stages ${stages.join(',')} start after pretrain: give startFrom (a model directory)`, {
      field: 'startFrom',
    });
  }
}

/** Refuses to resume a work folder begun with another preset, seed or stage list: its checkpoints would not fit. */
function checkRunFile(workDir: string, options: TrainingChainOptions): void {
  const file = join(workDir, RUN_FILE);
  // CLS was the only pooling before `simcse.pooling` existed: left out of the identity, so a folder begun then resumes.
  const { pooling, ...simcse } = options.preset.simcse;
  const preset = pooling === 'cls' ? { ...options.preset, simcse } : options.preset;
  const identity = JSON.stringify({ preset, seed: options.seed, stages: options.stages });
  const messages = options.corpus.length;
  if (existsSync(file)) {
    const previous = JSON.parse(readFileSync(file, 'utf8')) as { identity: string; messages: number };
    if (previous.identity !== identity)
      throw new TrainingError(
        'this work folder belongs to a run with another preset, seed or stage list; use a new folder',
        { file },
      );
    // A grown archive is not an error (the job resumes), but the resumed stages no longer see the same rows.
    if (previous.messages !== messages)
      options.onLog?.({
        level: 'warn',
        message: `the corpus has ${messages} messages, ${previous.messages} when this run started: resumed stages train on the new corpus`,
      });
  } else {
    writeFileSync(file, JSON.stringify({ identity, messages }));
  }
}

function describeBackend(info: { backend: string; threads: number; simd: boolean; warnings: string[] }): string {
  const base =
    info.backend === 'wasm'
      ? `wasm (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})`
      : info.backend;
  const fallback = info.warnings.find((w) => w.includes('not available'));
  return fallback === undefined ? base : `${base}; ${fallback}`;
}

/** Rough seconds of the stages after one, from the measured seconds per token (for the ETA). */
class StageTimeEstimate {
  private readonly tokensPerMessage: number;

  constructor(
    private readonly preset: TrainingPreset,
    private readonly stages: readonly TrainingStage[],
    train: readonly CorpusMessage[],
  ) {
    // Characters / 4 is near the tokens per chat message of a Unigram vocabulary; only a rough number is needed.
    const sample = train.slice(0, 2000);
    this.tokensPerMessage =
      sample.length === 0 ? 10 : 2 + sample.reduce((n, m) => n + m.text.length, 0) / sample.length / 4;
  }

  after(stage: TrainingStage, secondsPerToken: number | null): number {
    if (secondsPerToken === null) return 0;
    const p = this.preset;
    const window = p.model.maxTokens * 0.8;
    let tokens = 0;
    for (const later of this.stages.slice(this.stages.indexOf(stage) + 1)) {
      if (later === 'pretrain') tokens += p.pretrain.steps * p.pretrain.batchSize * window * 1.5;
      if (later === 'mlm') tokens += p.mlm.steps * p.mlm.batchSize * window;
      if (later === 'simcse')
        tokens += p.simcse.steps * p.simcse.batchSize * 2 * Math.min(this.tokensPerMessage, p.model.maxTokens);
    }
    return tokens * secondsPerToken;
  }
}
