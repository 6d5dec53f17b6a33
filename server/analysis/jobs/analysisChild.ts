/**
 * The analysis child process: receives one `start` message, reads the stream from the archive, starts the embedder,
 * runs the whole topic pipeline and stores the result, reporting progress over IPC (see `jobProtocol.ts`). Run by
 * `AnalysisJobs` with `child_process.fork`, so seconds of embedding and UMAP never block the server's event loop,
 * and a crash ends this process only. SIGTERM (or SIGINT: a Ctrl-C reaches the whole process group) aborts the
 * pipeline at its next check; the store is written synchronously, so a stop lands before or after it, never inside.
 * The parent going away (its IPC channel closes) stops it too.
 */
import type { PipelineStage, StageTiming } from '../../../contracts/analysis';
import { onnxNeighbourSearch } from '../../../models/onnx/knn';
import { LayoutThreadPool } from '../../../models/runtime/LayoutThreadPool';
import { openArchive } from '../../archive/openArchive';
import { configSchema } from '../../config/schema';
import { startConfiguredEmbedder } from '../../embed/startConfiguredEmbedder';
import { analyzeStream } from '../analyzeStream';
import { loadArchivedStreamForAnalysis } from '../loadAnalysisInput';
import { openAnalysisStore } from '../store/openAnalysisStore';
import {
  AnalysisChildMessageSchema,
  StartAnalysisMessageSchema,
  type AnalysisChildMessage,
  type StartAnalysisMessage,
} from './jobProtocol';
import { errorMessage } from '../../../models/errors/errorMessage';

/** Progress messages at most this often within a stage (every stage change goes out at once). */
const PROGRESS_EVERY_MS = 100;

const abort = new AbortController();
process.on('SIGTERM', () => abort.abort());
process.on('SIGINT', () => abort.abort());
process.on('disconnect', () => abort.abort());

function send(message: AnalysisChildMessage): Promise<void> {
  // Validated here too: a message the parent would refuse is a bug of this side, better caught where it is made.
  AnalysisChildMessageSchema.parse(message);
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

let lastStage: PipelineStage | null = null;
let lastSentAt = 0;
function progress(stage: PipelineStage, fraction: number): void {
  const now = Date.now();
  if (stage === lastStage && fraction < 1 && now - lastSentAt < PROGRESS_EVERY_MS) return;
  lastStage = stage;
  lastSentAt = now;
  void send({ type: 'progress', stage, fraction: Math.min(1, Math.max(0, fraction)) });
}

async function run(start: StartAnalysisMessage): Promise<AnalysisChildMessage> {
  const config = configSchema.parse(start.config);
  progress('load', 0);
  const loadStart = performance.now();
  const archive = openArchive(start.archivePath);
  let input;
  try {
    input = loadArchivedStreamForAnalysis(archive, start.streamId);
  } finally {
    archive.close();
  }
  const load: StageTiming = { stage: 'load', ms: performance.now() - loadStart };
  progress('load', 1);
  if (abort.signal.aborted) return { type: 'cancelled' };

  const embedder = await startConfiguredEmbedder(config, { overload: 'wait', cwd: start.cwd, model: start.modelSpec });
  const layoutPool = LayoutThreadPool.forThreads(config.layoutThreads);
  try {
    await send({ type: 'model', model: embedder.info });
    const result = await analyzeStream(input.stream, input.messages, {
      params: start.params,
      embedder: embedder.service,
      model: embedder.info,
      neighbours: onnxNeighbourSearch({ threads: config.embedThreads }),
      ...(layoutPool ? { layoutExecutor: layoutPool, mapBeside: layoutPool } : {}),
      earlierTimings: [load],
      onProgress: (p) => progress(p.stage, p.fraction),
      signal: abort.signal,
    });
    if (abort.signal.aborted) return { type: 'cancelled' };
    const store = openAnalysisStore(start.storeLocation);
    try {
      const stored = store.save({ analysis: result.analysis, vectors: result.vectors, modelSpec: start.modelSpec });
      return { type: 'done', stored };
    } finally {
      store.close();
    }
  } catch (err) {
    if (abort.signal.aborted) return { type: 'cancelled' };
    throw err;
  } finally {
    await layoutPool?.close();
    await embedder.service.close();
  }
}

process.once('message', (raw: unknown) => {
  const parsed = StartAnalysisMessageSchema.safeParse(raw);
  const outcome: Promise<AnalysisChildMessage> = parsed.success
    ? run(parsed.data).catch((err: unknown) => ({ type: 'error', message: errorMessage(err) }) as const)
    : Promise.resolve({
        type: 'error',
        message: `analysis child: bad start message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      } as const);
  void outcome.then(async (last) => {
    await send(last);
    // Worker threads of an embedder or ONNX Runtime may keep handles open: leave once the last message is out.
    process.exit(last.type === 'error' ? 1 : 0);
  });
});
