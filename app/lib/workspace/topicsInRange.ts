import type { AnalysisMessage, AnalysisTopic } from '../../../contracts/analysis';

/** A topic as the list shows it: with its messages inside the brushed range. */
export interface TopicInRange {
  topic: AnalysisTopic;
  /** Messages of the topic inside the range (its size when there is no range). */
  inRange: number;
}

/**
 * The topics with at least one message inside `range` (every topic for null), largest first (by messages in the
 * range, then by size, then by id).
 * @param messages the analysis' messages (each names its topic; -1 is noise)
 * @example topicsInRange(analysis.topics, analysis.messages, [60, 120])[0].inRange // 42
 */
export function topicsInRange(
  topics: readonly AnalysisTopic[],
  messages: readonly Pick<AnalysisMessage, 'topic' | 'elapsed'>[],
  range: readonly [number, number] | null,
): TopicInRange[] {
  let entries: TopicInRange[];
  if (range === null) {
    entries = topics.map((topic) => ({ topic, inRange: topic.size }));
  } else {
    const counts = new Map<number, number>();
    for (const m of messages) {
      if (m.topic >= 0 && m.elapsed >= range[0] && m.elapsed <= range[1])
        counts.set(m.topic, (counts.get(m.topic) ?? 0) + 1);
    }
    entries = topics.map((topic) => ({ topic, inRange: counts.get(topic.id) ?? 0 })).filter((e) => e.inRange > 0);
  }
  return entries.sort((a, b) => b.inRange - a.inRange || b.topic.size - a.topic.size || a.topic.id - b.topic.id);
}

/**
 * A topic's label in a few words: its first `terms` terms joined by " / " (the full label carries scores).
 * @example shortLabel(topic) // 'pizza / ananas / jamais'
 */
export function shortLabel(topic: Pick<AnalysisTopic, 'terms' | 'id'>, terms = 3): string {
  const words = topic.terms.slice(0, terms).map((t) => t.term);
  return words.length > 0 ? words.join(' / ') : `#${topic.id}`;
}
