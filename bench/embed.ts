// Embedding benchmark (`npm run bench -- embed`):
// 1. the full-size lincoln ConvBERT (random weights: speed does not depend on values) on ONNX Runtime, 64 x 24-token
//    batches at 1 and 2 threads, with achieved GFLOP/s next to a matrix-product peak measured in the same run;
// 2. real chat (../shared/data/chat-fr when present, else the simulator) through the whole embed service (worker
//    thread, dynamic batching, length sorting, cache): effective messages/s, cache hit rate, p50/p95 latency from
//    enqueue to vector at 50 and 200 messages/s, and the embed worker's peak memory.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { readConvBertConfig } from '../models/checkpoint';
import { LINCOLN_SMALL_CONFIG, padTokenBatch, randomConvBertWeights } from '../models/convbert';
import { buildConvBertOnnx, buildMatMulOnnx, convBertFlops, OnnxConvBertSession } from '../models/onnx';
import { runRealChatBench } from './embedRealChat';
import { summary } from './stats';

const BATCH = 64;
const TOKENS = 24;

async function timeRuns(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

/** Full-size encoder throughput and the matrix-product peak, thread counts interleaved so noise hits both alike. */
async function runFullSizeBench(threadCounts: number[], runs: number) {
  const config = readConvBertConfig(LINCOLN_SMALL_CONFIG, 'lincoln-small');
  const onnx = buildConvBertOnnx(randomConvBertWeights(config, 1));
  const ids = Array.from({ length: BATCH }, (_, row) =>
    Array.from({ length: TOKENS }, (_, i) => 5 + ((row * 131 + i * 17) % (config.vocabSize - 5))),
  );
  const batch = padTokenBatch(ids, config.padTokenId ?? 0);
  const flopsPerBatch = convBertFlops(config, TOKENS) * BATCH;

  // The peak: one MatMul as large as the encoder's feed-forward products, on the same runtime and threads.
  const [m, k, n] = [BATCH * TOKENS, 1024, 1024];
  const a = new Float32Array(m * k).map((_, i) => ((i % 97) - 48) / 97);
  const b = new Float32Array(k * n).map((_, i) => ((i % 89) - 44) / 89);
  const matmul = buildMatMulOnnx(m, k, n, b);
  const ort = await import('onnxruntime-node');

  const results: Record<string, unknown> = {};
  // Two phases, each interleaving thread counts: ONNX Runtime's thread pools spin for a while after a run, so a
  // live encoder session would steal cores from the matrix-product session measured next to it.
  const encoderSeconds: number[][] = threadCounts.map(() => []);
  const sessions = await Promise.all(threadCounts.map((threads) => OnnxConvBertSession.create(onnx, { threads })));
  for (const session of sessions) await timeRuns(() => session.run(batch, ['cls']), 2); // warm-up
  for (let r = 0; r < runs; r++) {
    for (let t = 0; t < threadCounts.length; t++)
      encoderSeconds[t]!.push(...(await timeRuns(() => sessions[t]!.run(batch, ['cls']), 1)));
  }
  await Promise.all(sessions.map((s) => s.close()));

  const peakSeconds: number[][] = threadCounts.map(() => []);
  const peaks = await Promise.all(
    threadCounts.map((threads) =>
      ort.InferenceSession.create(matmul, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
      }),
    ),
  );
  const feeds = { a: new ort.Tensor('float32', a, [m, k]) };
  for (const peak of peaks) await timeRuns(() => peak.run(feeds), 2);
  for (let r = 0; r < runs; r++) {
    for (let t = 0; t < threadCounts.length; t++)
      peakSeconds[t]!.push(...(await timeRuns(() => peaks[t]!.run(feeds), 1)));
  }
  await Promise.all(peaks.map((p) => p.release()));

  // A lone MatMul does not always scale with threads the way the whole encoder does (measured here: 1 -> 2 threads
  // gave the encoder 1.6x and the MatMul 1.0x), so the encoder is also compared with threads x the 1-thread peak.
  const singleThreadPeak = threadCounts.includes(1)
    ? summary(peakSeconds[threadCounts.indexOf(1)]!.map((s) => (2 * m * k * n) / s / 1e9)).median
    : null;
  threadCounts.forEach((threads, t) => {
    const msgs = summary(encoderSeconds[t]!.map((s) => BATCH / s));
    const gflops = summary(encoderSeconds[t]!.map((s) => flopsPerBatch / s / 1e9));
    const peak = summary(peakSeconds[t]!.map((s) => (2 * m * k * n) / s / 1e9));
    results[`${threads} thread${threads > 1 ? 's' : ''}`] = {
      messagesPerSecond: msgs,
      encoderGflops: gflops,
      matmulPeakGflops: peak,
      fractionOfPeak: gflops.median / peak.median,
      fractionOfThreadsTimesSingleThreadPeak:
        singleThreadPeak === null ? null : gflops.median / (threads * singleThreadPeak),
    };
  });
  return {
    model: { ...LINCOLN_SMALL_CONFIG, weights: 'random (seed 1)' },
    batch: { messages: BATCH, tokens: TOKENS },
    gflopPerMessage: convBertFlops(config, TOKENS) / 1e9,
    matmulShape: [m, k, n],
    byThreads: results,
  };
}

export async function runEmbedBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '10' },
      threads: { type: 'string', default: '1,2' },
      'chat-dir': { type: 'string', default: '../shared/data/chat-fr' },
      'latency-seconds': { type: 'string', default: '15' },
      only: { type: 'string' },
      gather: { type: 'string', default: '64,256,1024' },
    },
  });
  const threadCounts = values.threads.split(',').map(Number);
  const fullSize = values.only === 'real-chat' ? null : await runFullSizeBench(threadCounts, Number(values.runs));
  const realChat =
    values.only === 'full-size'
      ? null
      : await runRealChatBench({
          chatDir: values['chat-dir'],
          latencySeconds: Number(values['latency-seconds']),
          gatherSizes: values.gather.split(',').map(Number),
        });
  return {
    suite: 'embed',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    fullSize,
    realChat,
  };
}
