import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageMetrics } from '../../../contracts/training';
import { readConvBertConfig, readSafetensors, selectConvBertWeights, writeSafetensors } from '../../checkpoint';
import type { ConvBertWeights } from '../../convbert';
import { convBertConfigToHfJson } from '../../format';
import { TrainingError } from '../errors';

/** What a finished stage leaves for the next ones: weights (HF layout) and its metrics. */
export interface StageOutput {
  weights: ConvBertWeights | null;
  metrics: StageMetrics;
  /** Extra numbers for the model card (per-stage side losses...). */
  details: Record<string, unknown>;
}

const FILES = { weights: 'model.safetensors', config: 'config.json', done: 'done.json' } as const;

/** `workDir/<stage>/output`. */
export function stageOutputDir(workDir: string, stage: string): string {
  return join(workDir, stage, 'output');
}

/** Writes a stage's output atomically; its `done.json` marks the stage complete. */
export function writeStageOutput(dir: string, output: StageOutput, extraFiles: Record<string, Uint8Array> = {}): void {
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  if (output.weights !== null) {
    const tensors = [...output.weights.encoder.values(), ...(output.weights.mlmHead?.values() ?? [])];
    writeFileSync(join(tmp, FILES.weights), writeSafetensors(tensors, { format: 'pt' }));
    writeFileSync(join(tmp, FILES.config), JSON.stringify(convBertConfigToHfJson(output.weights.config), null, 2));
  }
  for (const [name, bytes] of Object.entries(extraFiles)) writeFileSync(join(tmp, name), bytes);
  writeFileSync(join(tmp, FILES.done), JSON.stringify({ metrics: output.metrics, details: output.details }, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/** A completed stage's output, or null when the stage has not completed. */
export function readStageOutput(dir: string): StageOutput | null {
  if (!existsSync(join(dir, FILES.done))) return null;
  try {
    const done = JSON.parse(readFileSync(join(dir, FILES.done), 'utf8')) as {
      metrics: StageMetrics;
      details: Record<string, unknown>;
    };
    let weights: ConvBertWeights | null = null;
    if (existsSync(join(dir, FILES.weights))) {
      const config = readConvBertConfig(JSON.parse(readFileSync(join(dir, FILES.config), 'utf8')), FILES.config);
      const selected = selectConvBertWeights(
        readSafetensors(readFileSync(join(dir, FILES.weights)), FILES.weights),
        config,
        FILES.weights,
      );
      weights = { config, encoder: selected.encoder, mlmHead: selected.mlmHead };
    }
    return { weights, metrics: done.metrics, details: done.details ?? {} };
  } catch (cause) {
    throw new TrainingError(`unreadable stage output: ${(cause as Error).message}`, { file: dir, cause });
  }
}

/** Reads an extra file a stage wrote next to its output. */
export function readStageFile(dir: string, name: string): Uint8Array {
  return readFileSync(join(dir, name));
}
