import { z } from 'zod';
import { PIPELINE_STAGES, TopicPipelineParamsSchema } from '../../../contracts/analysis';
import { StoredAnalysisSchema } from '../../../contracts/http';

/**
 * The one message the server sends an analysis child: what to analyse, with what, and where to store it. Paths are
 * absolute (the child does not share the parent's working directory by contract).
 */
export const StartAnalysisMessageSchema = z.object({
  type: z.literal('start'),
  jobId: z.string(),
  streamId: z.string(),
  archivePath: z.string(),
  /** The analysis store's location: a directory or a PostgreSQL URL (`AnalysisStore.location`). */
  storeLocation: z.string(),
  /** What `startConfiguredEmbedder` starts: a model directory, a shipped model's name, `bow`, a URL. */
  modelSpec: z.string(),
  params: TopicPipelineParamsSchema,
  /** The server's validated configuration (embedder threads, batching, token...); validated again by the child. */
  config: z.record(z.string(), z.unknown()),
  /** Where a relative model directory is resolved. */
  cwd: z.string(),
});
export type StartAnalysisMessage = z.infer<typeof StartAnalysisMessageSchema>;

/** What an analysis child reports; the parent validates every message. */
export const AnalysisChildMessageSchema = z.discriminatedUnion('type', [
  /** The embedder started: the model's id as the analysis will name it. */
  z.object({
    type: z.literal('model'),
    model: z.object({ id: z.string(), kind: z.enum(['bow', 'http', 'convbert']), dimension: z.number().int() }),
  }),
  /** `fraction` of `stage` done. */
  z.object({ type: z.literal('progress'), stage: z.enum(PIPELINE_STAGES), fraction: z.number().min(0).max(1) }),
  z.object({ type: z.literal('done'), stored: StoredAnalysisSchema }),
  z.object({ type: z.literal('cancelled') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type AnalysisChildMessage = z.infer<typeof AnalysisChildMessageSchema>;
