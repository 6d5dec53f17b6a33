import type { TopicTimeline } from '../../../contracts/analysis';

/** The series key of everything outside the largest topics. */
export const OTHER = 'other' as const;

/** One layer of the stacked area: a topic, or the rest of the topics. */
export interface TimelineLayer {
  key: number | typeof OTHER;
  /** Messages per bin, every bin of the stream. */
  counts: readonly number[];
}

/** The timeline as stacked layers, largest topic at the bottom, "other" on top. */
export interface StackedTimeline {
  binSeconds: number;
  bins: number;
  layers: TimelineLayer[];
  /** Clustered messages per bin, noise included (the rate chart under the stack). */
  totals: number[];
}

/**
 * The bins a time range touches, inclusive, clamped to the timeline (the whole timeline for no range).
 * @example binSpan({ binSeconds: 60, bins: 10 }, [90, 200]) // [1, 3]
 */
export function binSpan(
  timeline: Pick<TopicTimeline, 'binSeconds' | 'bins'>,
  range: readonly [number, number] | null,
): [number, number] {
  const last = Math.max(0, timeline.bins - 1);
  if (range === null) return [0, last];
  const from = Math.min(last, Math.max(0, Math.floor(range[0] / timeline.binSeconds)));
  const to = Math.min(last, Math.max(from, Math.floor(range[1] / timeline.binSeconds)));
  return [from, to];
}

/**
 * The `top` topics with the most messages inside `range` (the whole stream for null) as their own layers, the other
 * topics summed into one "other" layer (left out when empty). Layers span every bin, so the x axis stays the whole
 * stream while the brush picks which topics are worth a layer.
 * @example stackTimeline(analysis.timeline, null, 10).layers.map((l) => l.key) // [4, 0, 7, …, 'other']
 */
export function stackTimeline(
  timeline: TopicTimeline,
  range: readonly [number, number] | null,
  top = 10,
): StackedTimeline {
  const [from, to] = binSpan(timeline, range);
  const ranked = timeline.topics
    .map((series) => {
      let inRange = 0;
      for (let b = from; b <= to; b++) inRange += series.counts[b] ?? 0;
      return { series, inRange };
    })
    .filter((r) => r.inRange > 0)
    .sort((a, b) => b.inRange - a.inRange || a.series.topic - b.series.topic);
  const kept = new Set(ranked.slice(0, top).map((r) => r.series.topic));
  const layers: TimelineLayer[] = ranked.slice(0, top).map((r) => ({ key: r.series.topic, counts: r.series.counts }));
  const other = new Array<number>(timeline.bins).fill(0);
  const totals = new Array<number>(timeline.bins).fill(0);
  let anyOther = false;
  for (const series of timeline.topics) {
    const isOther = !kept.has(series.topic);
    for (let b = 0; b < timeline.bins; b++) {
      const c = series.counts[b] ?? 0;
      totals[b]! += c;
      if (isOther && c > 0) {
        other[b]! += c;
        anyOther = true;
      }
    }
  }
  for (let b = 0; b < timeline.bins; b++) totals[b]! += timeline.noise[b] ?? 0;
  if (anyOther) layers.push({ key: OTHER, counts: other });
  return { binSeconds: timeline.binSeconds, bins: timeline.bins, layers, totals };
}
