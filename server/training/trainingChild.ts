/**
 * The training child process: receives one `start` message, builds the corpus, runs the training chain and reports
 * everything over IPC (see `childProtocol.ts`). Run by `TrainingJobs` with `child_process.fork`, so a crash or an
 * out-of-memory of the chain ends this process only. SIGTERM (or SIGINT: a Ctrl-C in the CLI reaches the whole
 * process group) aborts the chain at its next step boundary, after a checkpoint; the parent SIGKILLs after a grace
 * period.
 */
import { openArchive } from '../archive/openArchive';
import {
  ChildMessageSchema,
  StartTrainingMessageSchema,
  type ChildMessage,
  type StartTrainingMessage,
} from './childProtocol';
import { evaluateAgainstBaseline, recordTopicEval } from './evaluateTrainedModel';
import { loadTrainingCorpus } from './loadTrainingCorpus';
import { errorMessage } from '../../models/errors/errorMessage';

/** Corpus issues (bad lines of chat files) copied to the job's log; the rest are counted. */
const LOGGED_ISSUES = 20;

const abort = new AbortController();
process.on('SIGTERM', () => abort.abort());
process.on('SIGINT', () => abort.abort());
// The server died (SIGKILL, a crash): stop at the next step with a checkpoint, for whichever node resumes the job.
process.on('disconnect', () => abort.abort());

function send(message: ChildMessage): Promise<void> {
  // Validated here too: a message the parent would refuse is a bug of this side, better caught where it is made.
  ChildMessageSchema.parse(message);
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const log = (level: 'info' | 'warn' | 'error', message: string) => void send({ type: 'log', line: { level, message } });

async function run(start: StartTrainingMessage): Promise<ChildMessage> {
  const archive = start.archivePath === null ? undefined : openArchive(start.archivePath);
  let corpus;
  try {
    corpus = await loadTrainingCorpus(start.request.corpus, { archive, botNames: start.botNames, cwd: start.cwd });
  } finally {
    archive?.close();
  }
  const c = corpus.counts;
  log(
    'info',
    `corpus: ${corpus.messages.length} messages (archive ${c.archive}, files ${c.files}, line files ${c.lines}, simulator ${c.simulator}; ${c.streams} streams/files); ` +
      `left out: ${c.excluded.deleted} deleted, ${c.excluded.bot} bots, ${c.excluded.command} commands, ${c.excluded.empty} empty`,
  );
  for (const issue of corpus.issues.slice(0, LOGGED_ISSUES)) log('warn', `corpus: skipped ${issue}`);
  if (corpus.issues.length > LOGGED_ISSUES)
    log('warn', `corpus: ${corpus.issues.length - LOGGED_ISSUES} more bad lines skipped`);
  if (abort.signal.aborted) return { type: 'cancelled' };

  // Loaded here, not at the top: TensorFlow.js and its wasm backend are heavy, and a bad corpus should fail fast.
  const training = await import('../../models/training');
  const preset = training.resolvePreset(start.request.preset, start.request.overrides);
  try {
    const result = await training.runTrainingChain({
      preset,
      stages: start.stages,
      corpus: corpus.messages,
      workDir: start.workDir,
      seed: start.seed,
      outDir: start.outDir,
      modelName: start.modelName,
      modelVersion: start.modelVersion,
      ...(start.startFrom !== undefined ? { startFrom: start.startFrom } : {}),
      signal: abort.signal,
      onProgress: (progress) => void send({ type: 'progress', progress }),
      onLoss: (points) => void send({ type: 'loss', points }),
      onLog: (line) => void send({ type: 'log', line }),
      onStageMetrics: (metrics) => void send({ type: 'stageMetrics', metrics }),
    });
    if (preset.evaluation.minutes > 0 && !abort.signal.aborted) {
      log(
        'info',
        `topic evaluation: ${preset.evaluation.seeds} simulated ${preset.evaluation.minutes}-min stream(s), the new model and bag-of-words`,
      );
      const topicEval = await evaluateAgainstBaseline(result.modelDir, preset.evaluation);
      recordTopicEval(result.modelDir, topicEval);
      const { model: m, bow: b } = topicEval;
      log(
        'info',
        `topic evaluation: ARI ${m.ari} (bow ${b.ari}), NMI ${m.nmi} (bow ${b.nmi}), purity ${m.purity} (bow ${b.purity}), noise ${m.noise} (bow ${b.noise})`,
      );
    }
    return {
      type: 'done',
      modelDir: result.modelDir,
      stageMetrics: result.stageMetrics,
      backend: result.backend,
      seconds: result.seconds,
    };
  } catch (err) {
    if (err instanceof training.TrainingCancelledError || abort.signal.aborted) return { type: 'cancelled' };
    throw err;
  }
}

process.once('message', (raw: unknown) => {
  const parsed = StartTrainingMessageSchema.safeParse(raw);
  const outcome: Promise<ChildMessage> = parsed.success
    ? run(parsed.data).catch((err: unknown) => ({ type: 'error', message: errorMessage(err) }) as const)
    : Promise.resolve({
        type: 'error',
        message: `training child: bad start message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      } as const);
  void outcome.then(async (last) => {
    await send(last);
    // TensorFlow.js keeps handles open: leave explicitly once the last message is out.
    process.exit(last.type === 'error' ? 1 : 0);
  });
});
