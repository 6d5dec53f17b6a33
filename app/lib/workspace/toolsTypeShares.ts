import { MESSAGE_TYPES, type MessageType, type TopicAnalysis } from '../../../contracts/analysis';

/** One column of the type-shares chart: a span of the stream and its messages per message type. */
export interface TypeSharesBin {
  /** Elapsed seconds where the column starts (inclusive) and ends (exclusive). */
  start: number;
  end: number;
  /** Messages of topics of each type (noise is not counted: it has no topic, hence no type). */
  counts: Record<MessageType, number>;
  total: number;
}

/** The type-shares chart's data: its columns and the types that occur at all, in `MESSAGE_TYPES` order. */
export interface TypeShares {
  bins: TypeSharesBin[];
  types: MessageType[];
  /** Whether any topic carries a type (a version 2 or 3 document has none). */
  typed: boolean;
}

const emptyCounts = (): Record<MessageType, number> =>
  Object.fromEntries(MESSAGE_TYPES.map((type) => [type, 0])) as Record<MessageType, number>;

/**
 * Messages per message type over time, from the analysis' timeline and each topic's type, with neighbouring bins
 * merged so that at most `maxColumns` columns remain (a 4-hour stream has 240 one-minute bins; a column narrower
 * than a few pixels reads as noise). A topic without a type counts as `other`.
 *
 * @param maxColumns at most this many columns (at least 1)
 * @example typeShares(analysis, 60).bins[0].counts.question // questions asked in the first column
 */
export function typeShares(analysis: TopicAnalysis, maxColumns: number): TypeShares {
  const { timeline, topics } = analysis;
  const typeOf = new Map<number, MessageType>(topics.map((t) => [t.id, t.type ?? 'other']));
  const perBin = Math.max(1, Math.ceil(timeline.bins / Math.max(1, Math.floor(maxColumns))));
  const columns = Math.ceil(timeline.bins / perBin);
  const bins: TypeSharesBin[] = Array.from({ length: columns }, (_, c) => ({
    start: c * perBin * timeline.binSeconds,
    end: Math.min(timeline.bins, (c + 1) * perBin) * timeline.binSeconds,
    counts: emptyCounts(),
    total: 0,
  }));
  const seen = new Set<MessageType>();
  for (const row of timeline.topics) {
    const type = typeOf.get(row.topic) ?? 'other';
    row.counts.forEach((count, i) => {
      if (count === 0) return;
      const bin = bins[Math.floor(i / perBin)];
      if (!bin) return;
      bin.counts[type] += count;
      bin.total += count;
      seen.add(type);
    });
  }
  return {
    bins,
    types: MESSAGE_TYPES.filter((type) => seen.has(type)),
    typed: topics.some((t) => t.type !== undefined),
  };
}

/** The share of the whole stream's topic messages of each type (for the legend), `0` when there are none. */
export function overallShares(shares: TypeShares): Record<MessageType, number> {
  const out = emptyCounts();
  let total = 0;
  for (const bin of shares.bins) {
    total += bin.total;
    for (const type of MESSAGE_TYPES) out[type] += bin.counts[type];
  }
  for (const type of MESSAGE_TYPES) out[type] = total > 0 ? out[type] / total : 0;
  return out;
}

/** One colour per message type, readable on the dark panels and distinct from one another. */
export const TYPE_COLOURS: Readonly<Record<MessageType, string>> = {
  greeting: '#3ddc97',
  'emote-wave': '#ff7eb6',
  question: '#4cc9f0',
  vote: '#f4b942',
  copypasta: '#ff6b6b',
  notice: '#d4a373',
  conversation: '#9b7bff',
  discussion: '#6c8cff',
  other: '#8b91a5',
};
