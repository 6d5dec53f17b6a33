import type { PieceTrie } from './pieceTrie';

/** `log(exp(a) + exp(b))` without overflow; `-Infinity` is the empty sum. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * The lattice of one word: every piece occurrence (an edge from code point `from` to `to`), found by walking the
 * piece trie from each position. Scratch buffers are reused from word to word.
 */
export class WordLattice {
  private edgeFrom = new Int32Array(256);
  private edgeTo = new Int32Array(256);
  private edgePiece = new Int32Array(256);
  private edges = 0;
  private alpha = new Float64Array(64);
  private beta = new Float64Array(64);

  constructor(
    private readonly trie: PieceTrie,
    private readonly maxPieceLength: number,
  ) {}

  /**
   * Collects the edges of `cps[start, end)`, in order of their start position.
   * @param skipWhole leave out an edge spanning the whole word (to re-segment a piece without itself)
   */
  private build(cps: Int32Array, start: number, end: number, skipWhole: boolean): number {
    const n = end - start;
    this.edges = 0;
    for (let i = 0; i < n; i++) {
      let node = 0;
      const last = Math.min(n, i + this.maxPieceLength);
      for (let j = i; j < last; j++) {
        node = this.trie.child(node, cps[start + j]!);
        if (node < 0) break;
        const piece = this.trie.pieceAt(node);
        if (piece < 0 || (skipWhole && i === 0 && j === n - 1)) continue;
        this.push(i, j + 1, piece);
      }
    }
    if (this.alpha.length < n + 1) {
      this.alpha = new Float64Array(2 * (n + 1));
      this.beta = new Float64Array(2 * (n + 1));
    }
    return n;
  }

  private push(from: number, to: number, piece: number): void {
    if (this.edges === this.edgeFrom.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.edgeFrom = grow(this.edgeFrom);
      this.edgeTo = grow(this.edgeTo);
      this.edgePiece = grow(this.edgePiece);
    }
    this.edgeFrom[this.edges] = from;
    this.edgeTo[this.edges] = to;
    this.edgePiece[this.edges] = piece;
    this.edges++;
  }

  /**
   * Forward-backward over the word's lattice: adds `weight` x the posterior probability of each edge to
   * `expected[piece]` and returns the word's log-likelihood `log Z` (the log-sum over all segmentations).
   * -Infinity when no segmentation exists (then nothing is added).
   */
  expectedCounts(
    cps: Int32Array,
    start: number,
    end: number,
    scores: Float64Array,
    weight: number,
    expected: Float64Array,
  ): number {
    const n = this.build(cps, start, end, false);
    const { alpha, beta, edgeFrom, edgeTo, edgePiece, edges } = this;
    alpha.fill(-Infinity, 0, n + 1);
    beta.fill(-Infinity, 0, n + 1);
    alpha[0] = 0;
    // Edges are sorted by start, and every edge into a position starts before it: one pass in order is a forward pass.
    for (let e = 0; e < edges; e++) {
      const a = alpha[edgeFrom[e]!]!;
      if (a !== -Infinity) alpha[edgeTo[e]!] = logAddExp(alpha[edgeTo[e]!]!, a + scores[edgePiece[e]!]!);
    }
    const logZ = alpha[n]!;
    if (logZ === -Infinity) return logZ;
    beta[n] = 0;
    for (let e = edges - 1; e >= 0; e--) {
      const b = beta[edgeTo[e]!]!;
      if (b !== -Infinity) beta[edgeFrom[e]!] = logAddExp(beta[edgeFrom[e]!]!, b + scores[edgePiece[e]!]!);
    }
    for (let e = 0; e < edges; e++) {
      const logPosterior = alpha[edgeFrom[e]!]! + scores[edgePiece[e]!]! + beta[edgeTo[e]!]! - logZ;
      if (logPosterior > -50) expected[edgePiece[e]!]! += weight * Math.exp(logPosterior);
    }
    return logZ;
  }

  /**
   * The best segmentation (Viterbi) of `cps[start, end)`: its pieces appended to `out`, its score returned
   * (-Infinity and nothing appended when none exists).
   * @param skipWhole leave out a piece spanning the whole word
   */
  viterbi(cps: Int32Array, start: number, end: number, scores: Float64Array, out: number[], skipWhole = false): number {
    const n = this.build(cps, start, end, skipWhole);
    const { alpha: best, beta: back, edgeFrom, edgeTo, edgePiece, edges } = this;
    best.fill(-Infinity, 0, n + 1);
    best[0] = 0;
    // `back[to]` holds the edge that reaches `to` best; the first found wins ties, as in HF.
    for (let e = 0; e < edges; e++) {
      const s = best[edgeFrom[e]!]! + scores[edgePiece[e]!]!;
      const to = edgeTo[e]!;
      if (s > best[to]!) {
        best[to] = s;
        back[to] = e;
      }
    }
    if (best[n] === -Infinity) return -Infinity;
    const at = out.length;
    for (let pos = n; pos > 0;) {
      const e = back[pos]!;
      out.push(edgePiece[e]!);
      pos = edgeFrom[e]!;
    }
    // Appended from the end backwards: put them in reading order.
    for (let i = at, j = out.length - 1; i < j; i++, j--) {
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return best[n]!;
  }
}
