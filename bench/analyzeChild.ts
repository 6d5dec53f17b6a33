// Runs `chat-topics analyze` on one chat file in a fresh process (so its peak memory is its own) and prints the
// analysis's stage timings, counts and the process's peak resident memory as JSON.
import { TopicPipelineParamsSchema } from '../contracts/analysis';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { LayoutThreadPool } from '../models/runtime/LayoutThreadPool';
import { analyzeStream } from '../server/analysis/analyzeStream';
import { loadChatFileForAnalysis } from '../server/analysis/loadAnalysisInput';
import { loadConfig } from '../server/config/loadConfig';
import { startConfiguredEmbedder } from '../server/embed/startConfiguredEmbedder';

const [file, model] = process.argv.slice(2);
const started = performance.now();
const config = loadConfig({ embedModel: model }, {} as NodeJS.ProcessEnv);
const loadStart = performance.now();
const input = await loadChatFileForAnalysis(file!, { botNames: config.botNames });
const load = { stage: 'load' as const, ms: performance.now() - loadStart };
const embedder = await startConfiguredEmbedder(config, { overload: 'wait' });
const layoutPool = LayoutThreadPool.forThreads(config.layoutThreads);
const { analysis } = await analyzeStream(input.stream, input.messages, {
  params: TopicPipelineParamsSchema.parse({}),
  embedder: embedder.service,
  model: embedder.info,
  neighbours: onnxNeighbourSearch({ threads: config.embedThreads }),
  ...(layoutPool ? { layoutExecutor: layoutPool, mapBeside: layoutPool } : {}),
  earlierTimings: [load],
});
await layoutPool?.close();
await embedder.service.close();
console.log(
  JSON.stringify({
    messages: analysis.counts.messages,
    clustered: analysis.counts.clustered,
    topics: analysis.topics.length,
    noiseRate: analysis.noiseRate,
    model: embedder.info.description,
    stagesSeconds: Object.fromEntries(analysis.timings.map((t) => [t.stage, t.ms / 1000])),
    analysisSeconds: analysis.totalMs / 1000,
    processSeconds: (performance.now() - started) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
