import { z } from 'zod';
import {
  LossPointSchema,
  StageMetricsSchema,
  TrainingJobRequestSchema,
  TrainingLogLineSchema,
  TrainingProgressSchema,
  TrainingStageSchema,
} from '../../contracts/training';

/**
 * The one message the server sends a training child: everything it needs to build the corpus and run the chain.
 * Paths are absolute (the child does not share the parent's idea of a working directory).
 */
export const StartTrainingMessageSchema = z.object({
  type: z.literal('start'),
  jobId: z.string(),
  request: TrainingJobRequestSchema,
  stages: z.array(TrainingStageSchema).min(1),
  /** The archive to read streams from; null when the job uses files and simulator text only. */
  archivePath: z.string().nullable(),
  botNames: z.array(z.string()),
  /** Where the request's relative file paths are resolved. */
  cwd: z.string(),
  /** Checkpoints: the same directory again resumes the run. */
  workDir: z.string(),
  /** Where the finished model directory is written. */
  outDir: z.string(),
  modelName: z.string(),
  modelVersion: z.string(),
  seed: z.number().int(),
  /** The model directory the first stage continues from (a run without the tokenizer stage). */
  startFrom: z.string().optional(),
});
export type StartTrainingMessage = z.infer<typeof StartTrainingMessageSchema>;

/** What a training child reports; the parent validates every message (a child is another program's output). */
export const ChildMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: TrainingProgressSchema.omit({ jobId: true, at: true }) }),
  z.object({ type: z.literal('loss'), points: z.array(LossPointSchema) }),
  z.object({ type: z.literal('log'), line: TrainingLogLineSchema.omit({ at: true }) }),
  z.object({ type: z.literal('stageMetrics'), metrics: StageMetricsSchema }),
  z.object({ type: z.literal('backend'), backend: z.string() }),
  z.object({
    type: z.literal('done'),
    modelDir: z.string(),
    stageMetrics: z.array(StageMetricsSchema),
    backend: z.string(),
    seconds: z.number(),
  }),
  z.object({ type: z.literal('cancelled') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;
