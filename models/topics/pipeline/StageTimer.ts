import type { PipelineStage, StageTiming } from '../../../contracts/analysis';

/** Records the wall time of pipeline stages, in the order they ran. */
export class StageTimer {
  readonly timings: StageTiming[] = [];

  /** Runs `fn` as `stage` and records its time (also when it throws). */
  async time<T>(stage: PipelineStage, fn: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  /** Adds time to a stage (a stage that runs in several pieces accumulates). */
  add(stage: PipelineStage, ms: number): void {
    const existing = this.timings.find((t) => t.stage === stage);
    if (existing) existing.ms += ms;
    else this.timings.push({ stage, ms });
  }
}
