import { cpSync } from 'node:fs';
import path from 'node:path';
import {
  TRAINING_STAGES,
  TrainingStageSchema,
  type TrainingJob,
  type TrainingJobRequest,
} from '../../../contracts/training';
import { MODEL_FILES } from '../../../models/format';
import { publishDir } from '../../../models/format/publishDir';
import { archivePath, loadConfig, trainingPath } from '../../config/loadConfig';
import { ChatTopicsError, UsageError } from '../../errors';
import { createLogger } from '../../logger';
import { openConfiguredRegistry } from '../../registry';
import { formatDuration, formatProgress, formatStageMetrics, TrainingJobs } from '../../training';
import type { CliCommand, CliContext } from '../CliContext';
import { numberFlag, parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics train --preset <name> [corpus options] [options]
       chat-topics train --resume <job id> [options]

Trains the model chain (tokenizer, ELECTRA pretraining, masked LM, SimCSE) in a child process, exactly as a job
started from the admin section, printing its progress; the finished model is installed in the model registry of
the data directory (not made active unless --promote). Ctrl-C stops at the next step after a checkpoint; run again
with --resume <job id> to go on from there.

  --preset NAME         training preset (cpu-tiny, cpu-small, lincoln-small...)
  --stages LIST         stages to run, comma-separated, in chain order (default ${TRAINING_STAGES.join(',')});
                        without tokenizer or pretrain the chain continues the registry's active model
Corpus (default: every archived stream):
  --channels LIST       archived streams of these channels only
  --from ISO            streams started at or after this instant (e.g. 2024-05-01T00:00:00Z)
  --to ISO              streams started before this instant
  --files LIST          chat files (any import format), comma-separated; then the archive is used only with
                        --channels, --from, --to or --archive
  --line-files LIST     plain text files, one message a line (no time or user; plain or .gz), comma-separated
  --archive             read archived streams as well as --files / --line-files
  --simulator N         add N messages of simulated French chat
  --simulator-seed S    seed of the simulated chat (default 1)
Options:
  --set KEY=VALUE       override a preset field (repeatable), e.g. --set simcse.steps=100 --set model.hiddenSize=64
  --name N              model name (default chat-topics-<preset>)
  --seed S              seed of every random choice (default 1)
  --out DIR             also copy the model directory there
  --promote             make the new model the registry's active one (a running server switches at its next
                        start; switch live from the admin section)
  --resume JOB          go on with a failed, cancelled or interrupted job from its checkpoints
  --data-dir DIR        state directory (default ./data): registry in <data-dir>/models, jobs in <data-dir>/training
  --db FILE             archive file (default <data-dir>/archive.sqlite)
  --log-level L         server log level on stderr (default warn)`;

/** `--set a.b=3` -> `{ 'a.b': 3 }`; numbers and booleans are typed, anything else stays a string. */
function parseOverrides(values: readonly string[]): Record<string, number | string | boolean> {
  const overrides: Record<string, number | string | boolean> = {};
  for (const item of values) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: expected key=value, got "${item}"`);
    const key = item.slice(0, eq);
    const raw = item.slice(eq + 1);
    overrides[key] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return overrides;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function isoFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--${flag}: expected an ISO 8601 date or instant, got "${value}"`);
  return new Date(ms).toISOString();
}

function buildRequest(values: Record<string, string | string[] | boolean | undefined>): TrainingJobRequest {
  const preset = values.preset as string | undefined;
  if (preset === undefined) throw new UsageError('train: --preset <name> is required (or --resume <job id>)');
  const stages = list(values.stages as string | undefined)?.map((s) => {
    const parsed = TrainingStageSchema.safeParse(s);
    if (!parsed.success) throw new UsageError(`--stages: unknown stage "${s}" (${TRAINING_STAGES.join(', ')})`);
    return parsed.data;
  });
  const files = list(values.files as string | undefined);
  const lineFiles = list(values['line-files'] as string | undefined);
  const channels = list(values.channels as string | undefined);
  const from = isoFlag(values.from as string | undefined, 'from');
  const to = isoFlag(values.to as string | undefined, 'to');
  const simulator = values.simulator === undefined ? undefined : numberFlag(values.simulator as string, 'simulator', 0);
  if (simulator !== undefined && !(Number.isInteger(simulator) && simulator >= 0))
    throw new UsageError(`--simulator: expected a whole number, got "${values.simulator}"`);
  const archive =
    values.archive === true || channels !== undefined || from !== undefined || to !== undefined
      ? true
      : files !== undefined || lineFiles !== undefined || simulator
        ? false
        : undefined;
  const seedFlag = values.seed as string | undefined;
  const seed = seedFlag === undefined ? undefined : numberFlag(seedFlag, 'seed', 1);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new UsageError(`--seed: expected an integer, got "${seedFlag}"`);
  const simulatorSeed =
    values['simulator-seed'] === undefined
      ? undefined
      : numberFlag(values['simulator-seed'] as string, 'simulator-seed', 1);
  return {
    preset,
    ...(stages ? { stages } : {}),
    corpus: {
      ...(channels ? { channels } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(archive !== undefined ? { archive } : {}),
      ...(files ? { files } : {}),
      ...(lineFiles ? { lineFiles } : {}),
      ...(simulator ? { simulatorMessages: simulator } : {}),
      ...(simulatorSeed !== undefined ? { simulatorSeed: Math.trunc(simulatorSeed) } : {}),
    },
    ...(values.set ? { overrides: parseOverrides(values.set as string[]) } : {}),
    ...(values.name !== undefined ? { modelName: values.name as string } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** Stops the job (checkpointed, `interrupted`) on Ctrl-C or SIGTERM while it runs; returns the un-registration. */
function stopOnSignals(jobs: TrainingJobs, ctx: CliContext, jobId: string): () => void {
  const stop = () => {
    ctx.stderr.write(
      `\nchat-topics train: stopping after a checkpoint; resume with: chat-topics train --resume ${jobId}\n`,
    );
    void jobs.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}

/** `chat-topics train`: the training chain from the command line, through the same child runner as the server. */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train the model chain (tokenizer, pretraining, MLM, SimCSE) on archived chat, chat files or simulated chat',
  usage: USAGE,
  async run(ctx) {
    const { values } = parseFlags(ctx.argv, {
      preset: { type: 'string' },
      stages: { type: 'string' },
      channels: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      files: { type: 'string' },
      'line-files': { type: 'string' },
      archive: { type: 'boolean' },
      simulator: { type: 'string' },
      'simulator-seed': { type: 'string' },
      set: { type: 'string', multiple: true },
      name: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      promote: { type: 'boolean' },
      resume: { type: 'string' },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
      'log-level': { type: 'string' },
    });
    const config = loadConfig({ dataDir: values['data-dir'], dbPath: values.db }, ctx.env);
    const logger = createLogger(values['log-level'] ?? 'warn');
    const registry = openConfiguredRegistry(config, ctx.cwd, logger);
    const jobs = TrainingJobs.open({
      dir: path.resolve(ctx.cwd, trainingPath(config)),
      databaseUrl: config.databaseUrl ?? null,
      // A server's queue waits its turn; the job asked for here runs now, on this machine.
      runs: 'own',
      registry,
      archivePath: path.resolve(ctx.cwd, archivePath(config)),
      botNames: config.botNames,
      cwd: ctx.cwd,
      logger,
    });
    const out = (line: string) => ctx.stdout.write(line + '\n');
    jobs.subscribe({
      progress: (p) => out(formatProgress(p)),
      log: (_id, line) => {
        if (line.level !== 'info' || !/^(resumed|started)/.test(line.message))
          ctx.stderr.write(`${line.level}: ${line.message}\n`);
      },
    });
    let job: TrainingJob;
    try {
      job = values.resume !== undefined ? jobs.resume(values.resume) : jobs.start(buildRequest(values));
    } catch (err) {
      await jobs.close();
      throw err;
    }
    out(`job ${job.id}: preset ${job.request.preset}${job.resumes > 0 ? `, resume ${job.resumes}` : ''}`);
    const unregister = stopOnSignals(jobs, ctx, job.id);
    let done: TrainingJob;
    try {
      done = await jobs.waitFor(job.id);
    } finally {
      unregister();
      await jobs.close();
    }
    for (const m of done.stageMetrics) out(formatStageMetrics(m));
    if (done.state === 'interrupted') {
      out(`interrupted: resume with chat-topics train --resume ${done.id}`);
      return 130;
    }
    if (done.state !== 'succeeded' || done.resultModel === null) {
      throw new ChatTopicsError(
        `training job ${done.id} ${done.state}${done.error ? `: ${done.error}` : ''}${done.state === 'failed' ? ` (resume with --resume ${done.id})` : ''}`,
      );
    }
    const seconds =
      done.startedAt && done.finishedAt ? (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000 : null;
    out(
      `model ${done.resultModel} installed in ${registry.dir}${seconds !== null ? ` (${formatDuration(seconds)})` : ''}; backend ${done.backend ?? '?'}`,
    );
    const dir = registry.resolve(done.resultModel);
    if (values.out !== undefined) {
      const target = path.resolve(ctx.cwd, values.out);
      publishDir(target, { marker: MODEL_FILES.manifest }, (tmp) => cpSync(dir, tmp, { recursive: true }));
      out(`copied to ${target}`);
    }
    if (values.promote === true) {
      registry.setActive(done.resultModel);
      out(`active model: ${done.resultModel} (a running server switches at its next start)`);
    }
    return 0;
  },
};
