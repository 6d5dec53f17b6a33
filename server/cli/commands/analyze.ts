import fs from 'node:fs';
import path from 'node:path';
import type { StageTiming } from '../../../contracts/analysis';
import { CLUSTERER_KINDS } from '../../../contracts/pipelineStages';
import { onnxNeighbourSearch } from '../../../models/onnx/knn';
import { LayoutThreadPool } from '../../../models/runtime/LayoutThreadPool';
import { analyzeStream } from '../../analysis/analyzeStream';
import { formatAnalysisReport } from '../../analysis/formatAnalysisReport';
import {
  isChatFile,
  loadArchivedStreamForAnalysis,
  loadChatFileForAnalysis,
  type AnalysisInput,
} from '../../analysis/loadAnalysisInput';
import { openAnalysisStore } from '../../analysis/store/openAnalysisStore';
import { analysesPath, loadConfig } from '../../config/loadConfig';
import { startConfiguredEmbedder } from '../../embed/startConfiguredEmbedder';
import { UsageError } from '../../errors';
import { FORMAT_NAMES, isFormatName } from '../../importers/formats';
import type { CliCommand } from '../CliContext';
import { numberFlag, parseFlags } from '../parseFlags';
import { PIPELINE_FLAGS, pipelineParamsFromFlags } from '../pipelineFlags';
import { openCliArchive } from '../openCliArchive';

const USAGE = `Usage: chat-topics analyze <file | stream-id> [--model M] [--json FILE] [--print] [--save] [options]

Runs the topic pipeline on a whole stream — embedding, UMAP, the time column, HDBSCAN, c-TF-IDF labels,
silhouettes — and writes the analysis: with --json FILE one JSON document (contracts/analysis.ts; "-" for
stdout), with --print (the default when --json is not given) the text report: per topic its label
"term (score)/…", mean silhouette and typical messages. A chat file (any import format, plain or gzip) is read
without touching the archive; otherwise the argument is an archived stream id. Deleted, bot and !command
messages are counted and left out.

Options:
  --model M                 a shipped model's name, a model directory, bow, or an embed server URL
                            (default chat-topics-fr-small; env CHAT_TOPICS_EMBED_MODEL)
  --threads N               ONNX Runtime threads for the model and the neighbour search (default 2)
  --umap-threads N          threads of UMAP's layout (default 2; reproducible for a seed and a thread count;
                            env CHAT_TOPICS_LAYOUT_THREADS)
  --json FILE               write the analysis JSON to FILE ("-": stdout)
  --print                   print the text report
  --save                    store the analysis with its message vectors where the dashboard's stream page
                            finds it (<data dir>/analyses; archived stream ids only) and print its key
  --messages N              messages printed per topic (default 8)
  --format F, --channel C   how to read a chat file (as for import; format: ${FORMAT_NAMES.join(', ')})
  --db FILE, --data-dir DIR the archive, for a stream id (as for import)
Pipeline (defaults: the reference's parameters):
  --neighbors N             UMAP neighbours (100)          --components N   UMAP dimensions (10)
  --min-dist X              UMAP min_dist (0.99)           --epochs N       UMAP epochs (200)
  --seed N                  random seed (42)               --negative-samples N   UMAP negative sample rate (5)
  --time-unit SECONDS       seconds per unit of the time column (600)    --no-time   cluster without the time column
  --min-cluster-size N      HDBSCAN (5)                    --min-samples N  HDBSCAN (1)
  --epsilon X               cluster_selection_epsilon (0.5)               --leaf      leaf selection instead of eom
  --max-topic-share X       largest topic as a share of the messages (0.2; 1 = no limit, the reference)
  --clusterer KIND[:k=v,…]  the clusterer, one of ${CLUSTERER_KINDS.join(', ')}, with its parameters, e.g.
                            kmeans:k=12,seed=7 (hdbscan, the default, takes the flags above)
  --attach-within X         a left-out message joins the topic of its nearest clustered one within X times
                            the clustered messages' median spacing (2; 0 = off, the reference)
  --bm25                    BM25 weighting of c-TF-IDF     --reduce-frequent-words   sqrt of term frequencies
  --terms N                 label terms per topic (5)
Long streams (one global fit up to 50,000 clustered messages; windows of about 10,000 messages above):
  --window-minutes W        cluster overlapping windows of W stream-minutes as the live engine refits them,
                            topics stitched across windows by its tracker; memory bounded by the window
  --window-step S           minutes between window starts (default W/2); a message takes its topic from the
                            window whose centre is closest to it
  --window-above N|off      window by itself above N clustered messages (50000), or never`;

const FLAGS = {
  model: { type: 'string' },
  threads: { type: 'string' },
  'umap-threads': { type: 'string' },
  json: { type: 'string' },
  print: { type: 'boolean' },
  save: { type: 'boolean' },
  messages: { type: 'string' },
  format: { type: 'string' },
  channel: { type: 'string' },
  db: { type: 'string' },
  'data-dir': { type: 'string' },
  ...PIPELINE_FLAGS,
} as const;

/** `chat-topics analyze`: the whole topic pipeline on one stream, as JSON and/or the text report. */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'find the topics of a chat file or archived stream (JSON and text report)',
  usage: USAGE,
  async run(ctx) {
    const { values, positionals } = parseFlags(ctx.argv, FLAGS);
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? 'expected a chat file or a stream id'
          : `expected one file or stream id, got ${positionals.length}`,
      );
    const format = values.format === 'auto' ? undefined : values.format;
    if (format !== undefined && !isFormatName(format))
      throw new UsageError(`--format: unknown format "${format}" (one of: ${FORMAT_NAMES.join(', ')})`);
    const params = pipelineParamsFromFlags(values);
    const umapThreadsFlag =
      values['umap-threads'] === undefined ? undefined : numberFlag(values['umap-threads'], 'umap-threads', 0);
    if (
      umapThreadsFlag !== undefined &&
      (!Number.isInteger(umapThreadsFlag) || umapThreadsFlag < 1 || umapThreadsFlag > 64)
    )
      throw new UsageError(`--umap-threads: expected an integer from 1 to 64, got "${values['umap-threads']}"`);
    const messagesPerTopic = numberFlag(values.messages, 'messages', 8);
    if (!Number.isInteger(messagesPerTopic) || messagesPerTopic < 0)
      throw new UsageError(`--messages: expected an integer >= 0, got "${values.messages}"`);
    const config = loadConfig(
      {
        embedModel: values.model,
        embedThreads: values.threads === undefined ? undefined : numberFlag(values.threads, 'threads', 0),
        layoutThreads: umapThreadsFlag,
        dbPath: values.db,
        dataDir: values['data-dir'],
      },
      ctx.env,
    );
    const source = positionals[0]!;
    const chatFile = isChatFile(source, ctx.cwd);
    if (values.save && chatFile)
      throw new UsageError(
        `--save stores analyses of archived streams, and "${source}" is a chat file: import it first (chat-topics import ${source}), then analyze its stream id`,
      );

    const loadStart = performance.now();
    let input: AnalysisInput;
    if (chatFile) {
      input = await loadChatFileForAnalysis(path.resolve(ctx.cwd, source), {
        format,
        channel: values.channel,
        botNames: config.botNames,
      });
    } else {
      const { archive } = openCliArchive(ctx, { db: values.db, dataDir: values['data-dir'] });
      try {
        input = loadArchivedStreamForAnalysis(archive, source);
      } finally {
        archive.close();
      }
    }
    const load: StageTiming = { stage: 'load', ms: performance.now() - loadStart };
    if (input.issues.length > 0)
      ctx.stderr.write(`analyze: ${input.issues.length} unreadable lines skipped, first: ${input.issues[0]}\n`);

    const embedder = await startConfiguredEmbedder(config, { overload: 'wait', cwd: ctx.cwd });
    ctx.stderr.write(
      `analyze: ${input.messages.length} messages of ${input.stream.id}; embedder ${embedder.info.description}\n`,
    );
    const layoutPool = LayoutThreadPool.forThreads(config.layoutThreads);
    try {
      const { analysis, vectors } = await analyzeStream(input.stream, input.messages, {
        params,
        embedder: embedder.service,
        model: embedder.info,
        neighbours: onnxNeighbourSearch({ threads: config.embedThreads }),
        ...(layoutPool ? { layoutExecutor: layoutPool, mapBeside: layoutPool } : {}),
        earlierTimings: [load],
      });
      const stages = analysis.timings.map((t) => `${t.stage} ${(t.ms / 1000).toFixed(2)}s`).join(', ');
      ctx.stderr.write(
        `analyze: ${analysis.topics.length} topics, noise ${(analysis.noiseRate * 100).toFixed(1)}% in ${(analysis.totalMs / 1000).toFixed(1)} s (${stages})\n`,
      );
      if (values.json !== undefined) {
        const json = JSON.stringify(analysis) + '\n';
        if (values.json === '-') ctx.stdout.write(json);
        else {
          const out = path.resolve(ctx.cwd, values.json);
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out + '.partial', json);
          fs.renameSync(out + '.partial', out);
          ctx.stderr.write(`analyze: wrote ${values.json}\n`);
        }
      }
      if (values.save) {
        const store = openAnalysisStore(analysesPath(config), ctx.cwd);
        let stored;
        try {
          stored = store.save({ analysis, vectors, modelSpec: storableModelSpec(config.embedModel, ctx.cwd) });
        } finally {
          store.close();
        }
        ctx.stderr.write(
          `analyze: saved as ${stored.key}${vectors ? '' : ' (without vectors: not searchable by meaning)'} in ${store.label}\n`,
        );
        // The key alone on stdout when nothing else goes there, for scripts.
        if (!values.print && values.json !== '-') ctx.stdout.write(`${stored.key}\n`);
      }
      if (values.print || (values.json === undefined && !values.save))
        ctx.stdout.write(formatAnalysisReport(analysis, { messagesPerTopic }));
      return 0;
    } finally {
      await layoutPool?.close();
      await embedder.service.close();
    }
  },
};

/** A model spec the server can start again from anywhere: a relative model directory made absolute. */
function storableModelSpec(spec: string, cwd: string): string {
  const dir = path.resolve(cwd, spec);
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? dir : spec;
}
