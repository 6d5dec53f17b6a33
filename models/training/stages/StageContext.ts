import type {
  LossPoint,
  StageMetrics,
  TrainingLogLine,
  TrainingProgress,
  TrainingStage,
} from '../../../contracts/training';

/** Callbacks of a training run, as `runTrainingChain` takes them. */
export interface TrainingCallbacks {
  onProgress?(p: Omit<TrainingProgress, 'jobId' | 'at'>): void;
  onLoss?(points: LossPoint[]): void;
  onLog?(line: Omit<TrainingLogLine, 'at'>): void;
  onStageMetrics?(m: StageMetrics): void;
}

/** What every optimisation stage gets from the orchestrator. */
export interface StageContext {
  stage: TrainingStage;
  stageIndex: number;
  stageCount: number;
  workDir: string;
  seed: number;
  signal: AbortSignal | undefined;
  callbacks: TrainingCallbacks;
  checkpointEverySteps: number;
  /** Least time between progress reports (default 1000 ms; tests use 0 to see every step). */
  progressIntervalMs?: number;
  /** Seconds since the chain started (for progress). */
  elapsedSeconds(): number;
  /** Estimated seconds of the stages after this one, given this stage's measured seconds per token. */
  laterStagesSeconds(secondsPerToken: number | null): number;
}

/** A log line through the callbacks. */
export function log(ctx: StageContext, level: 'info' | 'warn' | 'error', message: string): void {
  ctx.callbacks.onLog?.({ level, message: `[${ctx.stage}] ${message}` });
}
