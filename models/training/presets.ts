import { z } from 'zod';
import type { TrainingPresetInfo } from '../../contracts/training';
import { LINCOLN_SMALL_CONFIG } from '../convbert';
import { TrainingError } from './errors';

const positiveInt = z.number().int().positive();
const rate = z.number().min(0).max(1);

/** One optimisation stage's schedule: `batchSize` rows per optimizer step, computed `microBatchSize` rows at a time. */
const stageScheduleSchema = z
  .object({
    steps: z.number().int().min(0),
    batchSize: positiveInt,
    /** Rows per forward/backward pass; gradients of `batchSize / microBatchSize` passes are summed (wasm heap cap). */
    microBatchSize: positiveInt,
    learningRate: z.number().positive().max(1),
    warmupSteps: z.number().int().min(0),
    weightDecay: z.number().min(0).max(1),
  })
  .refine((s) => s.microBatchSize <= s.batchSize, {
    message: 'microBatchSize must not exceed batchSize',
    path: ['microBatchSize'],
  });

export const TrainingPresetSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/),
  description: z.string(),
  /** Rough wall time on 2 CPU cores with wasm, e.g. "about 35 min". */
  expectedTime: z.string(),
  tokenizer: z.object({
    vocabSize: z.number().int().min(50).max(100_000),
    maxPieceLength: z.number().int().min(1).max(64),
  }),
  model: z.object({
    hiddenSize: positiveInt,
    embeddingSize: positiveInt,
    numHiddenLayers: positiveInt,
    numAttentionHeads: positiveInt,
    intermediateSize: positiveInt,
    convKernelSize: positiveInt.refine((k) => k % 2 === 1, { message: 'must be odd' }),
    /** Truncation length of training rows and of the final model, special tokens included. */
    maxTokens: z.number().int().min(4).max(512),
    /** Rows of the position table; default `maxTokens`. */
    maxPositionEmbeddings: z.number().int().min(4).max(4096).optional(),
  }),
  /** ELECTRA's generator: a smaller ConvBERT sharing the discriminator's embeddings. */
  generator: z.object({
    hiddenSize: positiveInt,
    numHiddenLayers: positiveInt,
    intermediateSize: positiveInt,
    numAttentionHeads: positiveInt,
  }),
  pretrain: stageScheduleSchema.and(
    z.object({
      /** Messages of one stream within this many seconds form one training row. */
      windowSeconds: z.number().positive(),
      /** Weight of the discriminator's loss next to the generator's (ELECTRA: 50). */
      discriminatorWeight: z.number().min(0),
      maskRate: rate,
    }),
  ),
  mlm: stageScheduleSchema.and(z.object({ maskRate: rate })),
  simcse: stageScheduleSchema.and(
    z.object({
      scale: z.number().positive(),
      dropout: z.number().min(0).max(0.9),
      /**
       * How a message's vector is read off the encoder, in training and in the model written (its manifest's
       * `pooling`): the CLS row, or the mean of the message's rows.
       */
      pooling: z.enum(['cls', 'mean']),
    }),
  ),
  /** Share of messages kept out of training for the stages' held-out metrics. */
  heldOutShare: z.number().min(0).max(0.5),
  /**
   * The topic evaluation run when a job ends (the new model next to the bag-of-words baseline on simulated streams
   * with planted topics, 4 msg/s): stream length in minutes (0 = skip) and how many seeds (1..seeds).
   */
  evaluation: z.object({ minutes: z.number().int().min(0).max(240), seeds: z.number().int().min(1).max(10) }),
});

/** A named training configuration: tokenizer size, model shapes and each stage's schedule. */
export type TrainingPreset = z.infer<typeof TrainingPresetSchema>;
type Schedule = z.infer<typeof stageScheduleSchema>;

const schedule = (
  steps: number,
  batchSize: number,
  microBatchSize: number,
  learningRate: number,
  warmupSteps: number,
  weightDecay = 0.01,
): Schedule => ({
  steps,
  batchSize,
  microBatchSize,
  learningRate,
  warmupSteps,
  weightDecay,
});

const PRESETS: readonly TrainingPreset[] = [
  {
    name: 'cpu-small',
    description:
      'The default model: a 4-layer ConvBERT sized to train on a few tens of thousands of messages on one CPU thread.',
    expectedTime: 'about 35 min for 35k messages',
    tokenizer: { vocabSize: 8000, maxPieceLength: 16 },
    model: {
      hiddenSize: 128,
      embeddingSize: 128,
      numHiddenLayers: 4,
      numAttentionHeads: 4,
      intermediateSize: 384,
      convKernelSize: 9,
      maxTokens: 64,
    },
    generator: { hiddenSize: 64, numHiddenLayers: 2, intermediateSize: 192, numAttentionHeads: 2 },
    // Measured on the 2-core machine (one wasm thread, 35k simulator messages, other jobs running): about 1.3 s per
    // pretraining step, 0.9 s per MLM step, 1.5 s per SimCSE step, so these steps take about 32 min. SimCSE at 5e-5
    // barely moved the collapsed CLS vectors in 60 steps (uniformity -0.27); 2e-4 reached -1.2. SimCSE micro-batches
    // of 16: 64 rows of 62 tokens in one pass overflowed the 4 GiB wasm heap (16 rows: 1.2 GiB).
    pretrain: { ...schedule(900, 32, 16, 1e-3, 90), windowSeconds: 10, discriminatorWeight: 50, maskRate: 0.15 },
    mlm: { ...schedule(400, 32, 16, 3e-4, 40), maskRate: 0.15 },
    simcse: { ...schedule(250, 64, 16, 1e-4, 25), scale: 20, dropout: 0.1, pooling: 'cls' },
    heldOutShare: 0.02,
    evaluation: { minutes: 30, seeds: 3 },
  },
  {
    name: 'cpu-tiny',
    description:
      'A toy model that trains in seconds: for tests, smoke runs and the browser test. Not useful for topics.',
    expectedTime: 'under a minute',
    tokenizer: { vocabSize: 400, maxPieceLength: 12 },
    model: {
      hiddenSize: 32,
      embeddingSize: 16,
      numHiddenLayers: 1,
      numAttentionHeads: 2,
      intermediateSize: 64,
      convKernelSize: 3,
      maxTokens: 32,
    },
    generator: { hiddenSize: 16, numHiddenLayers: 1, intermediateSize: 32, numAttentionHeads: 2 },
    pretrain: { ...schedule(12, 8, 4, 3e-3, 2), windowSeconds: 10, discriminatorWeight: 50, maskRate: 0.15 },
    mlm: { ...schedule(12, 8, 4, 3e-3, 2), maskRate: 0.15 },
    simcse: { ...schedule(10, 8, 8, 1e-3, 2), scale: 20, dropout: 0.1, pooling: 'cls' },
    heldOutShare: 0.1,
    // Short: the job tests and the browser test run it; a toy model's scores only show the evaluation works.
    evaluation: { minutes: 3, seeds: 1 },
  },
  {
    name: 'lincoln-small',
    description:
      'The published shape of lincoln/2021twitchfr-conv-bert-small (12 layers, hidden 256): for GPU machines; days on a CPU.',
    expectedTime: 'days on CPU; hours on a GPU',
    tokenizer: { vocabSize: LINCOLN_SMALL_CONFIG.vocab_size, maxPieceLength: 16 },
    model: {
      hiddenSize: LINCOLN_SMALL_CONFIG.hidden_size,
      embeddingSize: LINCOLN_SMALL_CONFIG.embedding_size,
      numHiddenLayers: LINCOLN_SMALL_CONFIG.num_hidden_layers,
      numAttentionHeads: LINCOLN_SMALL_CONFIG.num_attention_heads,
      intermediateSize: LINCOLN_SMALL_CONFIG.intermediate_size,
      convKernelSize: LINCOLN_SMALL_CONFIG.conv_kernel_size,
      maxTokens: 128,
      maxPositionEmbeddings: LINCOLN_SMALL_CONFIG.max_position_embeddings,
    },
    generator: { hiddenSize: 64, numHiddenLayers: 12, intermediateSize: 256, numAttentionHeads: 1 },
    // Micro-batches of 4 rows x 128 tokens: 16 rows overflowed the wasm backend's 4 GiB heap (it aborts).
    pretrain: {
      ...schedule(100_000, 128, 4, 5e-4, 10_000),
      windowSeconds: 10,
      discriminatorWeight: 50,
      maskRate: 0.15,
    },
    mlm: { ...schedule(20_000, 64, 4, 1e-4, 1000), maskRate: 0.15 },
    simcse: { ...schedule(5000, 64, 4, 3e-5, 500), scale: 20, dropout: 0.1, pooling: 'cls' },
    heldOutShare: 0.01,
    evaluation: { minutes: 30, seeds: 3 },
  },
];

/** The default preset's name. */
export const DEFAULT_PRESET = 'cpu-small';

/**
 * The presets as the admin form lists them.
 *
 * @example
 * listPresets().map((p) => p.name); // ['cpu-small', 'cpu-tiny', 'lincoln-small']
 */
export function listPresets(): TrainingPresetInfo[] {
  return PRESETS.map((p) => ({
    name: p.name,
    description: p.description,
    expectedTime: p.expectedTime,
    shape: `${p.model.numHiddenLayers} layers, hidden ${p.model.hiddenSize}, vocab ${p.tokenizer.vocabSize}, ${p.model.maxTokens} tokens`,
  }));
}

/**
 * A preset with overrides applied and everything validated.
 *
 * @param name a preset of {@link listPresets}
 * @param overrides dotted field -> value (`'simcse.steps': 50`, `'model.hiddenSize': 64`); strings holding numbers
 *   or booleans (from a command line) are converted when the field is a number or a boolean
 * @throws TrainingError naming the preset or the field: unknown preset, unknown field, wrong type, invalid value
 * @example
 * const preset = resolvePreset('cpu-tiny', { 'pretrain.steps': 4, 'mlm.learningRate': '0.001' });
 */
export function resolvePreset(
  name: string,
  overrides: Readonly<Record<string, number | string | boolean>> = {},
): TrainingPreset {
  const base = PRESETS.find((p) => p.name === name);
  if (base === undefined)
    throw new TrainingError(`unknown preset "${name}" (known: ${PRESETS.map((p) => p.name).join(', ')})`, {
      field: 'preset',
    });
  const preset = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [path, raw] of Object.entries(overrides)) {
    const keys = path.split('.');
    if (keys[0] === 'name') throw new TrainingError('the preset name cannot be overridden', { field: path });
    let node: Record<string, unknown> = preset;
    for (const key of keys.slice(0, -1)) {
      const child = node[key];
      if (child === null || typeof child !== 'object') throw new TrainingError(`no such preset field`, { field: path });
      node = child as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    const allowOptional = path === 'model.maxPositionEmbeddings';
    if (!(last in node) && !allowOptional) throw new TrainingError('no such preset field', { field: path });
    const current = node[last];
    if (current !== null && typeof current === 'object')
      throw new TrainingError('is a group of fields; override its members', { field: path });
    node[last] = coerce(raw, typeof current === 'undefined' ? 'number' : typeof current, path);
  }
  const parsed = TrainingPresetSchema.safeParse(preset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TrainingError(`invalid value: ${issue.message}`, { field: issue.path.join('.') });
  }
  checkShapes(parsed.data);
  return parsed.data;
}

function coerce(value: number | string | boolean, type: string, field: string): unknown {
  if (type === 'number') {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) throw new TrainingError(`expected a number, got ${JSON.stringify(value)}`, { field });
    return n;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new TrainingError(`expected true or false, got ${JSON.stringify(value)}`, { field });
  }
  if (typeof value !== 'string') throw new TrainingError(`expected a string, got ${JSON.stringify(value)}`, { field });
  return value;
}

/** Shapes ConvBERT cannot be built with, named by preset field before any tensor is made. */
function checkShapes(p: TrainingPreset): void {
  const heads = (hidden: number, heads: number, field: string) => {
    // HF ConvBERT with head_ratio 2: floor(heads / 2) attention heads (at least 1) of size floor(hidden / that / 2),
    // as many convolution heads; together they must fill the hidden width, and HF wants hidden % heads == 0.
    const attention = Math.max(1, Math.floor(heads / 2));
    const size = Math.floor(Math.floor(hidden / attention) / 2);
    if (hidden % heads !== 0 || 2 * attention * size !== hidden)
      throw new TrainingError(`hidden size ${hidden} cannot be split into ${heads} heads`, { field });
  };
  heads(p.model.hiddenSize, p.model.numAttentionHeads, 'model.numAttentionHeads');
  heads(p.generator.hiddenSize, p.generator.numAttentionHeads, 'generator.numAttentionHeads');
  const positions = p.model.maxPositionEmbeddings ?? p.model.maxTokens;
  if (positions < p.model.maxTokens)
    throw new TrainingError(`must be at least model.maxTokens (${p.model.maxTokens})`, {
      field: 'model.maxPositionEmbeddings',
    });
}
