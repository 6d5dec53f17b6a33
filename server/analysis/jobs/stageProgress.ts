import { PIPELINE_STAGES, type PipelineStage } from '../../../contracts/analysis';

/**
 * Each stage's usual share of a whole-stream analysis' time, in percent: measured on a 15k-message simulated
 * stream with the bag-of-words embedder, one thread (`npm run bench -- workspace`: 118 s in all). UMAP dominates;
 * the moments' linkage and the 2-D map (a second, smaller UMAP) come next; `load` includes starting the child
 * process and the embedder. A model embedder makes `embed` longer: the bar then moves faster than the clock through
 * the embedding, and the ETA corrects itself as it goes. `cluster` (a clusterer other than HDBSCAN) takes HDBSCAN's
 * place; only one of the two runs.
 */
export const STAGE_WEIGHTS: Readonly<Record<PipelineStage, number>> = {
  load: 5,
  embed: 3,
  knn: 6,
  umap: 47,
  hdbscan: 2,
  cluster: 0,
  labels: 1,
  moments: 22,
  silhouette: 3,
  map: 9,
  workspace: 1,
  summary: 1,
};

const TOTAL = PIPELINE_STAGES.reduce((s, stage) => s + STAGE_WEIGHTS[stage], 0);

/**
 * The share of the whole analysis done when `stage` is `fraction` done: every stage before it in pipeline order
 * counts as done (a stage that does not run is skipped over).
 *
 * @example overallFraction('umap', 0.5) // (5 + 3 + 6 + 23.5) / 100
 */
export function overallFraction(stage: PipelineStage, fraction: number): number {
  let done = 0;
  for (const s of PIPELINE_STAGES) {
    if (s === stage) break;
    done += STAGE_WEIGHTS[s];
  }
  const within = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return Math.min(1, (done + STAGE_WEIGHTS[stage] * within) / TOTAL);
}

/** Within a stage, the clock alone never moves the bar past this share of it (the stage's end is reported). */
const MAX_INTERPOLATED = 0.9;

/**
 * Progress as the page shows it between two reports of the child: the pipeline reports most stages only when they
 * begin and end, so within a stage the bar moves with the clock, at the pace of the stages before it (the stage's
 * weight times the time per unit of progress so far), up to {@link MAX_INTERPOLATED} of the stage.
 *
 * @param reported the overall fraction from the child's last report
 * @param stageBase the overall fraction when the current stage began
 * @param runningMs time since the child started
 * @param stageMs time since the current stage began
 * @example estimateProgress({ stage: 'umap', reported: 0.14, stageBase: 0.14, runningMs: 20_000, stageMs: 10_000 })
 */
export function estimateProgress(input: {
  stage: PipelineStage | null;
  reported: number;
  stageBase: number;
  runningMs: number;
  stageMs: number;
}): { fraction: number; etaSeconds: number | null } {
  let fraction = input.reported;
  const beforeMs = input.runningMs - input.stageMs;
  if (input.stage !== null && input.stageBase >= MIN_FRACTION && beforeMs > 0) {
    const expectedStageMs = (beforeMs / input.stageBase) * (STAGE_WEIGHTS[input.stage] / TOTAL);
    const within = expectedStageMs > 0 ? Math.min(MAX_INTERPOLATED, input.stageMs / expectedStageMs) : 0;
    fraction = Math.max(fraction, overallFraction(input.stage, within));
  }
  return { fraction, etaSeconds: etaSeconds(input.runningMs, fraction) };
}

/** Progress below this share, or fewer milliseconds than this, tell too little for an estimate. */
const MIN_FRACTION = 0.02;
const MIN_ELAPSED_MS = 1000;

/**
 * Seconds left, assuming the rest goes at the pace so far; null until there is enough to tell.
 * @param elapsedMs time since the analysis began running (not since it was queued)
 * @example etaSeconds(30_000, 0.25) // 90
 */
export function etaSeconds(elapsedMs: number, fraction: number): number | null {
  if (fraction >= 1) return 0;
  if (fraction < MIN_FRACTION || elapsedMs < MIN_ELAPSED_MS) return null;
  return Math.max(0, ((elapsedMs / fraction) * (1 - fraction)) / 1000);
}
