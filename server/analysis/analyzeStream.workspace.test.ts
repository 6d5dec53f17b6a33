import { describe, expect, it } from 'vitest';
import {
  MESSAGE_TYPES,
  parseTopicAnalysis,
  PIPELINE_STAGES,
  TopicPipelineParamsSchema,
  type PipelineStage,
} from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { ChatTopicsError } from '../../models/errors/ChatTopicsError';
import { jsNeighbourSearch } from '../../models/topics/pipeline';
import { LayoutThreadPool } from '../../models/runtime/LayoutThreadPool';
import type { BackgroundMapLayout } from '../../models/topics/workspace';
import { simulateChat, simulationStreamInfo } from '../simulator';
import { AnalysisCancelledError } from './AnalysisCancelledError';
import { analyzeStream, type AnalyzeStreamOptions } from './analyzeStream';

// The analyst's workspace layers of a whole-stream analysis (version 4); small, as analyzeStream.test.ts.
const sim = {
  seed: 4,
  ratePerSecond: 3,
  streamId: 'sim-workspace',
  startedAt: Date.UTC(2024, 2, 1, 20),
  minutes: 8,
  channel: 'testchan',
};
const messages: ChatMessage[] = [...simulateChat(sim)];
const bow = new BagOfWordsEmbedder();
const options = (extra: Partial<AnalyzeStreamOptions> = {}): AnalyzeStreamOptions => ({
  params: TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 } }),
  embedder: bow,
  model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
  neighbours: jsNeighbourSearch,
  ...extra,
});

describe('analyzeStream: the workspace layers', async () => {
  const progress: { stage: PipelineStage; fraction: number }[] = [];
  const controller = new AbortController();
  const { analysis, clustered, vectors } = await analyzeStream(
    simulationStreamInfo(sim),
    messages,
    options({ onProgress: (p) => progress.push(p), signal: controller.signal }),
  );

  it('writes a version 4 document that reads back through the schema', () => {
    expect(analysis.version).toBe(4);
    const back = parseTopicAnalysis(JSON.parse(JSON.stringify(analysis)));
    expect(back.map).toEqual(analysis.map);
    expect(back.hierarchy).toEqual(analysis.hierarchy);
    expect(back.highlights).toEqual(analysis.highlights);
  });

  it('names who wrote each message: the display name, else the login', () => {
    expect(analysis.messages.map((m) => m.user)).toEqual(clustered.map((m) => m.user.displayName || m.user.login));
    expect(analysis.messages.every((m) => m.user && m.user.length > 0)).toBe(true);
  });

  it('maps every message with the reference settings, timed as the map stage', () => {
    const map = analysis.map!;
    expect(map).toMatchObject({ nNeighbors: 15, minDist: 0.1 });
    expect(map.x).toHaveLength(analysis.messages.length);
    expect(map.y).toHaveLength(analysis.messages.length);
    expect(new Set(map.x).size).toBeGreaterThan(analysis.messages.length / 2);
    const stages = analysis.timings.map((t) => t.stage);
    expect(stages).toContain('map');
    expect(stages).toContain('workspace');
  });

  it('puts the topics of the map apart: most points sit nearer their own topic centre than any other', () => {
    const { x, y } = analysis.map!;
    const n = analysis.topics.length;
    const cx = new Array<number>(n).fill(0);
    const cy = new Array<number>(n).fill(0);
    analysis.messages.forEach((m, i) => {
      if (m.topic < 0) return;
      cx[m.topic]! += x[i]! / analysis.topics[m.topic]!.size;
      cy[m.topic]! += y[i]! / analysis.topics[m.topic]!.size;
    });
    let own = 0;
    let total = 0;
    analysis.messages.forEach((m, i) => {
      if (m.topic < 0) return;
      total++;
      const d = (t: number) => (x[i]! - cx[t]!) ** 2 + (y[i]! - cy[t]!) ** 2;
      if (cx.every((_, t) => d(m.topic) <= d(t))) own++;
    });
    expect(own / total).toBeGreaterThan(0.5);
  });

  it('merges the topics into one tree and gives every topic a message type', () => {
    const n = analysis.topics.length;
    expect(n).toBeGreaterThanOrEqual(2);
    const merges = analysis.hierarchy!.merges;
    expect(merges).toHaveLength(n - 1);
    expect(merges.at(-1)!.size).toBe(analysis.topics.reduce((s, t) => s + t.size, 0));
    for (const t of analysis.topics) expect(MESSAGE_TYPES).toContain(t.type);
    expect(analysis.highlights).toBeDefined();
  });

  it('returns the message vectors in message order', async () => {
    const dim = analysis.model.dimension;
    expect(vectors).toBeInstanceOf(Float32Array);
    expect(vectors!.length).toBe(analysis.messages.length * dim);
    const [last] = await bow.embed([analysis.messages.at(-1)!.text]);
    expect(Array.from(vectors!.subarray(vectors!.length - dim))).toEqual(Array.from(last!));
  });

  it('reports each stage from 0 to 1 in pipeline order', () => {
    const starts = progress.filter((p) => p.fraction === 0).map((p) => p.stage);
    expect(starts).toEqual([...new Set(starts)]);
    const order = starts.map((s) => PIPELINE_STAGES.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(starts).toEqual(
      expect.arrayContaining(['embed', 'knn', 'umap', 'hdbscan', 'labels', 'map', 'workspace', 'summary']),
    );
    for (const stage of starts) {
      const own = progress.filter((p) => p.stage === stage).map((p) => p.fraction);
      expect(own[0]).toBe(0);
      expect(own.at(-1)).toBe(1);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
  });
});

describe('analyzeStream: the map beside the clustering', () => {
  it('lays the map out on a pool worker from the end of the topic layout on: the same map as inline', async () => {
    const pool = new LayoutThreadPool({ threads: 2 });
    try {
      let lastStage: string | null = null;
      let askedAfter: string | null = null;
      const beside: BackgroundMapLayout = {
        mapLayout: (...args) => {
          askedAfter = lastStage;
          return pool.mapLayout(...args);
        },
      };
      const onProgress = (p: { stage: PipelineStage; fraction: number }) => (lastStage = `${p.stage} ${p.fraction}`);
      const run = (extra: Partial<AnalyzeStreamOptions>) =>
        analyzeStream(simulationStreamInfo(sim), messages, options({ onProgress, ...extra }));
      const inline = await run({});
      const threaded = await run({ mapBeside: beside });
      expect(askedAfter).toBe('umap 1');
      expect(threaded.analysis.map).toEqual(inline.analysis.map);
      expect(threaded.analysis.timings.find((t) => t.stage === 'map')!.ms).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('stops cleanly when cancelled while its map is being laid out', async () => {
    const pool = new LayoutThreadPool({ threads: 2 });
    const controller = new AbortController();
    try {
      const run = analyzeStream(
        simulationStreamInfo(sim),
        messages,
        options({
          mapBeside: pool,
          signal: controller.signal,
          onProgress: ({ stage }) => stage === 'labels' && controller.abort(),
        }),
      );
      await expect(run).rejects.toBeInstanceOf(AnalysisCancelledError);
    } finally {
      await pool.close();
    }
  });
});

describe('analyzeStream: cancelling', () => {
  it('stops between stages with a cancelled error once its signal aborts', async () => {
    const controller = new AbortController();
    const seen: PipelineStage[] = [];
    const run = analyzeStream(
      simulationStreamInfo(sim),
      messages,
      options({
        signal: controller.signal,
        onProgress: ({ stage, fraction }) => {
          seen.push(stage);
          if (stage === 'knn' && fraction === 1) controller.abort();
        },
      }),
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AnalysisCancelledError);
    expect(error).toBeInstanceOf(ChatTopicsError);
    expect((error as ChatTopicsError).kind).toBe('cancelled');
    expect(seen).not.toContain('umap');
  });
});
