/** An edge id's first end when the edge is dead (one list still names it) or free. */
const DEAD = -1;

/**
 * The compared pairs of groups and their summed savings, for `timeLocalAverageLinkage`: each pair is one edge of a
 * pool in typed arrays (its two groups and its sum), each group lists its edge ids. A merge moves the smaller
 * group's edges onto the larger one: an edge to a group the larger one also meets adds its sum there and dies, any
 * other is re-pointed, so no lookup by pair is ever needed (a hash of pairs costs a cache miss or three per
 * lookup, and a merge does several per pair it moves).
 *
 * An edge is named by the lists of both its groups. A dead edge is still named by one list, which frees it when it
 * next walks it; ids are reused only once free, so a list never names an edge it does not hold.
 *
 * @example
 * const pairs = new GroupPairs(3); pairs.add(0, 1, 5); pairs.add(0, 2, 1); pairs.add(1, 2, 2);
 * pairs.absorb(0, 1); // 1: one partner moved, pairs.partner(0) = 2 with pairs.sum(0) = 3
 */
export class GroupPairs {
  // Edge e is 16 bytes of one buffer, read through two views: its groups (ints 4e, 4e + 1) and its sum (double
  // 2e + 1), so reading an edge costs one cache miss, not three.
  private ends: Int32Array;
  private sums: Float64Array;
  private freeIds = new Int32Array(1024);
  private freeCount = 0;
  private used = 0;
  private readonly lists: (number[] | null)[];
  // The edge of the kept group to each partner, valid where `stamp` holds the current merge.
  private readonly stamp: Int32Array;
  private readonly edgeTo: Int32Array;
  private merges = 0;
  private movedTo = new Int32Array(64);
  private movedSums = new Float64Array(64);

  /** @param slots groups are 0 .. slots - 1 */
  constructor(slots: number) {
    const buffer = new ArrayBuffer(16 * 1024);
    this.ends = new Int32Array(buffer);
    this.sums = new Float64Array(buffer);
    this.lists = Array.from({ length: slots }, () => []);
    this.stamp = new Int32Array(slots).fill(-1);
    this.edgeTo = new Int32Array(slots);
  }

  /** Edge ids g's list holds (dead ones included until walked): a cheap measure of its number of pairs. */
  degree(g: number): number {
    return this.lists[g]!.length;
  }

  /** Adds the pair {i, j} with its sum; the pair must be new. */
  add(i: number, j: number, sum: number): void {
    const e = this.freeCount > 0 ? this.freeIds[--this.freeCount]! : this.allocate();
    this.ends[4 * e] = i;
    this.ends[4 * e + 1] = j;
    this.sums[2 * e + 1] = sum;
    this.lists[i]!.push(e);
    this.lists[j]!.push(e);
  }

  /**
   * Merges group `gone` into `keep`: gone's pairs become keep's, sums added where keep had the same partner.
   * @returns how many partners gone had besides keep; `partner(k)` and `sum(k)` give each with keep's new sum
   */
  absorb(keep: number, gone: number): number {
    const mark = this.merges++;
    const { ends, sums, stamp, edgeTo } = this;
    const kept = this.lists[keep]!;
    let w = 0;
    for (const e of kept) {
      if (ends[4 * e] === DEAD) {
        this.release(e);
        continue;
      }
      const z = ends[4 * e] === keep ? ends[4 * e + 1]! : ends[4 * e]!;
      if (z === gone) {
        ends[4 * e] = DEAD; // gone's list frees it
        continue;
      }
      kept[w++] = e;
      stamp[z] = mark;
      edgeTo[z] = e;
    }
    kept.length = w;
    let moved = 0;
    for (const e of this.lists[gone]!) {
      if (ends[4 * e] === DEAD) {
        this.release(e);
        continue;
      }
      const z = ends[4 * e] === gone ? ends[4 * e + 1]! : ends[4 * e]!;
      if (moved === this.movedTo.length) this.growMoved();
      this.movedTo[moved] = z;
      if (stamp[z] === mark) {
        const f = edgeTo[z]!;
        this.movedSums[moved++] = sums[2 * f + 1]! += sums[2 * e + 1]!;
        ends[4 * e] = DEAD; // z's list frees it
      } else {
        if (ends[4 * e] === gone) ends[4 * e] = keep;
        else ends[4 * e + 1] = keep;
        kept.push(e);
        this.movedSums[moved++] = sums[2 * e + 1]!;
      }
    }
    this.lists[gone] = null;
    return moved;
  }

  /** The k-th partner the last `absorb` moved. */
  partner(k: number): number {
    return this.movedTo[k]!;
  }

  /** The kept group's sum with the k-th partner the last `absorb` moved. */
  sum(k: number): number {
    return this.movedSums[k]!;
  }

  /** Drops all of g's pairs (g is final). */
  drop(g: number): void {
    for (const e of this.lists[g]!) {
      if (this.ends[4 * e] === DEAD) this.release(e);
      else this.ends[4 * e] = DEAD;
    }
    this.lists[g] = null;
  }

  private release(e: number): void {
    if (this.freeCount === this.freeIds.length) this.freeIds = grownInts(this.freeIds);
    this.freeIds[this.freeCount++] = e;
  }

  private allocate(): number {
    if (4 * this.used === this.ends.length) {
      const buffer = new ArrayBuffer(this.ends.byteLength * 2);
      new Int32Array(buffer).set(this.ends);
      this.ends = new Int32Array(buffer);
      this.sums = new Float64Array(buffer);
    }
    return this.used++;
  }

  private growMoved(): void {
    this.movedTo = grownInts(this.movedTo);
    const sums = new Float64Array(this.movedSums.length * 2);
    sums.set(this.movedSums);
    this.movedSums = sums;
  }
}

function grownInts(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
