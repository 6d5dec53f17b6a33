import type { TopicTerm } from '../../../../contracts/analysis';

/** The messages of a labelling run, aligned by index. */
export interface LabellerInput {
  texts: readonly string[];
  /** Emotes of each message, when the source knows them. */
  emotes?: readonly (readonly { name: string }[])[] | undefined;
  /** Emote names of the whole corpus. */
  emoteNames?: Iterable<string> | undefined;
}

/** Names of the groups of one grouping. */
export interface GroupLabels {
  /** Label terms of each group, best first. */
  terms: TopicTerm[][];
  /** Message indices that represent each group best. */
  representatives: number[][];
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
