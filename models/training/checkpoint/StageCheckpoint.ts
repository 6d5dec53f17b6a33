import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LossPoint } from '../../../contracts/training';
import { readSafetensors, writeSafetensors, type Tensor } from '../../checkpoint';
import type { SamplerCursor } from '../data/BatchSampler';
import { TrainingError } from '../errors';

/** The resumable state of one stage, besides tensors. */
export interface StageCheckpointState {
  stage: string;
  /** Optimizer steps done. */
  step: number;
  sampler: SamplerCursor;
  rngState: number;
  /** Loss curve so far (one point per step). */
  history: LossPoint[];
  /** Per-step side series (the pretraining's generator and discriminator losses). */
  series: Record<string, number[]>;
  /** Training seconds and real tokens of the steps done (for tokens/s across resumes). */
  seconds: number;
  tokens: number;
}

/** A stage checkpoint: state plus the trained variables and the optimizer's moments, keyed by stable names. */
export interface StageCheckpoint {
  state: StageCheckpointState;
  variables: Map<string, Tensor>;
  optimizer: { step: number; tensors: Map<string, Tensor> };
}

const FORMAT = 1;
const FILES = { state: 'state.json', variables: 'variables.safetensors', optimizer: 'optimizer.safetensors' } as const;

/** `workDir/<stage>/checkpoint`. */
export function checkpointDir(workDir: string, stage: string): string {
  return join(workDir, stage, 'checkpoint');
}

/**
 * Writes a checkpoint atomically: into `checkpoint.tmp`, then the old one is moved aside, the new one renamed into
 * place, the old one removed. A crash at any moment leaves a complete checkpoint (the new one, or the old one
 * under `checkpoint.old`, which {@link readStageCheckpoint} falls back to).
 */
export function writeStageCheckpoint(
  dir: string,
  checkpoint: { state: StageCheckpointState; variables: Tensor[]; optimizer: { step: number; tensors: Tensor[] } },
): void {
  const tmp = `${dir}.tmp`;
  const old = `${dir}.old`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, FILES.variables), writeSafetensors(checkpoint.variables));
  writeFileSync(
    join(tmp, FILES.optimizer),
    writeSafetensors(checkpoint.optimizer.tensors, { optimizerStep: String(checkpoint.optimizer.step) }),
  );
  // Last: a checkpoint folder with its state file is a complete one.
  writeFileSync(join(tmp, FILES.state), JSON.stringify({ format: FORMAT, ...checkpoint.state }));
  if (existsSync(dir)) {
    rmSync(old, { recursive: true, force: true });
    renameSync(dir, old);
  }
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Reads the checkpoint of a stage, or null when there is none.
 *
 * @throws TrainingError naming the file when one is there but unreadable
 */
export function readStageCheckpoint(dir: string): StageCheckpoint | null {
  const chosen = existsSync(join(dir, FILES.state))
    ? dir
    : existsSync(join(`${dir}.old`, FILES.state))
      ? `${dir}.old`
      : null;
  if (chosen === null) return null;
  const file = (name: string) => join(chosen, name);
  try {
    const state = JSON.parse(readFileSync(file(FILES.state), 'utf8')) as StageCheckpointState & { format: number };
    if (state.format !== FORMAT) throw new Error(`format ${state.format}, expected ${FORMAT}`);
    const variables = readSafetensors(readFileSync(file(FILES.variables)), FILES.variables);
    const optimizerBytes = readFileSync(file(FILES.optimizer));
    const tensors = readSafetensors(optimizerBytes, FILES.optimizer);
    return { state, variables, optimizer: { step: state.step, tensors } };
  } catch (cause) {
    if (cause instanceof TrainingError) throw cause;
    throw new TrainingError(`unreadable checkpoint: ${(cause as Error).message}`, { file: chosen, cause });
  }
}
