import type { ParallelLayoutJob, WasmSharedLayout } from './parallelLayoutJob';
import { subRoundSlice, threadShare, type ThreadShare } from './parallelLayoutJob';
import { WasmSgdKernel } from './WasmSgdKernel';
import { readRows, rowVectors } from './wasmSgdMemory';
import { rowBytes } from './wasmSgdModule';

/**
 * A thread of a parallel layout on the WebAssembly kernel (see LayoutThread in parallelLayout): its private copy
 * of the layout lives in the shared memory too, so the merge reads every thread's moves as copy - layout, in thread
 * order (float32 sums), without a separate deltas array.
 */
export class WasmLayoutThread {
  private readonly kernel: WasmSgdKernel;
  private readonly share: ThreadShare;
  private readonly layoutRows: Float32Array;
  private readonly ownRows: Float32Array;
  private readonly ownAt: number;
  private readonly stride: number;

  constructor(
    private readonly job: ParallelLayoutJob,
    private readonly shared: WasmSharedLayout,
    readonly t: number,
  ) {
    const { memory, regions, layout, own, rowsBytes } = shared;
    this.kernel = new WasmSgdKernel(job.settings, memory, regions, true);
    this.share = threadShare(job, t, shared.edges);
    this.ownAt = own + t * rowsBytes;
    this.layoutRows = new Float32Array(memory.buffer, layout, rowsBytes / 4);
    this.ownRows = new Float32Array(memory.buffer, this.ownAt, rowsBytes / 4);
    this.stride = rowBytes(rowVectors(job.settings.dims));
  }

  compute(epoch: number, r: number): void {
    const { share, job } = this;
    this.ownRows.set(this.layoutRows);
    const [from, to] = subRoundSlice(share, r, job.subRounds);
    share.state = this.kernel.pass(this.ownAt, this.ownAt, job.n, from, to, epoch, share.state);
  }

  merge(): void {
    const { layout, own, rowsBytes } = this.shared;
    const { rowFrom, rowTo } = this.share;
    this.kernel.merge(layout, own, rowsBytes, this.job.threads, rowFrom * this.stride, rowTo * this.stride);
  }

  /** The shared layout, row-major n x dims. */
  static read(shared: WasmSharedLayout, dims: number, into: Float32Array): void {
    readRows(shared.memory.buffer, shared.layout, into, dims);
  }
}
