/**
 * A trie of pieces over code points, for walking every piece that starts at a position of a word. Node 0 is the
 * root; each node has a map from code point to child node and the index of the piece ending there (-1: none).
 */
export class PieceTrie {
  private readonly children: Array<Map<number, number> | undefined> = [undefined];
  private readonly endsPiece: number[] = [-1];

  /** @param pieces the pieces as code points; a piece's index in this list is what the walk reports */
  constructor(pieces: readonly Int32Array[]) {
    pieces.forEach((cps, index) => {
      let node = 0;
      for (let i = 0; i < cps.length; i++) {
        let map = this.children[node];
        if (map === undefined) {
          map = new Map();
          this.children[node] = map;
        }
        let next = map.get(cps[i]!);
        if (next === undefined) {
          next = this.endsPiece.length;
          this.endsPiece.push(-1);
          this.children.push(undefined);
          map.set(cps[i]!, next);
        }
        node = next;
      }
      this.endsPiece[node] = index;
    });
  }

  /** The child of `node` along code point `cp`, or -1. */
  child(node: number, cp: number): number {
    return this.children[node]?.get(cp) ?? -1;
  }

  /** The piece ending at `node`, or -1. */
  pieceAt(node: number): number {
    return this.endsPiece[node]!;
  }
}

/** Code points of a string. */
export function codePointsOf(text: string): Int32Array {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0)!);
  return Int32Array.from(out);
}
