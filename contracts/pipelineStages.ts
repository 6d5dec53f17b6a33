import { z } from 'zod';

/**
 * The swappable stages of the topic pipeline as parameters and as a record. The clusterer is chosen by `kind`
 * (`models/topics/pipeline/stages/registry.ts` maps each kind to its implementation); a second clusterer is one entry
 * in `ClustererParamsSchema` plus one registry line.
 */

/**
 * HDBSCAN, the reference's clusterer and the default. Its parameters stay in the pipeline's `hdbscan` section, where
 * every analysis document since version 1 has them (and where the flags' error messages point).
 */
export const HdbscanClustererSchema = z.strictObject({ kind: z.literal('hdbscan') });

/**
 * k-means (Lloyd's iterations from a seeded k-means++ start): the worked example of a second clusterer. Every message
 * joins a topic (no noise) and `k` is fixed in advance, so it suits comparisons more than live chat.
 */
export const KmeansClustererSchema = z.strictObject({
  kind: z.literal('kmeans'),
  k: z.number().int().min(2).max(1000).default(12),
  seed: z.number().int().default(42),
  maxIterations: z.number().int().min(1).max(10_000).default(100),
});

/** Which clusterer runs, with its own parameters; strict, so a parameter of another kind is an error, not ignored. */
export const ClustererParamsSchema = z.discriminatedUnion('kind', [HdbscanClustererSchema, KmeansClustererSchema]);
export type ClustererParams = z.infer<typeof ClustererParamsSchema>;
export type ClustererKind = ClustererParams['kind'];

/** Every clusterer kind, for usage texts and error messages. */
export const CLUSTERER_KINDS: readonly ClustererKind[] = ClustererParamsSchema.options.map((o) => o.shape.kind.value);

/** The roles of the swappable stages, in pipeline order. */
export const STAGE_ROLES = ['embedder', 'reducer', 'clusterer', 'labeller'] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

/** One stage as it ran: its role, the implementation's kind and the parameters it ran with. */
export const StageRecordSchema = z.object({
  role: z.enum(STAGE_ROLES),
  kind: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()),
});
export type StageRecord = z.infer<typeof StageRecordSchema>;
