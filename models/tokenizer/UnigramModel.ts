import { isWellFormed } from './alignedText';
import { TokenizerError } from './errors';

/** The id the model reports for a run of characters no piece covers. */
export const UNKNOWN = -1;

/** HF's penalty below the lowest piece score for the unknown fallback (sentencepiece's kUnkPenalty). */
const UNK_PENALTY = 10;

interface TrieNode {
  next: Map<number, TrieNode> | null;
  /** Vocab id of the piece ending here, or -1. */
  id: number;
  score: number;
}

/** Where {@link UnigramModel.segment} writes a word's pieces: unit ranges in the word, ids (UNKNOWN for fused unknown runs). */
export interface Segments {
  ids: number[];
  from: number[];
  to: number[];
}

/**
 * The SentencePiece Unigram model: Viterbi segmentation of one word over the pieces' log-probabilities, walking a
 * trie of the pieces (UTF-16 units) from each code point. Like HF `tokenizers`:
 * - a piece that appears twice in the vocab takes the LATER id (and that entry's score);
 * - where no single-character piece starts at a position, an unknown step of score `min score - 10` is offered for
 *   that character; ties keep the path found first; consecutive unknown steps are fused into one segment.
 *
 * @example
 * const model = new UnigramModel([['▁', -2], ['▁le', -3], ['s', -3]]);
 * const out = { ids: [], from: [], to: [] };
 * model.segment('▁les', out, false); // out.ids = [1, 2]
 */
export class UnigramModel {
  /** Pieces by id (duplicates kept). */
  readonly pieces: readonly string[];
  readonly scores: Float64Array;
  /** Piece -> id, the later duplicate winning. */
  readonly pieceToId: ReadonlyMap<string, number>;
  private readonly root: TrieNode = { next: null, id: -1, score: 0 };
  private readonly unkScore: number;
  // Viterbi scratch, grown on demand (encode is synchronous, so one set per model is enough).
  private best = new Float64Array(64);
  private from = new Int32Array(64);
  private ids = new Int32Array(64);
  private reached = new Uint8Array(64);

  constructor(vocab: ReadonlyArray<readonly [string, number]>) {
    this.pieces = vocab.map(([piece]) => piece);
    this.scores = Float64Array.from(vocab, ([, score]) => score);
    const pieceToId = new Map<string, number>();
    let minScore = Infinity;
    vocab.forEach(([piece, score], id) => {
      pieceToId.set(piece, id);
      if (score < minScore) minScore = score;
    });
    this.pieceToId = pieceToId;
    this.unkScore = minScore - UNK_PENALTY;
    for (const [piece, id] of pieceToId) {
      if (isWellFormed(piece)) this.insert(piece, id);
    }
  }

  private insert(piece: string, id: number): void {
    let node = this.root;
    for (let i = 0; i < piece.length; i++) {
      const unit = piece.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(unit);
      if (child === undefined) {
        child = { next: null, id: -1, score: 0 };
        node.next.set(unit, child);
      }
      node = child;
    }
    node.id = id;
    node.score = this.scores[id]!;
  }

  private grow(size: number): void {
    if (size <= this.best.length) return;
    const n = Math.max(size, this.best.length * 2);
    this.best = new Float64Array(n);
    this.from = new Int32Array(n);
    this.ids = new Int32Array(n);
    this.reached = new Uint8Array(n);
  }

  /**
   * Appends the best segmentation of `word` to `out`.
   * @param refuseUnknown throw where HF `tokenizers` refuses the text when `unk_id` is null: when the unknown
   *   step for a character becomes the best way to reach the position after it
   * @throws TokenizerError only with `refuseUnknown`
   */
  segment(word: string, out: Segments, refuseUnknown: boolean): void {
    const n = word.length;
    if (n === 0) return;
    this.grow(n + 1);
    const { best, from, ids, reached, root, unkScore } = this;
    reached.fill(0, 0, n + 1);
    best[0] = 0;
    reached[0] = 1;
    for (let i = 0; i < n;) {
      const c = word.charCodeAt(i);
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const base = best[i]!;
      let hasSingle = false;
      let node: TrieNode | undefined = root;
      for (let j = i; j < n; j++) {
        node = node.next?.get(word.charCodeAt(j));
        if (node === undefined) break;
        if (node.id < 0) continue;
        const end = j + 1;
        const score = base + node.score;
        if (reached[end] === 0 || score > best[end]!) {
          best[end] = score;
          from[end] = i;
          ids[end] = node.id;
          reached[end] = 1;
        }
        if (end - i === width) hasSingle = true;
      }
      if (!hasSingle) {
        const end = i + width;
        const score = base + unkScore;
        if (reached[end] === 0 || score > best[end]!) {
          if (refuseUnknown) {
            const ch = word.slice(i, end);
            const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
            throw new TokenizerError(
              `unknown character ${JSON.stringify(ch)} (U+${code}) in ${JSON.stringify(word)}: Encountered an unknown token but \`unk_id\` is missing`,
            );
          }
          best[end] = score;
          from[end] = i;
          ids[end] = UNKNOWN;
          reached[end] = 1;
        }
      }
      i += width;
    }
    // Backtrack, fusing consecutive unknown steps.
    const start = out.ids.length;
    let end = n;
    while (end > 0) {
      const begin = from[end]!;
      const id = ids[end]!;
      const k = out.ids.length;
      if (id === UNKNOWN && k > start && out.ids[k - 1] === UNKNOWN) out.from[k - 1] = begin;
      else {
        out.ids.push(id);
        out.from.push(begin);
        out.to.push(end);
      }
      end = begin;
    }
    reverseFrom(out.ids, start);
    reverseFrom(out.from, start);
    reverseFrom(out.to, start);
  }
}

function reverseFrom(a: number[], start: number): void {
  for (let i = start, j = a.length - 1; i < j; i++, j--) {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
