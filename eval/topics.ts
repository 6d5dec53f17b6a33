// The topic evaluation: simulated streams with planted topics (ARI, NMI, noise, label quality), per embedder and
// with the time feature on and off; and real French chat when ../shared/data/chat-fr is present (topics, noise,
// silhouettes and one printed report).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TopicPipelineParamsSchema, type TopicPipelineParams } from '../contracts/analysis';
import type { ChatMessage, StreamInfo } from '../contracts/chat';
import { createEmbedder } from '../models/embedding/createEmbedder';
import type { CreatedEmbedder } from '../models/embedding/createEmbedder';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { ChatTermTokenizer } from '../models/topics/labels';
import { adjustedRandIndex, normalizedMutualInformation, purity } from '../models/topics/metrics';
import { analyzeStream } from '../server/analysis/analyzeStream';
import { formatAnalysisReport } from '../server/analysis/formatAnalysisReport';
import { loadChatFileForAnalysis } from '../server/analysis/loadAnalysisInput';
import { DEFAULT_BOTS } from '../server/config/schema';
import { simulateChat } from '../server/simulator';
import { labelQuality } from './labelQuality';

interface SimulatedRun {
  embedder: string;
  minutes: number;
  seed: number;
  timeFeature: boolean;
  messages: number;
  clustered: number;
  plantedTopics: number;
  topics: number;
  /** Against the planted topics, HDBSCAN noise as one more class (planted "noise" is a class too). */
  ari: number;
  nmi: number;
  /** On messages neither planted as noise nor called noise: how pure the found topics are. */
  ariClustered: number;
  /** Share of clustered messages whose found topic is mostly their own planted topic (splitting a planted topic is not punished). */
  purity: number;
  noiseRate: number;
  /** Share of planted-noise messages among the clustered ones (what a perfect clusterer would call noise). */
  plantedNoiseRate: number;
  labelQuality: number;
  labelQualitySizeWeighted: number;
  silhouette: number | null;
  seconds: number;
  stages: Record<string, number>;
}

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function simulatedStream(seed: number, minutes: number, rate: number): { stream: StreamInfo; messages: ChatMessage[] } {
  const streamId = `eval-s${seed}-${minutes}m`;
  const startedAt = Date.UTC(2024, 0, 1, 20);
  const messages = [...simulateChat({ seed, ratePerSecond: rate, streamId, startedAt, minutes, channel: 'evalchan', botNames: DEFAULT_BOTS })];
  return { stream: { id: streamId, channel: 'evalchan', source: 'simulator', title: `simulator seed ${seed}, ${minutes} min`, startedAt, absoluteTime: true, importFormat: null }, messages };
}

async function evalSimulated(embedderName: string, created: CreatedEmbedder, minutes: number, seed: number, rate: number, params: TopicPipelineParams): Promise<SimulatedRun> {
  const { stream, messages } = simulatedStream(seed, minutes, rate);
  const started = performance.now();
  const { analysis, clustered, clustering } = await analyzeStream(stream, messages, {
    params,
    embedder: created.embedder,
    model: { id: created.embedder.id, kind: created.kind, dimension: created.embedder.dimension },
    neighbours: onnxNeighbourSearch({ threads: 2 }),
  });
  const seconds = (performance.now() - started) / 1000;
  const truth = clustered.map((m) => m.topic ?? 'unknown');
  const found = Array.from(clustering.labels);
  const keep = truth.map((t, i) => t !== 'noise' && found[i]! >= 0);
  const tokenizer = new ChatTermTokenizer({ ngramRange: params.labels.ngramRange });
  const quality = labelQuality(
    clustered.map((m) => tokenizer.terms(m.text, m.emotes)),
    truth,
    clustering.labels,
    clustering.terms.map((t) => t[0]?.term),
  );
  return {
    embedder: embedderName,
    minutes,
    seed,
    timeFeature: params.time.enabled,
    messages: messages.length,
    clustered: clustered.length,
    plantedTopics: new Set(truth).size,
    topics: clustering.nTopics,
    ari: round(adjustedRandIndex(truth, found)),
    nmi: round(normalizedMutualInformation(truth, found)),
    ariClustered: round(adjustedRandIndex(truth.filter((_, i) => keep[i]), found.filter((_, i) => keep[i]))),
    purity: round(purity(truth, found)),
    noiseRate: round(analysis.noiseRate),
    plantedNoiseRate: round(truth.filter((t) => t === 'noise').length / Math.max(1, truth.length)),
    labelQuality: round(quality.topics),
    labelQualitySizeWeighted: round(quality.sizeWeighted),
    silhouette: analysis.silhouette === null ? null : round(analysis.silhouette),
    seconds: round(seconds, 2),
    stages: Object.fromEntries(analysis.timings.map((t) => [t.stage, round(t.ms / 1000, 2)])),
  };
}

async function evalRealChat(dir: string, created: CreatedEmbedder, params: TopicPipelineParams, reportDir: string) {
  if (!fs.existsSync(dir)) return { dir, present: false, streams: [] as unknown[] };
  const files = fs.readdirSync(dir).filter((f) => /\.(txt|json|jsonl|csv|log)(\.gz)?$/.test(f)).sort();
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
      topicSilhouetteMedian: round([...analysis.topics.map((t) => t.silhouette ?? NaN)].filter((s) => !Number.isNaN(s)).sort((a, b) => a - b)[Math.floor(analysis.topics.length / 2)] ?? NaN),
      largestTopics: sizes.slice(0, 5),
      topLabels: [...analysis.topics].sort((a, b) => b.size - a.size).slice(0, 10).map((t) => t.label),
      seconds: round((performance.now() - started) / 1000, 2),
      stages: Object.fromEntries(analysis.timings.map((t) => [t.stage, round(t.ms / 1000, 2)])),
    });
    reports.set(file, formatAnalysisReport(analysis, { messagesPerTopic: 5 }));
    // The printed report of the stream closest to the 15k messages.
    if (!reportFor || Math.abs(analysis.counts.messages - 15_000) < Math.abs(reportFor.messages - 15_000)) reportFor = { file, messages: analysis.counts.messages };
  }
  let report: string | null = null;
  if (reportFor) {
    report = path.join(reportDir, `topics-report-${reportFor.file.replace(/\W+/g, '_')}.txt`);
    fs.mkdirSync(reportDir, { recursive: true });
    fs.writeFileSync(report, reports.get(reportFor.file)!);
  }
  return { dir, present: true, streams, report };
}

/** `npm run eval -- topics [--seeds 1,2,3] [--minutes 30,120] [--rate 4] [--model bow,<dir>] [--time on,off] [--real-dir DIR|none]` */
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
    },
  });
  const seeds = values.seeds.split(',').map(Number);
  const minutesList = values.minutes.split(',').map(Number);
  const rate = Number(values.rate);
  const timeOptions = values.time.split(',').map((t) => t === 'on');
  const runs: SimulatedRun[] = [];
  const real: unknown[] = [];
  for (const model of values.model.split(',')) {
    const created = await createEmbedder(model, { cwd: process.cwd(), threads: 2 });
    try {
      for (const minutes of minutesList) {
        for (const seed of seeds) {
          for (const time of timeOptions) {
            const params = TopicPipelineParamsSchema.parse({ time: { enabled: time } });
            const run = await evalSimulated(model, created, minutes, seed, rate, params);
            console.error(`${model} ${minutes} min seed ${seed} time ${time ? 'on' : 'off'}: ARI ${run.ari} NMI ${run.nmi} purity ${run.purity} noise ${run.noiseRate} topics ${run.topics} labels ${run.labelQuality} (${run.seconds} s)`);
            runs.push(run);
          }
        }
      }
      if (values['real-dir'] !== 'none') {
        real.push({ embedder: model, ...(await evalRealChat(values['real-dir'], created, TopicPipelineParamsSchema.parse({}), path.join('eval', 'results'))) });
      }
    } finally {
      await created.embedder.close();
    }
  }
  const groups = new Map<string, SimulatedRun[]>();
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
