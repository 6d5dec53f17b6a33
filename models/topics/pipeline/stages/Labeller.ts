import type { TopicTerm } from '../../../../contracts/analysis';
import type { SparseRows } from '../../labels';

/** The messages of a labelling run, aligned by index. */
export interface LabellerInput {
  texts: readonly string[];
  /** Emotes of each message, when the source knows them. */
  emotes?: readonly (readonly { name: string }[])[] | undefined;
  /** Emote names of the whole corpus. */
  emoteNames?: Iterable<string> | undefined;
}

/**
 * The term counts behind a grouping's labels, as plain data (what the topic hierarchy re-weights when it merges
 * groups): row g of `counts` is group g's term counts; a term's weight in any union of groups is its share of the
 * union's counts times `idf`, the labels' own weighting.
 */
export interface GroupTermModel {
  /** Term id -> the term as chat wrote it most often (what labels show). */
  vocabulary: string[];
  /** Per term id, the inverse frequency the labels were weighted with. */
  idf: Float64Array;
  /** One row per group 0..nGroups-1 (noise left out). */
  counts: SparseRows;
}

/** Names of the groups of one grouping. */
export interface GroupLabels {
  /** Label terms of each group, best first. */
  terms: TopicTerm[][];
  /** Message indices that represent each group best. */
  representatives: number[][];
  /** The term counts behind `terms`, built on demand (a labeller without counts leaves it out). */
  termModel?: () => GroupTermModel;
}

/** Labels any grouping of the messages it read (the topics, then the moments). */
export type GroupLabelFn = (labels: Int32Array, nGroups: number) => GroupLabels;

/**
 * Names groups of messages: reads the messages once (`read`: tokenizing, the costly part), then labels any grouping of
 * them. c-TF-IDF today (`ctfidfLabeller`).
 */
export interface Labeller {
  readonly kind: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  read(input: LabellerInput): GroupLabelFn;
}
