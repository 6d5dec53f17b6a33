/** How one planted topic is written: its templates and slots (see `grammar.ts` for the template syntax). */
export interface TopicText {
  /** Topic id (`ChatMessage.topic`). */
  id: string;
  /** Message templates; one is drawn per message. */
  templates: readonly string[];
  /** Templates used when a viewer answers an earlier message of the topic (prefixed with `@login`). */
  replies?: readonly string[];
  /** Probability that a message of the topic is written in caps (hype). */
  caps?: number;
  /** Probability that a long message is cut short (copypastas pasted incompletely). */
  truncate?: number;
}

/** A vocabulary module: topics and the slots their templates use. */
export interface Vocabulary {
  slots: Record<string, readonly string[]>;
  topics: readonly TopicText[];
}
