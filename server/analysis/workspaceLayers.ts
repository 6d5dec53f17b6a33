import type {
  AnalysisMap,
  Highlight,
  HierarchyMerge,
  MessageType,
  TopicPipelineParams,
} from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import { formatLabel } from '../../models/topics/labels';
import {
  pipelineStages,
  type ClusteringResult,
  type GroupTermModel,
  type NeighbourSearch,
} from '../../models/topics/pipeline';
import { highlights, mapLayout, topicHierarchy, topicMessageTypes } from '../../models/topics/workspace';

/** Who wrote a message, as the analysis names them: the display name, else the login. */
export const userOf = (m: ChatMessage): string => m.user.displayName || m.user.login;

/**
 * The 2-D map of the messages (`mapLayout`, on one thread: the same map whatever the analysis' layout threads), from
 * the topic fit's own neighbours; a run too small to cluster had no neighbour search, so a small one is made here.
 * Only for a global fit: a windowed run never holds the whole stream's vectors (its memory is bounded by the
 * window), and a map of all messages would need them all at once.
 */
export async function messageMap(
  vectors: Float32Array,
  dim: number,
  clustering: ClusteringResult,
  options: { neighbours: NeighbourSearch; seed: number },
): Promise<AnalysisMap> {
  const n = vectors.length / dim;
  const knn = clustering.knn ?? (n >= 2 ? await options.neighbours(vectors, dim, Math.min(14, n - 1)) : null);
  return mapLayout(vectors, dim, knn, { seed: options.seed });
}

/** The message type of each topic, the topic hierarchy and the highlights (the 'workspace' stage). */
export function workspaceLayers(
  kept: readonly ChatMessage[],
  input: { texts: readonly string[]; elapsed: Float64Array; emoteNames: Set<string> },
  clustering: ClusteringResult,
  params: TopicPipelineParams,
): { types: MessageType[]; hierarchy: HierarchyMerge[]; highlights: Highlight[] } {
  const { labels, nTopics, terms } = clustering;
  const types = topicMessageTypes(
    kept.map((m) => ({ text: m.text, user: userOf(m), emotes: m.emotes.map((e) => e.name) })),
    labels,
    nTopics,
  );
  // A windowed run keeps no term counts (its windows are labelled without them): the messages are read once more.
  const termModel = clustering.termModel ?? termModelOf(kept, input, clustering, params);
  const sizes = new Array<number>(nTopics).fill(0);
  for (const label of labels) if (label >= 0) sizes[label]!++;
  const hierarchy = topicHierarchy({ termModel, sizes, labels: sizes.map((_, t) => formatLabel(terms[t] ?? [])) });
  const bursts = highlights({ elapsed: input.elapsed, topics: labels, texts: input.texts, terms });
  return { types, hierarchy, highlights: bursts };
}

/** The topics' term counts from a fresh reading of the messages by the run's labeller. */
function termModelOf(
  kept: readonly ChatMessage[],
  input: { texts: readonly string[]; emoteNames: Set<string> },
  clustering: ClusteringResult,
  params: TopicPipelineParams,
): GroupTermModel {
  const labelsOf = pipelineStages(params).labeller.read({
    texts: input.texts,
    emotes: kept.map((m) => m.emotes),
    emoteNames: input.emoteNames,
  });
  const model = labelsOf(clustering.labels, clustering.nTopics).termModel?.();
  if (!model) throw new RangeError(`labeller ${pipelineStages(params).labeller.kind} keeps no term counts`);
  return model;
}
