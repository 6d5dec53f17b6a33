import type { ClustererKind, ClustererParams, StageRecord } from '../../contracts/pipelineStages';

/** Each clusterer as the topic panel names it; the type makes a clusterer added to the contract a compile error here. */
export const CLUSTERER_NAMES: Readonly<Record<ClustererKind, string>> = { hdbscan: 'HDBSCAN', kmeans: 'k-means' };

const STAGE_NAMES: Readonly<Record<string, string>> = { ...CLUSTERER_NAMES, umap: 'UMAP', ctfidf: 'c-TF-IDF' };

/** A stage kind's display name (`kmeans` -> `k-means`); an unknown kind as the server wrote it. */
export function stageName(kind: string): string {
  return STAGE_NAMES[kind] ?? kind;
}

/** The clusterer setting in a few words: `HDBSCAN`, `k-means (k 8)`. */
export function clustererText(clusterer: ClustererParams): string {
  return clusterer.kind === 'kmeans' ? `${CLUSTERER_NAMES.kmeans} (k ${clusterer.k})` : CLUSTERER_NAMES[clusterer.kind];
}

/**
 * One stage as it ran, in a few words: its name and the parameter that tells most (`UMAP (10-d)`, `k-means (k 8)`).
 * @param minSize HDBSCAN's minimum cluster size in the reader's words (`taille min. 15`)
 * @example stageText({ role: 'clusterer', kind: 'kmeans', parameters: { k: 8, seed: 42 } }) // 'k-means (k 8)'
 */
export function stageText(stage: StageRecord, minSize: (count: number) => string = (n) => `min size ${n}`): string {
  const p = stage.parameters;
  const detail =
    stage.kind === 'umap'
      ? `${String(p.nComponents)}-d`
      : stage.kind === 'kmeans'
        ? `k ${String(p.k)}`
        : stage.kind === 'hdbscan'
          ? minSize(Number(p.minClusterSize))
          : null;
  return detail === null ? stageName(stage.kind) : `${stageName(stage.kind)} (${detail})`;
}

/** Every parameter of a stage, `name=value` separated by commas (for a tooltip). */
export function stageParameters(stage: StageRecord): string {
  return Object.entries(stage.parameters)
    .map(([name, value]) => `${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}
