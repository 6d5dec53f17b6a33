// Training benchmark: per preset, tokenizer training speed and each optimisation stage's tokens/s and peak memory
// (each preset in its own process), plus the recorded wall time of the shipped default model's training.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Optimizer steps timed per stage: the big preset's steps take about a minute each on CPU. */
const DEFAULT_STEPS: Record<string, number> = { 'cpu-tiny': 20, 'cpu-small': 6, 'lincoln-small': 2 };
const TRAINED_DIR = path.join('models', 'trained');

function presetInChild(preset: string, steps: number, messages: number): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join('bench', 'trainChild.ts'), preset, String(steps), String(messages)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/** The training figures each shipped model recorded in its manifest. */
function shippedModels(): Record<string, unknown>[] {
  if (!fs.existsSync(TRAINED_DIR)) return [];
  return fs
    .readdirSync(TRAINED_DIR)
    .map((name) => path.join(TRAINED_DIR, name, 'manifest.json'))
    .filter((file) => fs.existsSync(file))
    .map((file) => {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        name: string;
        version: string;
        metrics?: Record<string, unknown>;
      };
      const m = manifest.metrics ?? {};
      return {
        id: `${manifest.name}@${manifest.version}`,
        preset: m.preset,
        seconds: m.seconds,
        backend: m.backend,
        stageMetrics: m.stageMetrics,
      };
    });
}

/** `npm run bench -- train [--presets cpu-tiny,cpu-small,lincoln-small] [--steps N] [--tokenizer-messages N]` */
export async function runTrainBench(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      presets: { type: 'string', default: 'cpu-tiny,cpu-small,lincoln-small' },
      steps: { type: 'string' },
      'tokenizer-messages': { type: 'string', default: '30000' },
    },
  });
  const presets = values.presets.split(',').filter(Boolean);
  const results = presets.map((preset) => {
    const steps = values.steps === undefined ? (DEFAULT_STEPS[preset] ?? 5) : Number(values.steps);
    console.error(`timing ${preset} (${steps} steps per stage)...`);
    return presetInChild(preset, steps, Number(values['tokenizer-messages']));
  });
  return {
    suite: 'train',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    note: 'optimisation stages on synthetic token ids (speed does not depend on the values); first step included; wasm, 1 thread',
    presets: results,
    shippedModels: shippedModels(),
  };
}
