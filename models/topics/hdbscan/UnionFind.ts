/**
 * Disjoint sets over `0..size-1` with path compression. `parent` is public because callers link roots their own
 * way (the single-linkage tree links two roots under a new node id; Borůvka links one root under another).
 *
 * @example
 * const sets = new UnionFind(4);
 * sets.parent[sets.find(0)] = sets.find(1);
 * sets.find(0) === sets.find(1); // true
 */
export class UnionFind {
  readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  /** The root of `x`'s set; every node on the way is re-pointed at it. */
  find(x: number): number {
    const parent = this.parent;
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  }
}
