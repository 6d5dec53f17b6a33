// The real-chat evaluation: every set of ../shared/data/reference (the reference system's labels, windows grouped
// by hand) scored per embedder, configuration and seed, with the same figures as the Python scorers beside the data.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TopicAnalysis, TopicPipelineParams } from '../contracts/analysis';
import { createEmbedder } from '../models/embedding/createEmbedder';
import { EmbedService } from '../models/embedding/EmbedService';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { LayoutThreadPool } from '../models/runtime/LayoutThreadPool';
import { analyzeStream } from '../server/analysis/analyzeStream';
import { loadChatFileForAnalysis, type AnalysisInput } from '../server/analysis/loadAnalysisInput';
import {
  findReferenceSets,
  readAnnotatedWindows,
  readReferenceLabels,
  type ReferenceSet,
} from '../server/analysis/scoring/referenceSets';
import { scoreAnnotatedWindows } from '../server/analysis/scoring/scoreAnnotatedWindows';
import { scoreReferenceTopics } from '../server/analysis/scoring/scoreReferenceTopics';
import { round3 } from '../server/analysis/scoring/pairAgreement';
import { PIPELINE_FLAGS, pipelineParamsFromFlags } from '../server/cli/pipelineFlags';
import { configSchema, DEFAULT_BOTS } from '../server/config/schema';

/** The share of the clustered messages in the largest fine topic. */
function largestShare(analysis: TopicAnalysis): number {
  const largest = analysis.topics.reduce((m, t) => Math.max(m, t.size), 0);
  return analysis.counts.clustered ? largest / analysis.counts.clustered : 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Runs the Python scorer beside the data on the same analysis; its last line is its JSON summary. */
function pythonScore(scorer: string, analysis: TopicAnalysis, referenceFile: string): Record<string, unknown> | null {
  if (!fs.existsSync(scorer)) return null;
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-ref-')), 'analysis.json');
  fs.writeFileSync(tmp, JSON.stringify(analysis));
  try {
    const out = execFileSync('python3', [scorer, tmp, referenceFile], { encoding: 'utf8' }).trim().split('\n');
    return JSON.parse(out[out.length - 1]!) as Record<string, unknown>;
  } catch {
    return null;
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}

interface ReferenceRun extends SetScore {
  model: string;
  config: string;
  seed: number;
  topics: number;
  moments: number;
  noiseRate: number;
  largestTopicShare: number;
  seconds: number;
}

interface SetScore {
  set: string;
  kind: ReferenceSet['kind'];
  /** The field scored: `topic` for the reference system's labels, `moment` for hand-grouped windows. */
  field: 'topic' | 'moment';
  pairF1: number;
  pairPrecision: number;
  pairRecall: number;
  ari: number;
  /** Per window (windows sets). */
  windowsF1?: number[];
  /** The fine topics' figures on a windows set, beside the moments'. */
  topicPairF1?: number;
  topicAri?: number;
  /** Did the Python scorer print the same rounded figures? null when it could not run. */
  pythonAgrees: boolean | null;
}

function scoreSet(set: ReferenceSet, analysis: TopicAnalysis, checkPython: boolean): SetScore {
  const scorerDir = path.dirname(set.file);
  if (set.kind === 'labels') {
    const s = scoreReferenceTopics(analysis.messages, readReferenceLabels(set.file));
    const py = checkPython ? pythonScore(path.join(scorerDir, 'score_topics.py'), analysis, set.file) : null;
    const agrees =
      py === null
        ? null
        : py.pair_f1 === round3(s.pairF1) &&
          py.ari_vs_reference === round3(s.ari) &&
          py.pair_precision === round3(s.pairPrecision) &&
          py.pair_recall === round3(s.pairRecall);
    return {
      set: set.name,
      kind: set.kind,
      field: 'topic',
      pairF1: s.pairF1,
      pairPrecision: s.pairPrecision,
      pairRecall: s.pairRecall,
      ari: s.ari,
      pythonAgrees: agrees,
    };
  }
  const windows = readAnnotatedWindows(set.file);
  const byField = (field: 'topic' | 'moment') =>
    scoreAnnotatedWindows(
      analysis.messages.map((m) => ({ elapsed: m.elapsed, text: m.text, group: m[field] })),
      windows,
    );
  // Every analysed message has a moment (-1 when the stage is off), so the Python scorer scores `moment`, as here.
  const field = 'moment';
  const s = byField(field);
  const fine = byField('topic');
  const py = checkPython ? pythonScore(path.join(scorerDir, 'score_windows.py'), analysis, set.file) : null;
  const agrees =
    py === null
      ? null
      : py.field === field &&
        py.pair_f1 === round3(s.pairF1) &&
        py.ari === round3(s.ari) &&
        py.pair_precision === round3(s.pairPrecision);
  return {
    set: set.name,
    kind: set.kind,
    field,
    pairF1: s.pairF1,
    pairPrecision: s.pairPrecision,
    pairRecall: s.pairRecall,
    ari: s.ari,
    windowsF1: s.windows.map((w) => round3(w.pairF1)),
    topicPairF1: fine.pairF1,
    topicAri: fine.ari,
    pythonAgrees: agrees,
  };
}

/**
 * `npm run eval -- reference [--model chat-topics-fr-small,bow,<dir>] [--seeds 1,2,3,4,5] [--dir DIR] [--config NAME] [--no-python]
 * [--umap-threads N] [pipeline flags of analyze]`
 */
export async function runReferenceEval(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', default: 'chat-topics-fr-small,bow' },
      seeds: { type: 'string', default: '1,2,3,4,5' },
      dir: { type: 'string', default: path.join('..', 'shared', 'data', 'reference') },
      config: { type: 'string', default: 'defaults' },
      'no-python': { type: 'boolean', default: false },
      /** Threads of UMAP's layout (1: the single-threaded SGD). */
      'umap-threads': { type: 'string' },
      ...PIPELINE_FLAGS,
    },
  });
  if (!fs.existsSync(values.dir)) {
    console.error(
      `eval reference: no reference data at ${values.dir} (it lives in ../shared/data/reference beside the repository); nothing to evaluate`,
    );
    return { suite: 'reference', present: false, dir: values.dir };
  }
  const sets = findReferenceSets(values.dir);
  const seeds = values.seeds.split(',').map(Number);
  const base = pipelineParamsFromFlags(values);
  const inputs = new Map<string, AnalysisInput>();
  for (const set of sets)
    if (!inputs.has(set.chatFile))
      inputs.set(set.chatFile, await loadChatFileForAnalysis(set.chatFile, { botNames: DEFAULT_BOTS }));

  // The analyses' own default (the setting layoutThreads), so the evaluation measures what `analyze` gives.
  const umapThreads = Number(values['umap-threads'] ?? configSchema.parse({}).layoutThreads);
  const layoutPool = LayoutThreadPool.forThreads(umapThreads);
  const runs: ReferenceRun[] = [];
  for (const model of values.model.split(',')) {
    const created = await createEmbedder(model, { cwd: process.cwd(), threads: 2 });
    // As `analyze` embeds: through the embed service, whose cache also spares the seeds after the first.
    const embedder = new EmbedService(created.embedder, { overload: 'wait', cacheSize: 200_000 });
    try {
      for (const seed of seeds) {
        const params: TopicPipelineParams = { ...base, umap: { ...base.umap, seed } };
        for (const [chatFile, input] of inputs) {
          const started = performance.now();
          const { analysis } = await analyzeStream(input.stream, input.messages, {
            params,
            embedder,
            model: { id: created.embedder.id, kind: created.kind, dimension: created.embedder.dimension },
            neighbours: onnxNeighbourSearch({ threads: 2 }),
            ...(layoutPool ? { layoutExecutor: layoutPool, mapBeside: layoutPool } : {}),
          });
          const seconds = (performance.now() - started) / 1000;
          for (const set of sets.filter((s) => s.chatFile === chatFile)) {
            const score = scoreSet(set, analysis, !values['no-python'] && seed === seeds[0]);
            const run: ReferenceRun = {
              model,
              config: values.config,
              seed,
              ...score,
              topics: analysis.topics.length,
              moments: analysis.moments.length,
              noiseRate: analysis.noiseRate,
              largestTopicShare: largestShare(analysis),
              seconds,
            };
            console.error(
              `${model} ${values.config} seed ${seed} ${set.name} (${score.field}): F1 ${round3(score.pairF1)} ARI ${round3(score.ari)} P ${round3(score.pairPrecision)} R ${round3(score.pairRecall)}` +
                ` topics ${run.topics} noise ${round3(run.noiseRate)} largest ${round3(run.largestTopicShare)} ${seconds.toFixed(1)} s` +
                (score.pythonAgrees === null ? '' : ` python ${score.pythonAgrees ? 'agrees' : 'DIFFERS'}`),
            );
            runs.push(run);
          }
        }
      }
    } finally {
      await embedder.close();
    }
  }
  await layoutPool?.close();

  const groups = new Map<string, ReferenceRun[]>();
  for (const r of runs)
    groups.set(`${r.model}|${r.config}|${r.set}`, [...(groups.get(`${r.model}|${r.config}|${r.set}`) ?? []), r]);
  const summary = [...groups.values()].map((rs) => {
    const stat = (f: (r: ReferenceRun) => number) => ({
      min: round3(Math.min(...rs.map(f))),
      median: round3(median(rs.map(f))),
      max: round3(Math.max(...rs.map(f))),
    });
    return {
      model: rs[0]!.model,
      config: rs[0]!.config,
      set: rs[0]!.set,
      field: rs[0]!.field,
      seeds: rs.map((r) => r.seed),
      pairF1: stat((r) => r.pairF1),
      ari: stat((r) => r.ari),
      pairPrecision: stat((r) => r.pairPrecision),
      pairRecall: stat((r) => r.pairRecall),
      topics: stat((r) => r.topics),
      noiseRate: stat((r) => r.noiseRate),
      largestTopicShare: stat((r) => r.largestTopicShare),
      seconds: stat((r) => r.seconds),
      perSeedF1: rs.map((r) => round3(r.pairF1)),
      perSeedAri: rs.map((r) => round3(r.ari)),
    };
  });
  for (const s of summary) {
    console.error(
      `| ${s.model} | ${s.config} | ${s.set} (${s.field}) | ${s.pairF1.median} (${s.pairF1.min}) | ${s.ari.median} (${s.ari.min}) | ${s.topics.median} | ${s.noiseRate.median} | ${s.largestTopicShare.max} | ${s.perSeedF1.join(' ')} | ${s.perSeedAri.join(' ')} |`,
    );
  }
  return { suite: 'reference', present: true, date: new Date().toISOString(), dir: values.dir, sets, summary, runs };
}
