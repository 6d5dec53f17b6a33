// The real-chat half of the embed benchmark: chat as the dashboard sees it, through the embed service (cache,
// dynamic batching) and a ConvBERT worker thread (length-sorted batches, ONNX Runtime, 2 threads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbedService, WorkerEmbedder, type Embedder, type EmbedServiceOptions } from '../models/embedding';
import { preprocessChat } from '../models/tokenizer';
import { parseChatFile } from '../server/importers/parseChatFile';
import { simulateChat } from '../server/simulator';
import { writeBenchModelDir } from './benchModelDir';
import { median } from './stats';

/** What PyTorch 2.13 + HF ConvBERT reaches on this chat with 2 threads (issue 3's reference figure). */
const PYTORCH_REFERENCE_MSGS_PER_SECOND = 700;

async function loadChat(chatDir: string): Promise<{ texts: string[]; source: string }> {
  if (fs.existsSync(chatDir)) {
    const files = fs
      .readdirSync(chatDir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const texts: string[] = [];
    for (const f of files)
      for await (const item of parseChatFile(path.join(chatDir, f)))
        if (item.type === 'message') texts.push(item.message.text);
    if (texts.length > 0) return { texts, source: `${chatDir} (${files.length} files)` };
  }
  const texts = [...simulateChat({ seed: 1, ratePerSecond: 10, streamId: 'bench', startedAt: 0, minutes: 45 })].map(
    (m) => m.text,
  );
  return { texts, source: 'simulator seed 1 (no real chat found)' };
}

/** The worker, shared by several services: closing a service must not end it. */
function unclosable(inner: Embedder): Embedder {
  return { id: inner.id, dimension: inner.dimension, embed: (t) => inner.embed(t), close: async () => {} };
}

/** Every text submitted at once, one request per message (as a replay at full speed would). */
async function bulk(worker: Embedder, texts: string[], options: EmbedServiceOptions) {
  const service = new EmbedService(unclosable(worker), { overload: 'wait', ...options });
  const started = performance.now();
  await Promise.all(texts.map((t) => service.embed([t])));
  const seconds = (performance.now() - started) / 1000;
  const s = service.stats();
  await service.close();
  return {
    messagesPerSecond: texts.length / seconds,
    seconds,
    cacheHitRate: s.cacheHitRate,
    deduplicatedRate: s.deduplicated / s.texts,
    batches: s.batches,
    meanBatchSize: s.meanBatchSize,
  };
}

/** Messages arriving at `rate` per second for `seconds`, one request each: latency from enqueue to vector. */
async function paced(worker: Embedder, texts: string[], rate: number, seconds: number, options: EmbedServiceOptions) {
  const service = new EmbedService(unclosable(worker), options);
  const latencies: number[] = [];
  const calls: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const text = texts[sent % texts.length]!;
      const at = performance.now();
      calls.push(service.embed([text]).then(() => void latencies.push(performance.now() - at)));
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(calls);
  const s = service.stats();
  await service.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return {
    rate,
    messages: total,
    p50Ms: median(latencies),
    p95Ms: pct(0.95),
    maxMs: latencies.at(-1)!,
    cacheHitRate: s.cacheHitRate,
    meanBatchSize: s.meanBatchSize,
  };
}

export async function runRealChatBench(options: { chatDir: string; latencySeconds: number; gatherSizes: number[] }) {
  const { texts, source } = await loadChat(options.chatDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-bench-'));
  const modelDir = path.join(work, 'model');
  const { tokenizer, tokenizerSource } = writeBenchModelDir(modelDir, texts);
  const meanTokens =
    texts.reduce(
      (s, t) => s + tokenizer.encode(preprocessChat(t), { maxLength: 128, onUnknown: 'skip' }).ids.length,
      0,
    ) / texts.length;
  const worker = await WorkerEmbedder.start({
    kind: 'convbert',
    modelDir,
    threads: 2,
    executionProvider: 'cpu',
    maxBatchSize: 64,
  });
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sampler = setInterval(() => {
    worker.memory().then(
      (m) => {
        peak.rss = Math.max(peak.rss, m.rss);
        peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
        peak.external = Math.max(peak.external, m.external);
      },
      () => {},
    );
  }, 200);
  try {
    await bulk(worker, texts.slice(0, 2000), { cacheSize: 0 }); // warm-up
    const baselineRss = (await worker.memory()).rss;
    // Gather sizes side by side: how many queued texts the model sorts by length before cutting 64-row batches.
    const byGatherSize: Record<string, unknown> = {};
    for (const gather of options.gatherSizes) {
      byGatherSize[`gather ${gather}`] = {
        withCache: await bulk(worker, texts, { maxBatchSize: gather }),
        withoutCache: await bulk(worker, texts, { maxBatchSize: gather, cacheSize: 0 }),
      };
    }
    const defaultGather = options.gatherSizes.includes(1024) ? 1024 : options.gatherSizes.at(-1)!;
    const best = (byGatherSize[`gather ${defaultGather}`] as { withCache: { messagesPerSecond: number } }).withCache;
    const latency = [];
    for (const rate of [50, 200])
      latency.push(await paced(worker, texts, rate, options.latencySeconds, { maxBatchSize: defaultGather }));
    return {
      source,
      messages: texts.length,
      tokenizer: tokenizerSource,
      referenceTokensPerMessage: 8.6,
      meanTokensPerMessage: meanTokens,
      model: 'lincoln-small shape, random weights, via our model format',
      worker: { threads: 2, maxBatchSize: 64 },
      effective: {
        byGatherSize,
        defaultGather,
        versusPytorchReference: {
          pytorchMessagesPerSecond: PYTORCH_REFERENCE_MSGS_PER_SECOND,
          ratio: best.messagesPerSecond / PYTORCH_REFERENCE_MSGS_PER_SECOND,
        },
      },
      latency,
      workerPeakMemoryMb: {
        processRss: peak.rss / 2 ** 20,
        processRssGrowthWhileEmbedding: (peak.rss - baselineRss) / 2 ** 20,
        workerHeapUsed: peak.heapUsed / 2 ** 20,
        external: peak.external / 2 ** 20,
        note: 'rss is the whole benchmark process (the worker shares it; the main thread built the model files before); growth is measured from after the warm-up; external holds ONNX tensors handed to JS',
      },
    };
  } finally {
    clearInterval(sampler);
    await worker.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
