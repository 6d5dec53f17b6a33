/**
 * One entry per group: the group's best merge (its partner, their mean distance and the two group names), in an
 * indexed binary min-heap over group slots ordered by distance, then by the two names (the linkage's total order).
 * An entry is exact, or a lower bound on the group's best merge (`stale`) that the linkage recomputes when it comes
 * to the top: a merge then touches its own neighbours' entries in place, where a queue of every candidate pair
 * gathers one entry per neighbour and merge, most of them void by the time they come out.
 *
 * @example
 * const q = new BestMergeQueue(4); q.set(2, 0.3, 1, 2, 1); q.set(0, 0.3, 0, 3, 3); q.top(); // 0 (names 0, 3 first)
 */
export class BestMergeQueue {
  private readonly distances: Float64Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly partners: Int32Array;
  private readonly stale: Uint8Array;
  /** Heap position of each slot; -1 when the slot has no entry. */
  private readonly position: Int32Array;
  private readonly heap: Int32Array;
  private count = 0;

  /** @param slots group slots are 0 .. slots - 1 */
  constructor(slots: number) {
    this.distances = new Float64Array(slots);
    this.lo = new Int32Array(slots);
    this.hi = new Int32Array(slots);
    this.partners = new Int32Array(slots);
    this.stale = new Uint8Array(slots);
    this.position = new Int32Array(slots).fill(-1);
    this.heap = new Int32Array(slots);
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  /** The slot whose entry comes first (the queue must not be empty). */
  top(): number {
    return this.heap[0]!;
  }

  has(g: number): boolean {
    return this.position[g]! >= 0;
  }

  /** The partner slot of g's entry. */
  partner(g: number): number {
    return this.partners[g]!;
  }

  /** Whether g's entry is only a lower bound. */
  isStale(g: number): boolean {
    return this.stale[g] === 1;
  }

  /** Marks g's entry a lower bound, keeping its place (a merge voided the pair it names). */
  markStale(g: number): void {
    this.stale[g] = 1;
  }

  /** Whether a merge of g at (distance, lo, hi) comes no later than g's entry (always true without one). */
  improves(g: number, distance: number, lo: number, hi: number): boolean {
    if (this.position[g]! < 0) return true;
    const d = this.distances[g]!;
    if (distance !== d) return distance < d;
    const l = this.lo[g]!;
    return lo !== l ? lo < l : hi <= this.hi[g]!;
  }

  /**
   * Sets g's entry, exact (or a lower bound with `stale`), inserting it or moving it to its place.
   * @param lo the lower of the two group names, `hi` the higher
   */
  set(g: number, distance: number, lo: number, hi: number, partner: number, stale = false): void {
    this.distances[g] = distance;
    this.lo[g] = lo;
    this.hi[g] = hi;
    this.partners[g] = partner;
    this.stale[g] = stale ? 1 : 0;
    let i = this.position[g]!;
    if (i < 0) {
      i = this.count++;
      this.heap[i] = g;
      this.position[g] = i;
    }
    this.siftDown(this.siftUp(i));
  }

  /** Removes g's entry, if any. */
  remove(g: number): void {
    const i = this.position[g]!;
    if (i < 0) return;
    this.position[g] = -1;
    const last = this.heap[--this.count]!;
    if (i === this.count) return;
    this.heap[i] = last;
    this.position[last] = i;
    this.siftDown(this.siftUp(i));
  }

  private siftUp(i: number): number {
    const { heap, position } = this;
    const g = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = heap[p]!;
      if (!this.before(g, q)) break;
      heap[i] = q;
      position[q] = i;
      i = p;
    }
    heap[i] = g;
    position[g] = i;
    return i;
  }

  private siftDown(i: number): void {
    const { heap, position } = this;
    const n = this.count;
    const g = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
      const q = heap[c]!;
      if (!this.before(q, g)) break;
      heap[i] = q;
      position[q] = i;
      i = c;
    }
    heap[i] = g;
    position[g] = i;
  }

  private before(x: number, y: number): boolean {
    const dx = this.distances[x]!;
    const dy = this.distances[y]!;
    if (dx !== dy) return dx < dy;
    const lx = this.lo[x]!;
    const ly = this.lo[y]!;
    return lx !== ly ? lx < ly : this.hi[x]! < this.hi[y]!;
  }
}
