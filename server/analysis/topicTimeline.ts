import type { TopicTimeline } from '../../contracts/analysis';

/**
 * Messages per topic per time bin over a whole stream: the "when did it rise and fall" of each topic.
 * @param labels topic of each message (-1 noise), aligned with `elapsed`
 * @param durationSeconds stream length; bins cover [0, duration]
 */
export function topicTimeline(
  labels: Int32Array,
  elapsed: ArrayLike<number>,
  nTopics: number,
  durationSeconds: number,
  binSeconds: number,
): TopicTimeline {
  const bins = Math.max(1, Math.floor(Math.max(0, durationSeconds) / binSeconds) + 1);
  const counts = Array.from({ length: nTopics }, () => new Array<number>(bins).fill(0));
  const noise = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(elapsed[i]! / binSeconds)));
    const label = labels[i]!;
    if (label < 0) noise[bin]!++;
    else counts[label]![bin]!++;
  }
  return { binSeconds, bins, topics: counts.map((c, topic) => ({ topic, counts: c })), noise };
}
