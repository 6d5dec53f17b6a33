import type { WordTable } from './wordCorpus';

export interface SeedPiece {
  piece: string;
  /** Occurrences in the corpus (weighted by word counts). */
  count: number;
  /** A single character: kept whatever its score (every seen character stays in the vocabulary). */
  required: boolean;
}

/**
 * The seed vocabulary, as SentencePiece builds it: every character of the corpus, then the substrings of 2 to
 * `maxPieceLength` code points seen at least twice, ranked by occurrences x length (the text they would cover),
 * up to `seedSize` pieces in all. Counting goes word by word over the distinct words (each weighted by its count),
 * a bounded hash count rather than a suffix array: words are short, so this stays linear in practice.
 *
 * Characters come first (by count, then code-unit order), substrings after them by rank; ties always break the
 * same way, so the seed is deterministic.
 */
export function seedPieces(words: WordTable, maxPieceLength: number, seedSize: number): SeedPiece[] {
  const { codePoints, offsets, counts } = words;
  const chars = new Map<number, number>();
  const substrings = new Map<string, number>();
  const text: string[] = [];
  for (let w = 0; w + 1 < offsets.length; w++) {
    const start = offsets[w]!;
    const end = offsets[w + 1]!;
    const c = counts[w]!;
    text.length = 0;
    for (let i = start; i < end; i++) {
      const cp = codePoints[i]!;
      chars.set(cp, (chars.get(cp) ?? 0) + c);
      text.push(String.fromCodePoint(cp));
    }
    const n = end - start;
    for (let i = 0; i < n; i++) {
      let s = text[i]!;
      const last = Math.min(n, i + maxPieceLength);
      for (let j = i + 1; j < last; j++) {
        s += text[j]!;
        substrings.set(s, (substrings.get(s) ?? 0) + c);
      }
    }
  }
  const byCount = (a: SeedPiece, b: SeedPiece) => b.count - a.count || compareText(a.piece, b.piece);
  const out: SeedPiece[] = [...chars].map(([cp, count]) => ({
    piece: String.fromCodePoint(cp),
    count,
    required: true,
  }));
  out.sort(byCount);
  const room = seedSize - out.length;
  if (room <= 0) return out;
  const ranked: Array<{ piece: string; count: number; score: number }> = [];
  for (const [piece, count] of substrings) {
    if (count >= 2) ranked.push({ piece, count, score: count * [...piece].length });
  }
  ranked.sort((a, b) => b.score - a.score || compareText(a.piece, b.piece));
  for (let i = 0; i < Math.min(room, ranked.length); i++) {
    const r = ranked[i]!;
    out.push({ piece: r.piece, count: r.count, required: false });
  }
  return out;
}

/** Code-unit order, the same on every machine (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
