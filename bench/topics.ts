// `npm run bench -- topics`: the topic engine's speed. Refits of live windows (2k-20k messages of 256-d vectors,
// cold and warm), split by stage; HDBSCAN alone on 20k x 11-d; assignment latency of new messages; whole-stream
// `analyze` of a real chat file in a child process (peak memory its own), with the bag-of-words embedder and a
// full-size ConvBERT (random weights).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TopicPipelineParamsSchema } from '../contracts/analysis';
import type { ChatMessage } from '../contracts/chat';
import { BagOfWordsEmbedder } from '../models/bow/BagOfWordsEmbedder';
import { createEmbedder } from '../models/embedding/createEmbedder';
import { EmbedService } from '../models/embedding/EmbedService';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { hdbscan } from '../models/topics/hdbscan';
import {
  appendTimeColumn,
  assignMessages,
  clusterMessages,
  packRows,
  warmStartRows,
  type ClusteringResult,
} from '../models/topics/pipeline';
import { selectClusterable } from '../server/analysis/selectClusterable';
import { parseChatFile } from '../server/importers/parseChatFile';
import { configSchema } from '../server/config/schema';
import { simulateChat } from '../server/simulator';
import { exportHfModel } from '../models/format';
import { LayoutThreadPool } from '../models/runtime/LayoutThreadPool';
import { writeBenchModelDir } from './benchModelDir';
import { median, summary } from './stats';

const params = TopicPipelineParamsSchema.parse({});
/** The shipped default embedder (the setting embedModel's default). */
const DEFAULT_MODEL = configSchema.parse({}).embedModel;
/** The live refits' layout threads (server/main.ts gives the refit worker the setting `layoutThreads`). */
const layoutPool = LayoutThreadPool.forThreads(configSchema.parse({}).layoutThreads);
/** Warm refits per window size (each a tenth of the window later than the one before); the median is reported. */
const WARM_REFITS = 3;
/** What the live engine asks of a refit (server/topics/ChannelTopicEngine). */
const LIVE_SILHOUETTE_SAMPLE = 100;

const seconds = (r: ClusteringResult) => Object.fromEntries(r.timings.map((t) => [t.stage, Math.round(t.ms) / 1000]));
const total = (r: ClusteringResult) => r.timings.reduce((s, t) => s + t.ms, 0) / 1000;

async function refit(messages: ChatMessage[], vectors: Float32Array[], initialLayout?: Float32Array) {
  const dim = vectors[0]!.length;
  return clusterMessages(
    {
      vectors: packRows(vectors, dim),
      dim,
      elapsed: messages.map((m) => m.elapsed),
      texts: messages.map((m) => m.text),
      emotes: messages.map((m) => m.emotes),
    },
    params,
    {
      neighbours: onnxNeighbourSearch({ threads: 2 }),
      silhouetteSamplePerTopic: LIVE_SILHOUETTE_SAMPLE,
      // As the live refit worker lays out (the setting layoutThreads, default 2).
      ...(layoutPool ? { layoutExecutor: layoutPool } : {}),
      ...(initialLayout ? { initialLayout } : {}),
    },
  );
}

/** Vectors of the texts from a model (the shipped default: what the live engine embeds with). */
async function embedWithModel(model: string, texts: string[]): Promise<Float32Array[]> {
  const created = await createEmbedder(model, { cwd: process.cwd(), threads: 2 });
  const service = new EmbedService(created.embedder, { overload: 'wait', cacheSize: 200_000 });
  try {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 1024) out.push(...(await service.embed(texts.slice(i, i + 1024))));
    return out;
  } finally {
    await service.close();
  }
}

async function realChatFile(dir: string): Promise<{ file: string; messages: number } | null> {
  if (!fs.existsSync(dir)) return null;
  let best: { file: string; messages: number } | null = null;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    let n = 0;
    for await (const item of parseChatFile(path.join(dir, f))) if (item.type === 'message') n++;
    if (!best || Math.abs(n - 15_000) < Math.abs(best.messages - 15_000))
      best = { file: path.join(dir, f), messages: n };
  }
  return best;
}

/**
 * The Python reference pipeline (`../shared/bench/ref_pipeline.py`) on the same file and the same model (in
 * HuggingFace layout), in its own process: its report's stage timings and peak memory, or why it did not run.
 */
function peerAnalyze(python: string | undefined, script: string, file: string, hfModelDir: string, work: string) {
  if (!python)
    return { ran: false, why: 'no --peer-python (or CHAT_TOPICS_PEER_PYTHON): see ../shared/bench/README.md' };
  if (!fs.existsSync(script)) return { ran: false, why: `no ${script}` };
  const out = path.join(work, `peer-${path.basename(hfModelDir)}.json`);
  const started = performance.now();
  execFileSync(python, [script, file, '--model', hfModelDir, '--out', out, '--dump', '-', '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    timings_s: Record<string, number>;
    memory: { peak_rss_mib: number };
    clusters: { count: number; noise_fraction: number };
  };
  return {
    ran: true,
    stagesSeconds: report.timings_s,
    pipelineSeconds: report.timings_s['total'],
    processSeconds: wallSeconds,
    peakRssMb: report.memory.peak_rss_mib,
    topics: report.clusters.count,
    noiseRate: report.clusters.noise_fraction,
  };
}

/** How many times faster ours is than the peer, process to process (start-up, model load and every stage). */
function ratioToPeer(ours: Record<string, unknown>, peer: ReturnType<typeof peerAnalyze>) {
  if (!peer.ran) return null;
  return { processSeconds: peer.processSeconds! / (ours['processSeconds'] as number) };
}

function analyzeInChild(file: string, model: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join('bench', 'analyzeChild.ts'), file, model], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/**
 * `npm run bench -- topics [--sizes 2000,5000,10000,20000] [--refit-embedders default,bow] [--chat-dir DIR]
 * [--no-convbert] [--only refits|analyze] [--peer-python PATH] [--peer-script FILE]`: with the peer's Python (its venv, see ../shared/bench/README.md), the
 * full-size ConvBERT analysis also runs the Python reference pipeline on the same file and weights.
 */
export async function runTopicsBench(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '2000,5000,10000,20000' },
      'chat-dir': { type: 'string', default: path.join('..', 'shared', 'data', 'chat-fr') },
      'no-convbert': { type: 'boolean', default: false },
      assignments: { type: 'string', default: '300' },
      only: { type: 'string' },
      'refit-embedders': { type: 'string', default: 'default,bow' },
      'peer-python': { type: 'string', default: process.env['CHAT_TOPICS_PEER_PYTHON'] },
      'peer-script': { type: 'string', default: path.join('..', 'shared', 'bench', 'ref_pipeline.py') },
    },
  });
  const sizes = values.only === 'analyze' ? [] : values.sizes.split(',').map(Number);
  const largest = Math.max(2000, ...sizes);
  // A busy simulated channel: 20 msg/s, long enough for the largest window plus 10% of new messages.
  const all = selectClusterable([
    ...simulateChat({
      seed: 7,
      ratePerSecond: 20,
      streamId: 'bench',
      startedAt: 0,
      minutes: Math.ceil((largest * (1.1 + WARM_REFITS / 10)) / 20 / 60) + 2,
    }),
  ]).kept;
  const bow = new BagOfWordsEmbedder();
  const bowVectors = await bow.embed(all.map((m) => m.text));
  // The live engine's default embedder is the shipped model (128-d); the bag-of-words' 256-d vectors are the
  // baseline's refits, and what this benchmark measured before.
  const refitEmbedders = values['refit-embedders'].split(',');
  const refits = [];
  let tenK: { result: ClusteringResult; end: number } | null = null;
  let twentyK: ClusteringResult | null = null;
  for (const embedder of refitEmbedders) {
    const vectors =
      embedder === 'bow'
        ? bowVectors
        : await embedWithModel(
            DEFAULT_MODEL,
            all.map((m) => m.text),
          );
    for (const n of sizes) {
      const window = all.slice(0, n);
      const cold = await refit(window, vectors.slice(0, n));
      // Thirty seconds later at a busy 10% turnover: a tenth of the window replaced, warm-started from the refit
      // before; WARM_REFITS in a row, so the figure is a median.
      const shift = Math.round(n / 10);
      const warms: ClusteringResult[] = [];
      let before = { result: cold, start: 0 };
      for (let w = 1; w <= WARM_REFITS; w++) {
        const start = w * shift;
        const next = all.slice(start, start + n);
        const rowOf = new Map(all.slice(before.start, before.start + n).map((m, i) => [m.id, i]));
        const initial = warmStartRows(
          next.map((m) => m.id),
          rowOf,
          before.result.layout,
          before.result.layoutDims,
        );
        const warm = await refit(next, vectors.slice(start, start + n), initial ?? undefined);
        warms.push(warm);
        before = { result: warm, start };
      }
      const warmSeconds = warms.map(total);
      const medianWarm = warms[warmSeconds.indexOf([...warmSeconds].sort((a, b) => a - b)[(WARM_REFITS - 1) >> 1]!)]!;
      refits.push({
        embedder: embedder === 'bow' ? 'bow' : DEFAULT_MODEL,
        dim: vectors[0]!.length,
        messages: n,
        cold: { seconds: total(cold), stages: seconds(cold), topics: cold.nTopics },
        warm: {
          seconds: median(warmSeconds),
          runs: warmSeconds,
          stages: seconds(medianWarm),
          topics: medianWarm.nTopics,
        },
      });
      console.error(
        `refit ${embedder} ${n}: cold ${total(cold).toFixed(2)} s ${JSON.stringify(seconds(cold))}, warm ${warmSeconds.map((x) => x.toFixed(2)).join(' / ')} s, median ${JSON.stringify(seconds(medianWarm))} (${medianWarm.nTopics} topics)`,
      );
      // Assignment latency below is measured with the bag-of-words embedder, on its fit.
      if (embedder === 'bow' && n === 10_000) tenK = { result: cold, end: n };
      if (embedder === refitEmbedders[0] && n === largest) twentyK = cold;
    }
  }
  const refitPeakRssMb = process.resourceUsage().maxRSS / 1024;

  let hdbscanAlone = null;
  if (twentyK) {
    const points = appendTimeColumn(
      twentyK.layout,
      twentyK.layoutDims,
      all.slice(0, largest).map((m) => m.elapsed),
      params.time.unitSeconds,
    );
    const times = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      hdbscan(points, twentyK.layoutDims + 1, { minClusterSize: 5, minSamples: 1, clusterSelectionEpsilon: 0.5 });
      times.push((performance.now() - t0) / 1000);
    }
    hdbscanAlone = { points: largest, dims: twentyK.layoutDims + 1, seconds: summary(times) };
  }

  let assignment = null;
  if (tenK) {
    const latencies: number[] = [];
    const model = tenK.result.model!;
    for (const m of all.slice(tenK.end, tenK.end + Number(values.assignments))) {
      const t0 = performance.now();
      const [v] = await bow.embed([m.text]);
      assignMessages(model, v!, [m.elapsed]);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    assignment = {
      window: 10_000,
      messages: latencies.length,
      p50Ms: median(latencies),
      p95Ms: latencies[Math.floor(latencies.length * 0.95)]!,
      maxMs: latencies.at(-1)!,
      note: 'one message at a time: bag-of-words embedding + UMAP transform + HDBSCAN prediction',
    };
  }

  const real = values.only === 'refits' ? null : await realChatFile(values['chat-dir']);
  const analyze: Record<string, unknown> = {};
  if (real) {
    analyze['bow'] = analyzeInChild(real.file, 'bow');
    console.error(`analyze bow: ${JSON.stringify(analyze['bow'])}`);
    analyze['default'] = analyzeInChild(real.file, DEFAULT_MODEL);
    console.error(`analyze ${DEFAULT_MODEL}: ${JSON.stringify(analyze['default'])}`);
    if (!values['no-convbert']) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'topics-bench-'));
      try {
        const texts: string[] = [];
        for await (const item of parseChatFile(real.file)) if (item.type === 'message') texts.push(item.message.text);
        const modelDir = path.join(work, 'model');
        writeBenchModelDir(modelDir, texts);
        const ours = analyzeInChild(real.file, modelDir);
        console.error(`analyze convbert: ${JSON.stringify(ours)}`);
        // The same weights for the peer: our model written in HuggingFace layout.
        const hfDir = path.join(work, 'convbert-random-hf');
        exportHfModel(modelDir, hfDir);
        const peer = peerAnalyze(values['peer-python'], values['peer-script'], real.file, hfDir, work);
        console.error(`peer convbert: ${JSON.stringify(peer)}`);
        analyze['convbert-random'] = { ...ours, peer, fasterThanPeer: ratioToPeer(ours, peer) };
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }
  }

  return {
    suite: 'topics',
    date: new Date().toISOString(),
    machine: `${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown'}`,
    parameters: params,
    note: 'refits use the live settings (neighbour search on ONNX Runtime, 2 threads; silhouettes from 100 sampled points per topic) on simulated chat at 20 msg/s, with the vectors of each embedder listed (the shipped default first, as the live engine embeds); warm: the median of 3 successive warm refits, each a tenth of the window later',
    refits,
    refitPeakRssMb,
    hdbscanAlone,
    assignment,
    analyze: real ? { file: path.basename(real.file), messages: real.messages, ...analyze } : 'no real chat directory',
    goals: {
      hdbscan20kSeconds: 1,
      refit10kSeconds: 3,
      assignmentP95Ms: 50,
      analyze15kDefaultModelSeconds: 15,
      analyze15kConvbertMb: 1024,
      convbertFasterThanPeer: 4,
    },
  };
}
