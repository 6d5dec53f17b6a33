// The topic evaluation: simulated streams with planted topics (ARI, NMI, noise, label quality), per embedder and
// with the time feature on and off; and real French chat when ../shared/data/chat-fr is present (topics, noise,
// silhouettes and one printed report).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TopicPipelineParams } from '../contracts/analysis';
import { createEmbedder } from '../models/embedding/createEmbedder';
import type { CreatedEmbedder } from '../models/embedding/createEmbedder';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { analyzeStream } from '../server/analysis/analyzeStream';
import { formatAnalysisReport } from '../server/analysis/formatAnalysisReport';
import { loadChatFileForAnalysis } from '../server/analysis/loadAnalysisInput';
import { PIPELINE_FLAGS, pipelineParamsFromFlags } from '../server/cli/pipelineFlags';
import { DEFAULT_BOTS } from '../server/config/schema';
import { evaluatePlantedTopics, type PlantedTopicRun } from '../server/analysis/plantedTopicEval';

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function evalRealChat(dir: string, created: CreatedEmbedder, params: TopicPipelineParams, reportDir: string) {
  if (!fs.existsSync(dir)) return { dir, present: false, streams: [] as unknown[] };
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(txt|json|jsonl|csv|log)(\.gz)?$/.test(f))
    .sort();
  const streams = [];
  let reportFor: { file: string; messages: number } | null = null;
  const reports = new Map<string, string>();
  for (const file of files) {
    const input = await loadChatFileForAnalysis(path.join(dir, file), { botNames: DEFAULT_BOTS });
    const started = performance.now();
    const { analysis } = await analyzeStream(input.stream, input.messages, {
      params,
      embedder: created.embedder,
      model: { id: created.embedder.id, kind: created.kind, dimension: created.embedder.dimension },
      neighbours: onnxNeighbourSearch({ threads: 2 }),
    });
    const sizes = analysis.topics.map((t) => t.size).sort((a, b) => b - a);
    streams.push({
      file,
      messages: analysis.counts.messages,
      clustered: analysis.counts.clustered,
      topics: analysis.topics.length,
      noiseRate: round(analysis.noiseRate),
      silhouette: analysis.silhouette === null ? null : round(analysis.silhouette),
      topicSilhouetteMedian: round(
        [...analysis.topics.map((t) => t.silhouette ?? NaN)].filter((s) => !Number.isNaN(s)).sort((a, b) => a - b)[
          Math.floor(analysis.topics.length / 2)
        ] ?? NaN,
      ),
      largestTopics: sizes.slice(0, 5),
      topLabels: [...analysis.topics]
        .sort((a, b) => b.size - a.size)
        .slice(0, 10)
        .map((t) => t.label),
      seconds: round((performance.now() - started) / 1000, 2),
      stages: Object.fromEntries(analysis.timings.map((t) => [t.stage, round(t.ms / 1000, 2)])),
    });
    reports.set(file, formatAnalysisReport(analysis, { messagesPerTopic: 5 }));
    // The printed report of the stream closest to the 15k messages.
    if (!reportFor || Math.abs(analysis.counts.messages - 15_000) < Math.abs(reportFor.messages - 15_000))
      reportFor = { file, messages: analysis.counts.messages };
  }
  let report: string | null = null;
  if (reportFor) {
    report = path.join(reportDir, `topics-report-${reportFor.file.replace(/\W+/g, '_')}.txt`);
    fs.mkdirSync(reportDir, { recursive: true });
    fs.writeFileSync(report, reports.get(reportFor.file)!);
  }
  return { dir, present: true, streams, report };
}

/**
 * `npm run eval -- topics [--seeds 1,2,3] [--minutes 30,120] [--rate 4] [--model bow,<dir>] [--time on,off] [--real-dir DIR|none]
 * [pipeline flags of analyze]`
 */
export async function runTopicsEval(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string', default: '1,2,3' },
      minutes: { type: 'string', default: '30,120' },
      rate: { type: 'string', default: '4' },
      model: { type: 'string', default: 'bow' },
      time: { type: 'string', default: 'on,off' },
      'real-dir': { type: 'string', default: path.join('..', 'shared', 'data', 'chat-fr') },
      ...PIPELINE_FLAGS,
    },
  });
  const base = pipelineParamsFromFlags(values);
  const seeds = values.seeds.split(',').map(Number);
  const minutesList = values.minutes.split(',').map(Number);
  const rate = Number(values.rate);
  const timeOptions = values.time.split(',').map((t) => t === 'on');
  const runs: PlantedTopicRun[] = [];
  const real: unknown[] = [];
  for (const model of values.model.split(',')) {
    const created = await createEmbedder(model, { cwd: process.cwd(), threads: 2 });
    try {
      for (const minutes of minutesList) {
        for (const seed of seeds) {
          for (const time of timeOptions) {
            const params = { ...base, time: { ...base.time, enabled: time } };
            const run = await evaluatePlantedTopics(model, created, minutes, seed, rate, params);
            console.error(
              `${model} ${minutes} min seed ${seed} time ${time ? 'on' : 'off'}: ARI ${run.ari} NMI ${run.nmi} purity ${run.purity} noise ${run.noiseRate} topics ${run.topics} labels ${run.labelQuality} (${run.seconds} s)`,
            );
            runs.push(run);
          }
        }
      }
      if (values['real-dir'] !== 'none') {
        real.push({
          embedder: model,
          ...(await evalRealChat(values['real-dir'], created, base, path.join('eval', 'results'))),
        });
      }
    } finally {
      await created.embedder.close();
    }
  }
  const groups = new Map<string, PlantedTopicRun[]>();
  for (const r of runs) {
    const key = `${r.embedder} | ${r.minutes} min | time ${r.timeFeature ? 'on' : 'off'}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const summary = [...groups.entries()].map(([key, rs]) => ({
    key,
    seeds: rs.length,
    ari: round(mean(rs.map((r) => r.ari))),
    nmi: round(mean(rs.map((r) => r.nmi))),
    ariClustered: round(mean(rs.map((r) => r.ariClustered))),
    purity: round(mean(rs.map((r) => r.purity))),
    noiseRate: round(mean(rs.map((r) => r.noiseRate))),
    plantedNoiseRate: round(mean(rs.map((r) => r.plantedNoiseRate))),
    topics: round(mean(rs.map((r) => r.topics)), 1),
    plantedTopics: round(mean(rs.map((r) => r.plantedTopics)), 1),
    labelQuality: round(mean(rs.map((r) => r.labelQuality))),
    seconds: round(mean(rs.map((r) => r.seconds)), 2),
  }));
  return { suite: 'topics', date: new Date().toISOString(), rate, summary, runs, real };
}
