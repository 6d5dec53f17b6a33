import { WordLattice } from './lattice';
import { PieceTrie, codePointsOf } from './pieceTrie';
import type { WordTable } from './wordCorpus';

/** Expected counts below this (out of the whole corpus) are floored, so no piece gets a log-probability of -Infinity. */
const MIN_EXPECTED_COUNT = 1e-3;

/** The Unigram model being trained: pieces, their log-probabilities, and which pieces can never be pruned. */
export class UnigramPieces {
  readonly cps: Int32Array[];
  readonly trie: PieceTrie;

  /** @param shared the code points and trie of a model with the same pieces, to reuse */
  constructor(
    readonly pieces: readonly string[],
    readonly scores: Float64Array,
    readonly required: readonly boolean[],
    readonly maxPieceLength: number,
    shared?: { cps: Int32Array[]; trie: PieceTrie },
  ) {
    this.cps = shared?.cps ?? pieces.map(codePointsOf);
    this.trie = shared?.trie ?? new PieceTrie(this.cps);
  }

  get size(): number {
    return this.pieces.length;
  }

  /** Scores from counts: `log(count / total)`. */
  static fromCounts(
    pieces: readonly string[],
    counts: ArrayLike<number>,
    required: readonly boolean[],
    maxPieceLength: number,
  ): UnigramPieces {
    return new UnigramPieces(pieces, logProbabilities(counts), required, maxPieceLength);
  }

  /** The same pieces with new scores (the trie is shared). */
  withScores(scores: Float64Array): UnigramPieces {
    return new UnigramPieces(this.pieces, scores, this.required, this.maxPieceLength, {
      cps: this.cps,
      trie: this.trie,
    });
  }

  /** A subset of the pieces, in their current order, keeping their scores. */
  keep(indices: readonly number[]): UnigramPieces {
    return new UnigramPieces(
      indices.map((i) => this.pieces[i]!),
      Float64Array.from(indices, (i) => this.scores[i]!),
      indices.map((i) => this.required[i]!),
      this.maxPieceLength,
    );
  }
}

function logProbabilities(counts: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.max(counts[i]!, MIN_EXPECTED_COUNT);
  const logTotal = Math.log(total);
  return Float64Array.from(
    { length: counts.length },
    (_, i) => Math.log(Math.max(counts[i]!, MIN_EXPECTED_COUNT)) - logTotal,
  );
}

export interface EmStep {
  model: UnigramPieces;
  /** Mean negative log-likelihood per word occurrence under the model BEFORE this step. */
  loss: number;
}

/**
 * One EM iteration with plain maximum likelihood: expected piece counts by forward-backward over each distinct
 * word's lattice (weighted by the word's count), then scores `log(expected / total)`. The returned loss is the
 * corpus negative log-likelihood the E-step measured; under plain EM it never increases from one iteration to
 * the next while the pieces stay the same.
 */
export function emStep(model: UnigramPieces, words: WordTable): EmStep {
  const lattice = new WordLattice(model.trie, model.maxPieceLength);
  const expected = new Float64Array(model.size);
  const { codePoints, offsets, counts } = words;
  let logLikelihood = 0;
  for (let w = 0; w + 1 < offsets.length; w++) {
    const logZ = lattice.expectedCounts(codePoints, offsets[w]!, offsets[w + 1]!, model.scores, counts[w]!, expected);
    // Every character is a piece, so every word has a segmentation; guard anyway against a broken seed.
    if (logZ === -Infinity)
      throw new Error(`unigram EM: the word ${JSON.stringify(words.words[w])} has no segmentation`);
    logLikelihood += counts[w]! * logZ;
  }
  return { model: model.withScores(logProbabilities(expected)), loss: -logLikelihood / Math.max(1, words.occurrences) };
}

/** Mean negative log-likelihood per word occurrence (no parameter update), e.g. after pruning. */
export function corpusLoss(model: UnigramPieces, words: WordTable): number {
  return emStep(model, words).loss;
}

/**
 * Pruning, as SentencePiece does it: segment the corpus with Viterbi; for each piece, estimate how much the
 * corpus likelihood drops if it is removed and its occurrences re-segmented into the best alternative made of the
 * other pieces (its own Viterbi segmentation without itself); keep the `keepCount` pieces whose removal costs
 * most. Required pieces (single characters) are always kept; unused pieces go first. Order of the kept pieces is
 * unchanged; ties keep the earlier piece.
 */
export function prunePieces(model: UnigramPieces, words: WordTable, keepCount: number): UnigramPieces {
  const lattice = new WordLattice(model.trie, model.maxPieceLength);
  const freq = new Float64Array(model.size);
  const path: number[] = [];
  const { codePoints, offsets, counts } = words;
  for (let w = 0; w + 1 < offsets.length; w++) {
    path.length = 0;
    lattice.viterbi(codePoints, offsets[w]!, offsets[w + 1]!, model.scores, path);
    for (const p of path) freq[p]! += counts[w]!;
  }
  let total = 0;
  for (const f of freq) total += f;
  const logTotal = Math.log(total);

  const required: number[] = [];
  const candidates: Array<{ index: number; loss: number }> = [];
  const alternative: number[] = [];
  for (let i = 0; i < model.size; i++) {
    if (model.required[i]) {
      required.push(i);
      continue;
    }
    const f = freq[i]!;
    if (f === 0) {
      candidates.push({ index: i, loss: -Infinity });
      continue;
    }
    alternative.length = 0;
    const cps = model.cps[i]!;
    lattice.viterbi(cps, 0, cps.length, model.scores, alternative, true);
    // Removing the piece moves its f occurrences to the alternative's pieces: the total grows by f per extra piece.
    const logTotalAfter = Math.log(total + f * (alternative.length - 1));
    let logAlternative = 0;
    for (const a of alternative) logAlternative += Math.log(freq[a]! + f) - logTotalAfter;
    const logPiece = Math.log(f) - logTotal;
    candidates.push({ index: i, loss: f * (logPiece - logAlternative) });
  }
  candidates.sort((a, b) => b.loss - a.loss || a.index - b.index);
  const room = Math.max(0, keepCount - required.length);
  const kept = new Set<number>(required);
  for (let k = 0; k < Math.min(room, candidates.length); k++) kept.add(candidates[k]!.index);
  return model.keep([...kept].sort((a, b) => a - b));
}
