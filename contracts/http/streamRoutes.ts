import { z } from 'zod';
import { PIPELINE_STAGES, TopicAnalysisSchema, TopicPipelineParamsSchema } from '../analysis';
import { EmptyBodySchema } from './adminRoutes';
import { defineRoute } from './route';

/**
 * The analyst's workspace API: whole-stream analyses run in the background, stored under the data directory keyed by
 * stream, model and parameters, read back at once, searched. Starting and cancelling need the operator token
 * (`x-csrf-token`), like imports; reading is open to whoever may watch.
 */

/** Where a background analysis is. */
export const ANALYSIS_JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const AnalysisJobSchema = z.object({
  id: z.string(),
  streamId: z.string(),
  /** The embedder's id as the analysis names it (`bow`, a shipped model's name, …). */
  model: z.string(),
  state: z.enum(ANALYSIS_JOB_STATES),
  /** The stage running now (null before the first and after the last). */
  stage: z.enum(PIPELINE_STAGES).nullable(),
  /** Share of the whole analysis done, 0..1 (stages weighted by their usual share of the time). */
  fraction: z.number().min(0).max(1),
  /** Seconds left, estimated from the progress so far; null until it can be told. */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Epoch ms. */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The stored analysis, once done. */
  key: z.string().nullable(),
  /** Why it failed (null otherwise). */
  error: z.string().nullable(),
});
export type AnalysisJob = z.infer<typeof AnalysisJobSchema>;

/** A stored analysis as listed (the document itself is read with {@link streamApi.analysis}). */
export const StoredAnalysisSchema = z.object({
  /** Stable for a stream, model and parameters: re-running the same replaces it, another model adds one. */
  key: z.string(),
  streamId: z.string(),
  model: z.object({ id: z.string(), kind: z.enum(['bow', 'http', 'convbert']), dimension: z.number().int() }),
  /** Epoch ms it was stored. */
  createdAt: z.number(),
  messages: z.number().int().nonnegative(),
  topics: z.number().int().nonnegative(),
  moments: z.number().int().nonnegative(),
  noiseRate: z.number().min(0).max(1),
  totalMs: z.number().nonnegative(),
  /** A short human summary of the parameters that differ from the defaults ("" for the defaults). */
  parameters: z.string(),
  /** Whether message vectors were kept beside it (search by meaning needs them). */
  searchable: z.boolean(),
});
export type StoredAnalysis = z.infer<typeof StoredAnalysisSchema>;

export const StreamAnalysesSchema = z.object({
  analyses: z.array(StoredAnalysisSchema),
  /** Jobs of this stream that are queued, running, or finished since the server started. */
  jobs: z.array(AnalysisJobSchema),
});
export type StreamAnalyses = z.infer<typeof StreamAnalysesSchema>;

/** What to analyse with: the server's embedder and the default parameters when left out. */
export const StartAnalysisBodySchema = z.object({
  /** A shipped model's name, an installed model, or `bow`; default: the live embedder's model. */
  model: z.string().optional(),
  params: TopicPipelineParamsSchema.partial().optional(),
});
export type StartAnalysisBody = z.input<typeof StartAnalysisBodySchema>;

export const SEARCH_MODES = ['text', 'meaning'] as const;

export const AnalysisSearchQuerySchema = z.object({
  q: z.string().min(1),
  mode: z.enum(SEARCH_MODES).default('text'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Only messages at or after this elapsed second. */
  from: z.coerce.number().optional(),
  /** Only messages at or before this elapsed second. */
  to: z.coerce.number().optional(),
});

export const AnalysisSearchResultSchema = z.object({
  mode: z.enum(SEARCH_MODES),
  /** Best first: the index in the analysis' `messages` and the score (text: matched terms; meaning: cosine). */
  messages: z.array(z.object({ index: z.number().int().nonnegative(), score: z.number() })),
  /** Topics ranked by the query (meaning: cosine to the topic's centroid; text: share of its messages that match). */
  topics: z.array(z.object({ topic: z.number().int().nonnegative(), score: z.number() })),
  /** Time the server spent answering. */
  ms: z.number().nonnegative(),
});
export type AnalysisSearchResult = z.infer<typeof AnalysisSearchResultSchema>;

/** The workspace's routes. Errors: 400 bad input, 403 no operator token, 404 unknown stream/analysis/job, 409 busy. */
export const streamApi = {
  /** Stored analyses and recent jobs of one archived stream. */
  analyses: defineRoute({
    method: 'GET',
    path: '/api/streams/:id/analyses',
    query: null,
    body: null,
    response: StreamAnalysesSchema,
  }),
  /** Starts a background analysis (operator); answers the job, queued or running. */
  startAnalysis: defineRoute({
    method: 'POST',
    path: '/api/streams/:id/analyses',
    query: null,
    body: StartAnalysisBodySchema,
    response: AnalysisJobSchema,
  }),
  /** One stored analysis document. */
  analysis: defineRoute({
    method: 'GET',
    path: '/api/streams/:id/analyses/:key',
    query: null,
    body: null,
    response: TopicAnalysisSchema,
  }),
  search: defineRoute({
    method: 'GET',
    path: '/api/streams/:id/analyses/:key/search',
    query: AnalysisSearchQuerySchema,
    body: null,
    response: AnalysisSearchResultSchema,
  }),
  job: defineRoute({
    method: 'GET',
    path: '/api/analysis-jobs/:id',
    query: null,
    body: null,
    response: AnalysisJobSchema,
  }),
  /** Cancels a queued or running job (operator); answers it. */
  cancelJob: defineRoute({
    method: 'POST',
    path: '/api/analysis-jobs/:id/cancel',
    query: null,
    body: EmptyBodySchema,
    response: AnalysisJobSchema,
  }),
} as const;
