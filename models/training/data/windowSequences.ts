import type { EncodedMessage } from './encodeMessages';

export interface WindowOptions {
  /** A window holds the messages of one stream sent within this many seconds of its first message. */
  windowSeconds: number;
  /** Longest row, special tokens included. */
  maxTokens: number;
  cls: number;
  sep: number;
}

/**
 * Pretraining rows: the messages of one stream within a time window joined as `<cls> msg <sep> msg <sep> …`.
 * A message that does not fit in the room left starts the next row (of the same window); a message longer
 * than a whole row is cut to `maxTokens - 2` tokens. Rows never mix streams or windows. Messages are taken in
 * time order within each stream; streams in order of first appearance.
 *
 * @example
 * windowSequences(encoded, { windowSeconds: 10, maxTokens: 64, cls: 3, sep: 4 });
 * // [Int32Array [3, 17, 52, 4, 99, 4], ...]
 */
export function windowSequences(messages: readonly EncodedMessage[], options: WindowOptions): Int32Array[] {
  const { maxTokens, cls, sep } = options;
  if (!(maxTokens >= 3)) throw new RangeError(`windowSequences: maxTokens must be at least 3, got ${maxTokens}`);
  const windowMs = options.windowSeconds * 1000;
  const byStream = new Map<string, EncodedMessage[]>();
  for (const m of messages) {
    const list = byStream.get(m.stream);
    if (list === undefined) byStream.set(m.stream, [m]);
    else list.push(m);
  }
  const rows: Int32Array[] = [];
  for (const list of byStream.values()) {
    const sorted = [...list].sort((a, b) => a.timeMs - b.timeMs);
    let row: number[] = [];
    let windowStart = Number.NEGATIVE_INFINITY;
    const flush = () => {
      if (row.length > 1) rows.push(Int32Array.from(row));
      row = [];
    };
    for (const m of sorted) {
      if (m.timeMs >= windowStart + windowMs) {
        flush();
        windowStart = m.timeMs;
      }
      const body = m.ids.length > maxTokens - 2 ? m.ids.subarray(0, maxTokens - 2) : m.ids;
      const needed = body.length + 1 + (row.length === 0 ? 1 : 0);
      if (row.length > 0 && row.length + needed > maxTokens) flush();
      if (row.length === 0) row.push(cls);
      for (const id of body) row.push(id);
      row.push(sep);
    }
    flush();
  }
  return rows;
}
