import { Mulberry32, shuffleInPlace } from '../../random';

/** Where a {@link BatchSampler} stands: enough to continue exactly (saved in checkpoints). */
export interface SamplerCursor {
  epoch: number;
  position: number;
}

/**
 * Draws batches of item indices without replacement, reshuffling each epoch; the order of epoch `e` depends only
 * on `(seed, e)`, so the cursor alone restores the sampler.
 *
 * @example
 * const sampler = new BatchSampler(rows.length, 42);
 * const batch = sampler.next(32); // 32 indices
 * const saved = sampler.cursor; // ... later: new BatchSampler(rows.length, 42, saved)
 */
export class BatchSampler {
  private order: Uint32Array;
  private epochNumber: number;
  private position: number;

  constructor(
    readonly count: number,
    private readonly seed: number,
    cursor: SamplerCursor = { epoch: 0, position: 0 },
  ) {
    if (!(count >= 1)) throw new RangeError(`BatchSampler: needs at least one item, got ${count}`);
    this.epochNumber = cursor.epoch;
    this.position = cursor.position;
    this.order = this.shuffled(cursor.epoch);
  }

  get cursor(): SamplerCursor {
    return { epoch: this.epochNumber, position: this.position };
  }

  /** The next `size` indices (crossing into the next epoch when this one runs out). */
  next(size: number): number[] {
    const out: number[] = [];
    while (out.length < size) {
      if (this.position >= this.count) {
        this.epochNumber++;
        this.position = 0;
        this.order = this.shuffled(this.epochNumber);
      }
      out.push(this.order[this.position++]!);
    }
    return out;
  }

  private shuffled(epoch: number): Uint32Array {
    const order = Uint32Array.from({ length: this.count }, (_, i) => i);
    return shuffleInPlace(order, Mulberry32.fromSeed((this.seed ^ Math.imul(epoch + 1, 0x27d4eb2d)) >>> 0));
  }
}
