// One `analyze` of a simulated long stream in a fresh process (its peak memory its own), global or windowed, with
// the bag-of-words embedder; prints the stage timings, counts and peak resident memory as JSON.
// Usage: topicsLongChild.ts <messages> <rate msg/s> <global | auto | windowMinutes:stepMinutes> [epochs | ''] [no-moments]
// global: one fit whatever the size; auto: analyze's defaults (windows of about 10k messages above 50k messages).
import { TopicPipelineParamsSchema } from '../contracts/analysis';
import { BagOfWordsEmbedder } from '../models/bow/BagOfWordsEmbedder';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { LayoutThreadPool } from '../models/runtime/LayoutThreadPool';
import { analyzeStream } from '../server/analysis/analyzeStream';
import { configSchema } from '../server/config/schema';
import { simulateChat, simulationStreamInfo } from '../server/simulator';

const [size, rate, mode, epochs, moments] = process.argv.slice(2);
const messages = Number(size);
const ratePerSecond = Number(rate);
const sim = {
  seed: 11,
  ratePerSecond,
  streamId: `long-${messages}`,
  startedAt: 0,
  // The simulated rate varies around its mean: simulate enough, keep the first `messages`.
  minutes: Math.ceil((messages * 1.5) / ratePerSecond / 60) + 1,
};
const stream = [...simulateChat(sim)].slice(0, messages);
const [minutes, stepMinutes] = mode === 'global' || mode === 'auto' ? [] : mode!.split(':').map(Number);
const params = TopicPipelineParamsSchema.parse({
  ...(epochs ? { umap: { nEpochs: Number(epochs) } } : {}),
  // The moment level is global in both modes: without it the topic stages' own cost and memory show.
  ...(moments === 'no-moments' ? { moments: { enabled: false } } : {}),
  ...(minutes ? { window: { minutes, stepMinutes } } : {}),
  ...(mode === 'global' ? { longStream: { windowAboveMessages: null } } : {}),
});
// Sampled between the synchronous stages; the kernel's maxRSS below is the true peak.
let sampledPeak = process.memoryUsage().rss;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 100);
const started = performance.now();
const bow = new BagOfWordsEmbedder();
// As `analyze` lays out: on the setting layoutThreads' default.
const layoutThreads = configSchema.parse({}).layoutThreads;
const layoutPool = LayoutThreadPool.forThreads(layoutThreads);
const { analysis } = await analyzeStream(simulationStreamInfo(sim), stream, {
  params,
  embedder: bow,
  model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
  neighbours: onnxNeighbourSearch({ threads: 2 }),
  ...(layoutPool ? { layoutExecutor: layoutPool } : {}),
});
await layoutPool?.close();
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
console.log(
  JSON.stringify({
    mode,
    window: analysis.parameters.window ?? null,
    moments: moments !== 'no-moments',
    messages: analysis.counts.messages,
    clustered: analysis.counts.clustered,
    streamMinutes: Math.round(analysis.stream.durationSeconds / 60),
    topics: analysis.topics.length,
    noiseRate: analysis.noiseRate,
    seconds,
    // CPU time of the process: less sensitive than wall time to other work on a shared machine.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    stagesSeconds: Object.fromEntries(analysis.timings.map((t) => [t.stage, t.ms / 1000])),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMb: sampledPeak / 2 ** 20,
  }),
);
