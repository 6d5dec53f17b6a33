// `npm run bench -- umap`: UMAP's fit (the layout SGD is most of `analyze`) on embeddings of real chat, with the
// pipeline's settings, one variant beside another in the same run: runs interleave (A, B, A, B...) so the load of a
// shared machine falls on both alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TopicPipelineParamsSchema } from '../contracts/analysis';
import { createEmbedder } from '../models/embedding/createEmbedder';
import { EmbedService } from '../models/embedding/EmbedService';
import { onnxNeighbourSearch } from '../models/onnx/knn';
import { LayoutThreadPool } from '../models/runtime/LayoutThreadPool';
import type { KnnGraph } from '../models/topics/knn';
import { fitUmap, neighbourPreservation, type LayoutExecutor } from '../models/topics/umap';
import type { SgdKernelChoice } from '../models/topics/umap/optimizeLayout';
import { loadChatFileForAnalysis } from '../server/analysis/loadAnalysisInput';
import { selectClusterable } from '../server/analysis/selectClusterable';
import { DEFAULT_BOTS } from '../server/config/schema';
import { median, summary } from './stats';

/** Texts per embed request (the service refuses very large ones). */
const EMBED_BATCH = 256;
/** Neighbourhood size of the layout-quality proxy. */
const PRESERVATION_K = 15;

/**
 * A variant is `single` (the sequential SGD, the default), `threadsN` (the parallel layout on N threads), `negN`
 * (N negative samples per positive one instead of 5), `js` (the JS inner loop instead of the default WebAssembly SIMD
 * kernel), `wasm` (that kernel, named) or `seq` (it with umap-learn's sequential negative samples), joined with `+`:
 * `threads2+js`.
 */
interface Variant {
  name: string;
  threads: number;
  negativeSampleRate: number;
  kernel: SgdKernelChoice;
}

function parseVariant(name: string): Variant {
  const variant: Variant = { name, threads: 1, negativeSampleRate: 5, kernel: 'auto' };
  for (const part of name.split('+')) {
    const threads = /^threads(\d+)$/.exec(part);
    const negative = /^neg(\d+(?:\.\d+)?)$/.exec(part);
    if (threads) variant.threads = Number(threads[1]);
    else if (negative) variant.negativeSampleRate = Number(negative[1]);
    else if (part === 'js' || part === 'wasm') variant.kernel = part;
    else if (part === 'seq') variant.kernel = 'wasm-sequential';
    else if (part !== 'single')
      throw new Error(`bench umap: unknown variant part "${part}" (single, threadsN, negN, js, wasm, seq)`);
  }
  return variant;
}

/** The real chat file with the most messages in `dir`. */
function largestChatFile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const sized = files.map((f) => ({ file: path.join(dir, f), bytes: fs.statSync(path.join(dir, f)).size }));
  return sized.sort((a, b) => b.bytes - a.bytes)[0]?.file ?? null;
}

async function embedTexts(model: string, texts: string[]): Promise<{ vectors: Float32Array; dim: number }> {
  const created = await createEmbedder(model, { cwd: process.cwd(), threads: 2 });
  const service = new EmbedService(created.embedder, { overload: 'wait', cacheSize: 200_000 });
  try {
    const dim = created.embedder.dimension;
    const vectors = new Float32Array(texts.length * dim);
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      const batch = await service.embed(texts.slice(i, i + EMBED_BATCH));
      batch.forEach((v, j) => vectors.set(v, (i + j) * dim));
    }
    return { vectors, dim };
  } finally {
    await service.close();
  }
}

/** The first `k` columns of a wider neighbour graph. */
function firstColumns(knn: KnnGraph, k: number): KnnGraph {
  const indices = new Int32Array(knn.n * k);
  const distances = new Float32Array(knn.n * k);
  for (let i = 0; i < knn.n; i++)
    for (let j = 0; j < k; j++) {
      indices[i * k + j] = knn.indices[i * knn.k + j]!;
      distances[i * k + j] = knn.distances[i * knn.k + j]!;
    }
  return { n: knn.n, k, indices, distances };
}

/**
 * `npm run bench -- umap [--messages 2000,5000,10000] [--runs 3] [--variants single,threads2] [--epochs 200]
 * [--chat FILE] [--model chat-topics-fr-small]`: the first variant is the one the others are compared with, e.g.
 * `--variants single+js,single,threads2+js,threads2` for the JS and WebAssembly kernels on one and two threads.
 */
export async function runUmapBench(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '2000,5000,10000' },
      runs: { type: 'string', default: '3' },
      variants: { type: 'string', default: 'single,threads2' },
      epochs: { type: 'string' },
      chat: { type: 'string' },
      model: { type: 'string', default: 'chat-topics-fr-small' },
    },
  });
  const defaults = TopicPipelineParamsSchema.parse({}).umap;
  const sizes = values.messages.split(',').map(Number);
  const runs = Number(values.runs);
  const variants = values.variants.split(',').map(parseVariant);
  const pools = new Map<number, LayoutExecutor & { close(): Promise<void> }>();
  for (const v of variants)
    if (v.threads > 1 && !pools.has(v.threads)) pools.set(v.threads, new LayoutThreadPool({ threads: v.threads }));
  const nEpochs = values.epochs === undefined ? defaults.nEpochs : Number(values.epochs);
  const file = values.chat ?? largestChatFile(path.join('..', 'shared', 'data', 'chat-fr'));
  if (!file) throw new Error('bench umap: no real chat file (give --chat FILE)');

  const input = await loadChatFileForAnalysis(file, { botNames: DEFAULT_BOTS });
  const kept = selectClusterable(input.messages).kept.slice(0, Math.max(...sizes));
  const embedStart = performance.now();
  const { vectors: all, dim } = await embedTexts(
    values.model,
    kept.map((m) => m.text),
  );
  console.error(
    `embedded ${kept.length} messages of ${path.basename(file)} (${dim}-d) in ${((performance.now() - embedStart) / 1000).toFixed(1)} s`,
  );

  // One small fit first, so that the first timed variant does not pay for the JIT's warm-up alone.
  const warmN = Math.min(500, kept.length);
  fitUmap(all.subarray(0, warmN * dim), dim, { nNeighbors: 15, nComponents: defaults.nComponents, nEpochs: 20 });

  const results = [];
  for (const n of sizes.filter((s) => s <= kept.length)) {
    const vectors = all.subarray(0, n * dim);
    const k = Math.min(defaults.nNeighbors, n) - 1;
    const knn = await onnxNeighbourSearch({ threads: 2 })(vectors, dim, k);
    const reference = firstColumns(knn, PRESERVATION_K);
    const samples = new Map(
      variants.map((v) => [v.name, { optimize: [] as number[], fit: [] as number[], quality: 0 }]),
    );
    for (let run = 0; run < runs; run++) {
      for (const variant of variants) {
        const executor = pools.get(variant.threads);
        const model = fitUmap(
          vectors,
          dim,
          {
            nNeighbors: k + 1,
            nComponents: defaults.nComponents,
            minDist: defaults.minDist,
            metric: defaults.metric,
            nEpochs,
            negativeSampleRate: variant.negativeSampleRate,
            seed: defaults.seed,
          },
          { knn, layoutKernel: variant.kernel, ...(executor ? { layoutExecutor: executor } : {}) },
        );
        const t = model.timings;
        const s = samples.get(variant.name)!;
        s.optimize.push(t.optimizeMs / 1000);
        s.fit.push((t.knnMs + t.graphMs + t.initMs + t.optimizeMs) / 1000);
        if (run === 0) s.quality = neighbourPreservation(reference, model.embedding, defaults.nComponents);
        console.error(`n ${n} ${variant.name} run ${run}: optimise ${(t.optimizeMs / 1000).toFixed(2)} s`);
      }
    }
    const base = median(samples.get(variants[0]!.name)!.optimize);
    results.push({
      messages: n,
      variants: variants.map((variant) => {
        const s = samples.get(variant.name)!;
        return {
          ...variant,
          optimizeSeconds: summary(s.optimize),
          msPerEpoch: (median(s.optimize) * 1000) / nEpochs,
          fitSeconds: summary(s.fit),
          speedupVsFirst: base / median(s.optimize),
          neighbourPreservationAt15: s.quality,
        };
      }),
    });
  }
  await Promise.all([...pools.values()].map((p) => p.close()));
  return {
    suite: 'umap',
    date: new Date().toISOString(),
    machine: `${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown'}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at the end`,
    chat: path.basename(file),
    model: values.model,
    umap: { ...defaults, nEpochs },
    note: 'fitUmap with precomputed neighbours (ONNX Runtime, 2 threads; the same for every variant); runs interleave the variants; neighbourPreservationAt15 = share of each message’s 15 nearest input neighbours kept among its 15 nearest in the layout (first run)',
    results,
  };
}
