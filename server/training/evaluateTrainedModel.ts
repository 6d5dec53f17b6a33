import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { TopicEvalSummary } from '../../contracts/training';
import { createEmbedder } from '../../models/embedding/createEmbedder';
import { MODEL_FILES, parseModelManifest } from '../../models/format';
import { evaluatePlantedTopics, summarizeRuns, type PlantedTopicRun } from '../analysis/plantedTopicEval';

/** Messages per second of the simulated evaluation streams (the README's evaluation table uses the same). */
const EVAL_RATE = 4;

/**
 * The topic evaluation of `npm run eval -- topics` for a freshly trained model next to the bag-of-words baseline:
 * the same simulated streams (seeds 1..`seeds`, `minutes` long, 4 msg/s) clustered with the reference parameters,
 * scored against the planted topics. Both embedders run on identical streams, so the comparison is fair even when
 * the machine is noisy (the scores do not depend on time).
 *
 * @param modelDir the trained model directory
 * @example
 * const summary = await evaluateAgainstBaseline('data/models/m/1', { minutes: 30, seeds: 3 });
 * summary.model.nmi > summary.bow.nmi; // does the model beat the baseline?
 */
export async function evaluateAgainstBaseline(
  modelDir: string,
  evaluation: { minutes: number; seeds: number },
): Promise<TopicEvalSummary> {
  const params = TopicPipelineParamsSchema.parse({});
  const seeds = Array.from({ length: evaluation.seeds }, (_, i) => i + 1);
  const scores = async (spec: string): Promise<PlantedTopicRun[]> => {
    const created = await createEmbedder(spec, { threads: 1 });
    try {
      const runs: PlantedTopicRun[] = [];
      for (const seed of seeds)
        runs.push(await evaluatePlantedTopics(spec, created, evaluation.minutes, seed, EVAL_RATE, params));
      return runs;
    } finally {
      await created.embedder.close();
    }
  };
  const bow = summarizeRuns(await scores('bow'));
  const model = summarizeRuns(await scores(modelDir));
  const seedText = seeds.length === 1 ? 'seed 1' : `seeds 1-${seeds.length}`;
  return {
    model,
    bow,
    setup: `simulated ${evaluation.minutes}-min streams at ${EVAL_RATE} msg/s (${seedText}), time column on, reference parameters`,
  };
}

/**
 * Stores a topic evaluation in a model directory's manifest (`metrics.topicEval`), atomically. The manifest lists
 * the other files' hashes, not its own, so the directory stays valid.
 */
export function recordTopicEval(modelDir: string, topicEval: TopicEvalSummary): void {
  const file = path.join(modelDir, MODEL_FILES.manifest);
  const manifest = parseModelManifest(JSON.parse(readFileSync(file, 'utf8')), { dir: modelDir });
  const updated = { ...manifest, metrics: { ...manifest.metrics, topicEval } };
  parseModelManifest(updated, { dir: modelDir });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(updated, null, 2) + '\n');
  renameSync(temp, file);
}
