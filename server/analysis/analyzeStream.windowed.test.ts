import { describe, expect, it } from 'vitest';
import { parseTopicAnalysis, TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import type { Embedder } from '../../models/embedding/Embedder';
import { jsNeighbourSearch } from '../../models/topics/pipeline';
import { clusterInWindows, ownerWindows, planWindows, type WindowReport } from '../../models/topics/windows';
import { simulateChat, simulationStreamInfo } from '../simulator';
import { analyzeStream, EMBED_CHUNK } from './analyzeStream';
import { selectClusterable } from './selectClusterable';

// 12 stream-minutes at 3 msg/s, windows of 6 minutes every 3: three windows, the first planted block (10 minutes)
// spans all three.
const sim = {
  seed: 5,
  ratePerSecond: 3,
  streamId: 'sim-windowed',
  startedAt: Date.UTC(2024, 2, 1, 20),
  minutes: 12,
  channel: 'testchan',
};
const simulated: ChatMessage[] = [...simulateChat(sim)];
/**
 * A topic planted over the whole stream (every 4 s, a copypasta and a variant of it): a running joke the chat
 * comes back to in every window, so each window finds it and the tracker must keep its id.
 */
const planted: ChatMessage[] = Array.from({ length: 180 }, (_, k) => ({
  ...simulated[k]!,
  id: `planted-${k}`,
  elapsed: 2 + k * 4,
  text: k % 3 === 0 ? 'dragon raid boss loot donjon' : 'dragon raid boss loot',
  emotes: [],
  topic: 'planted',
}));
const messages = [...simulated, ...planted].sort((a, b) => a.elapsed - b.elapsed);
const params = TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 }, window: { minutes: 6, stepMinutes: 3 } });
const bow = new BagOfWordsEmbedder();

/** The bag-of-words embedder, recording the size of every call. */
function countingEmbedder(): Embedder & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    id: bow.id,
    dimension: bow.dimension,
    embed: async (texts) => {
      calls.push(texts.length);
      return bow.embed(texts);
    },
    close: async () => {},
  };
}

/** The found topic holding most of these messages, and its share of them. */
function plurality(topics: number[]): { topic: number; share: number } {
  const count = new Map<number, number>();
  for (const t of topics) count.set(t, (count.get(t) ?? 0) + 1);
  const [topic, n] = [...count].sort((a, b) => b[1] - a[1])[0]!;
  return { topic, share: n / topics.length };
}

describe('analyzeStream with windows', async () => {
  const spy = countingEmbedder();
  const { analysis, clustered, vectors } = await analyzeStream(simulationStreamInfo(sim), messages, {
    params,
    embedder: spy,
    model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
    neighbours: jsNeighbourSearch,
    now: () => new Date(Date.UTC(2024, 2, 2)),
  });
  const elapsed = clustered.map((m) => m.elapsed);
  const windows = planWindows(elapsed, 360, 180);
  const owners = ownerWindows(elapsed, windows);

  it('clusters three windows and records them in the parameters', () => {
    expect(windows).toHaveLength(3);
    expect(analysis.parameters.window).toEqual({ minutes: 6, stepMinutes: 3 });
    expect(() => parseTopicAnalysis(JSON.parse(JSON.stringify(analysis)))).not.toThrow();
  });

  it('gives every message exactly one topic or noise, and topic sizes add up', () => {
    expect(analysis.messages.map((m) => m.id)).toEqual(clustered.map((m) => m.id));
    const ids = new Set(analysis.topics.map((t) => t.id));
    for (const m of analysis.messages) expect(m.topic === -1 || ids.has(m.topic)).toBe(true);
    const sizes = analysis.topics.reduce((s, t) => s + t.size, 0);
    expect(sizes + analysis.counts.noise).toBe(analysis.counts.clustered);
    expect(analysis.noiseRate).toBeLessThan(0.5);
  });

  it('keeps one topic id for a planted topic across the windows it spans (one topic, not three)', () => {
    const members = clustered.flatMap((m, i) => (m.topic === 'planted' ? [i] : []));
    const foundIn = (w: number) =>
      plurality(members.filter((i) => owners[i] === w).map((i) => analysis.messages[i]!.topic));
    const perWindow = [0, 1, 2].map(foundIn);
    for (const p of perWindow) {
      expect(p.topic).toBeGreaterThanOrEqual(0);
      expect(p.share).toBeGreaterThan(0.5);
    }
    expect(new Set(perWindow.map((p) => p.topic)).size).toBe(1);
    const topic = analysis.topics.find((t) => t.id === perWindow[0]!.topic)!;
    expect(topic.firstElapsed).toBeLessThan(windows[1]!.start);
    expect(topic.lastElapsed).toBeGreaterThanOrEqual(windows[2]!.start);
  });

  it('leaves the map and the vectors out (memory bounded by the window) but types, merges and highlights the topics', () => {
    expect(analysis.map).toBeUndefined();
    expect(vectors).toBeNull();
    expect(analysis.timings.map((t) => t.stage)).not.toContain('map');
    expect(analysis.hierarchy!.merges).toHaveLength(analysis.topics.length - 1);
    expect(analysis.topics.every((t) => t.type !== undefined)).toBe(true);
    expect(analysis.highlights).toBeDefined();
  });

  it('embeds chunk by chunk, each message once, never the whole stream in one call', () => {
    expect(Math.max(...spy.calls)).toBeLessThanOrEqual(EMBED_CHUNK);
    expect(spy.calls.reduce((s, n) => s + n, 0)).toBe(clustered.length);
    expect(spy.calls.length).toBeGreaterThan(2);
  });
});

describe('analyzeStream of a long stream, no windows asked for', async () => {
  const longStream = { windowAboveMessages: 2000, windowMessages: 1000 };
  const run = (above: number) =>
    analyzeStream(simulationStreamInfo(sim), messages, {
      params: TopicPipelineParamsSchema.parse({
        umap: { nEpochs: 60 },
        longStream: { ...longStream, windowAboveMessages: above },
      }),
      embedder: bow,
      model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
      neighbours: jsNeighbourSearch,
    });
  const long = await run(2000);

  it('windows it by itself and records the windows chosen', () => {
    const n = long.clustered.length;
    expect(n).toBeGreaterThan(2000);
    const elapsed = long.clustered.map((m) => m.elapsed);
    const perMinute = n / ((Math.max(...elapsed) - Math.min(...elapsed)) / 60);
    const minutes = Math.round(1000 / perMinute);
    expect(long.analysis.parameters.window).toEqual({ minutes, stepMinutes: minutes / 2 });
    expect(long.vectors).toBeNull();
    expect(long.analysis.map).toBeUndefined();
  });

  it('fits the whole stream at once when it is under the threshold', async () => {
    const short = await run(100_000);
    expect(short.analysis.parameters.window).toBeUndefined();
    expect(short.vectors).not.toBeNull();
  });
});

describe('clusterInWindows', () => {
  it('holds only the current window’s vectors, embedding in chunks of the given size', async () => {
    const kept = selectClusterable(messages).kept;
    const spy = countingEmbedder();
    const reports: WindowReport[] = [];
    const { clustering, trackedIds } = await clusterInWindows(
      { texts: kept.map((m) => m.text), elapsed: kept.map((m) => m.elapsed) },
      params,
      {
        embed: spy.embed,
        dim: bow.dimension,
        chunkSize: 200,
        neighbours: jsNeighbourSearch,
        onWindow: (r) => reports.push(r),
      },
    );
    expect(reports).toHaveLength(3);
    for (const r of reports) {
      expect(r.vectorsHeld).toBe(r.messages);
      expect(r.vectorsHeld).toBeLessThan(kept.length * 0.6);
    }
    expect(Math.max(...spy.calls)).toBeLessThanOrEqual(200);
    expect(clustering.labels).toHaveLength(kept.length);
    expect(new Set(trackedIds).size).toBe(clustering.nTopics);
    expect(clustering.terms.every((t) => t.length > 0)).toBe(true);
  });

  it('refuses messages out of time order', async () => {
    await expect(
      clusterInWindows({ texts: ['a', 'b'], elapsed: [5, 1] }, params, {
        embed: async () => [],
        dim: 2,
        neighbours: jsNeighbourSearch,
      }),
    ).rejects.toThrow(RangeError);
  });
});
