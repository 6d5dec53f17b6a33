import { z } from 'zod';

/**
 * Training jobs, the model registry and the admin section: one definition each, shared by the training child
 * process, the server, the CLI and the dashboard (which imports types only). Schemas validate what crosses a
 * process or network boundary (admin API bodies, the job child's messages, persisted job files).
 */

/** The stages of the chain, in the order they run. */
export const TRAINING_STAGES = ['tokenizer', 'pretrain', 'mlm', 'simcse'] as const;
export const TrainingStageSchema = z.enum(TRAINING_STAGES);
export type TrainingStage = z.infer<typeof TrainingStageSchema>;

/**
 * Which chat the chain learns from. Archived streams are chosen by channel and date range (all streams when both
 * are unset); files are chat files on the server (any import format); the simulator adds synthetic French chat.
 */
export const TrainingCorpusSpecSchema = z.object({
  /** Archived streams of these channels (Twitch logins, `demo`); empty or unset: every channel. */
  channels: z.array(z.string().min(1).max(50)).max(100).optional(),
  /** Streams started at or after this instant (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Streams started before this instant (ISO 8601). */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Use archived streams at all (default true when no files are given). */
  archive: z.boolean().optional(),
  /** Chat files on the server's disk (CLI) — paths as the user gave them. */
  files: z.array(z.string().min(1)).max(1000).optional(),
  /**
   * Plain text files, one raw message per line, no time or user (e.g. collected chat lines); plain or `.gz`.
   * Consecutive lines stand for consecutive messages (pretraining windows are runs of lines).
   */
  lineFiles: z.array(z.string().min(1)).max(1000).optional(),
  /** Synthetic messages from the chat simulator added to the corpus (0 = none). */
  simulatorMessages: z.number().int().min(0).max(5_000_000).optional(),
  /** Seed of the simulator text. */
  simulatorSeed: z.number().int().optional(),
});
export type TrainingCorpusSpec = z.infer<typeof TrainingCorpusSpecSchema>;

/** What starts a training job (CLI flags and the admin form produce the same object). */
export const TrainingJobRequestSchema = z.object({
  /** A preset name (`GET /api/admin/presets` lists them). */
  preset: z.string().min(1).max(50),
  /** Stages to run, in chain order; default all four. A stage without its input (e.g. `mlm` alone) starts from the active model. */
  stages: z.array(TrainingStageSchema).min(1).max(4).optional(),
  corpus: TrainingCorpusSpecSchema,
  /** Preset fields to override, by dotted name (`simcse.steps`, `model.hiddenSize`...). */
  overrides: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  /** Name of the resulting model (default `chat-topics-<preset>`). */
  modelName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/)
    .optional(),
  /** Seed of every random choice of the run. */
  seed: z.number().int().optional(),
});
export type TrainingJobRequest = z.infer<typeof TrainingJobRequestSchema>;

/** One progress report of a running job: sent at most about once a second per job. */
export const TrainingProgressSchema = z.object({
  jobId: z.string(),
  stage: TrainingStageSchema,
  /** 0-based index of the stage among the job's stages, and how many there are. */
  stageIndex: z.number().int().min(0),
  stageCount: z.number().int().min(1),
  /** Optimizer steps done in this stage (the tokenizer reports EM rounds) and the stage's total. */
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  /** Training loss of the last step (null before the first). */
  loss: z.number().nullable(),
  learningRate: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  /** Estimated seconds left in the whole job (null until it can be estimated). */
  etaSeconds: z.number().nullable(),
  elapsedSeconds: z.number().min(0),
  /** ISO 8601 instant of the report. */
  at: z.string(),
});
export type TrainingProgress = z.infer<typeof TrainingProgressSchema>;

/** One point of a loss curve. */
export const LossPointSchema = z.object({
  stage: TrainingStageSchema,
  step: z.number().int().min(0),
  loss: z.number(),
  learningRate: z.number().nullable(),
});
export type LossPoint = z.infer<typeof LossPointSchema>;

export const TrainingLogLineSchema = z.object({
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type TrainingLogLine = z.infer<typeof TrainingLogLineSchema>;

/**
 * `queued` waits for the running job; `interrupted` was running when the server stopped and resumes from its last
 * checkpoint at the next start.
 */
export const TrainingJobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type TrainingJobState = z.infer<typeof TrainingJobStateSchema>;

/** Metrics a stage records when it ends (the model card and the versions table show them). */
export const StageMetricsSchema = z.object({
  stage: TrainingStageSchema,
  steps: z.number().int().min(0),
  seconds: z.number().min(0),
  tokensPerSecond: z.number().nullable(),
  firstLoss: z.number().nullable(),
  finalLoss: z.number().nullable(),
  /** Tokenizer: vocabulary size, emotes kept whole, tokens per message on held-out messages. */
  vocabSize: z.number().int().optional(),
  emoteTokens: z.number().int().optional(),
  tokensPerMessage: z.number().optional(),
  /** Pretraining: discriminator accuracy on held-out windows; MLM: top-1 accuracy on held-out masked tokens. */
  heldOutAccuracy: z.number().optional(),
  /** SimCSE: alignment (lower is better) and uniformity (lower is better) on held-out messages (Wang & Isola). */
  alignment: z.number().optional(),
  uniformity: z.number().optional(),
});
export type StageMetrics = z.infer<typeof StageMetricsSchema>;

/** The topic evaluation (`npm run eval -- topics`) of a model next to the bag-of-words baseline. */
export const TopicEvalSummarySchema = z.object({
  model: z.object({ ari: z.number(), nmi: z.number(), purity: z.number(), noise: z.number() }),
  bow: z.object({ ari: z.number(), nmi: z.number(), purity: z.number(), noise: z.number() }),
  /** Streams, minutes and messages per second of the evaluation. */
  setup: z.string(),
});
export type TopicEvalSummary = z.infer<typeof TopicEvalSummarySchema>;

/** Everything the server knows about one job; persisted as JSON and sent to the admin dashboard. */
export const TrainingJobSchema = z.object({
  id: z.string(),
  request: TrainingJobRequestSchema,
  state: TrainingJobStateSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The last progress report. */
  progress: TrainingProgressSchema.nullable(),
  /** TensorFlow.js backend the job ran on, with fallbacks (e.g. "tfjs-node-gpu not installed; using wasm"). */
  backend: z.string().nullable(),
  stageMetrics: z.array(StageMetricsSchema),
  /** Why it failed (out of memory, a crash, a bad corpus...). */
  error: z.string().nullable(),
  /** The registry id of the model it produced (`<name>@<version>`). */
  resultModel: z.string().nullable(),
  /** Times the job was resumed from a checkpoint after a server restart. */
  resumes: z.number().int().min(0),
});
export type TrainingJob = z.infer<typeof TrainingJobSchema>;

/** One model version in the registry, as listed to admins. */
export interface ModelVersionInfo {
  /** `<name>@<version>`. */
  id: string;
  name: string;
  version: string;
  created: string;
  /** `training`, `huggingface-hub`, `huggingface-dir`, or `builtin` (shipped with the install). */
  source: string;
  /** The training preset, when the model was trained here. */
  preset: string | null;
  bytes: number;
  /** Whether the server embeds with this version now. */
  active: boolean;
  hasMlmHead: boolean;
  stageMetrics: StageMetrics[];
  topicEval: TopicEvalSummary | null;
}

/** A training preset as the admin form lists it. */
export interface TrainingPresetInfo {
  name: string;
  description: string;
  /** Rough wall time on this kind of machine (2 CPU cores, wasm), e.g. "about 30 min". */
  expectedTime: string;
  /** Encoder shape, e.g. "4 layers, hidden 128, vocab 8000". */
  shape: string;
}

/** One candidate of the fill-mask playground. */
export interface FillMaskCandidate {
  token: string;
  /** Softmax probability at the masked position. */
  score: number;
  /** The input with the mask replaced by this token (decoded text). */
  sequence: string;
}

export const FillMaskRequestSchema = z.object({
  /** Text holding exactly one `<mask>`. */
  text: z.string().min(1).max(500),
  /** Registry id; default the active model. */
  model: z.string().optional(),
  top: z.number().int().min(1).max(50).optional(),
});
export type FillMaskRequest = z.infer<typeof FillMaskRequestSchema>;

export const HubImportRequestSchema = z.object({
  /** HuggingFace repo id, e.g. `lincoln/2021twitchfr-conv-bert-small-mlm-simcse`. */
  repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/),
  revision: z.string().min(1).max(100).optional(),
});
export type HubImportRequest = z.infer<typeof HubImportRequestSchema>;

/*
 * The admin HTTP API's routes, their bodies and statuses: `adminApi` in `contracts/http/adminRoutes.ts`. The `/admin`
 * socket.io namespace needs the session cookie on its handshake and `auth: { csrfToken }`; it sends
 * AdminServerToClientEvents (the model list and every job on connect, then changes as they happen).
 */
export const AdminLoginRequestSchema = z.object({ password: z.string().min(1).max(1000) });

/** `GET /api/admin/session`. */
export interface AdminSession {
  /** False when no admin password is configured: the admin section stays locked. */
  enabled: boolean;
  signedIn: boolean;
  /** Send back as the `x-csrf-token` header on every admin POST; present when signed in. */
  csrfToken: string | null;
  /** How to enable admin when it is disabled. */
  hint: string | null;
}

/** Events of the `/admin` socket.io namespace (server to client only; actions go through the HTTP API). */
export interface AdminServerToClientEvents {
  'training:job': (job: TrainingJob) => void;
  'training:progress': (progress: TrainingProgress) => void;
  'training:loss': (payload: { jobId: string; points: LossPoint[] }) => void;
  'training:log': (payload: { jobId: string; line: TrainingLogLine }) => void;
  'models:update': (models: ModelVersionInfo[]) => void;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AdminClientToServerEvents {}
