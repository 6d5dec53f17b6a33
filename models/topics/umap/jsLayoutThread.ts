import type { JsSharedLayout, ParallelLayoutJob } from './parallelLayoutJob';
import { subRoundSlice, threadShare, type ThreadShare } from './parallelLayoutJob';
import { SgdKernel, type EdgeSchedule, type SgdEdgeClocks } from './sgdPass';

/**
 * A thread of a parallel layout on the JS kernel (see LayoutThread in parallelLayout): its moves of a sub-round go
 * to its float64 deltas (exact: the difference of two float32 values), added to the layout in thread order.
 */
export class JsLayoutThread {
  private readonly layout: Float32Array;
  private readonly own: Float32Array;
  private readonly deltas: Float64Array;
  private readonly schedule: EdgeSchedule;
  private readonly clocks: SgdEdgeClocks;
  private readonly kernel: SgdKernel;
  private readonly share: ThreadShare;

  constructor(
    private readonly job: ParallelLayoutJob,
    shared: JsSharedLayout,
    readonly t: number,
  ) {
    this.layout = new Float32Array(shared.layout);
    this.own = new Float32Array(this.layout.length);
    this.deltas = new Float64Array(shared.deltas);
    this.schedule = {
      head: new Int32Array(shared.head),
      tail: new Int32Array(shared.tail),
      epochsPerSample: new Float64Array(shared.epochsPerSample),
    };
    this.clocks = {
      nextSample: new Float64Array(shared.nextSample),
      epochsPerNegative: new Float64Array(shared.epochsPerNegative),
      nextNegative: new Float64Array(shared.nextNegative),
    };
    this.kernel = new SgdKernel(job.settings);
    this.share = threadShare(job, t, this.schedule.head.length);
  }

  compute(epoch: number, r: number): void {
    const { own, layout, share } = this;
    own.set(layout);
    const [from, to] = subRoundSlice(share, r, this.job.subRounds);
    share.state = this.kernel.pass(own, own, this.job.n, this.schedule, this.clocks, from, to, epoch, share.state);
    const base = this.t * own.length;
    for (let i = 0; i < own.length; i++) this.deltas[base + i] = own[i]! - layout[i]!;
  }

  merge(): void {
    const { layout, deltas } = this;
    const size = layout.length;
    const threads = this.job.threads;
    const dims = this.job.settings.dims;
    for (let i = this.share.rowFrom * dims; i < this.share.rowTo * dims; i++) {
      let v = layout[i]!;
      for (let q = 0; q < threads; q++) v += deltas[q * size + i]!;
      layout[i] = v;
    }
  }

  /** The shared layout, row-major n x dims. */
  static read(shared: JsSharedLayout, into: Float32Array): void {
    into.set(new Float32Array(shared.layout));
  }
}
