import { describe, expect, it } from 'vitest';
import { parseTopicAnalysis, TopicPipelineParamsSchema } from '../../contracts/analysis';
import type { ChatMessage } from '../../contracts/chat';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { EmbedService } from '../../models/embedding/EmbedService';
import { Lcg32 } from '../../models/random';
import { purity } from '../../models/topics/metrics';
import { jsNeighbourSearch } from '../../models/topics/pipeline';
import { simulateChat, simulationStreamInfo } from '../simulator';
import { analyzeStream } from './analyzeStream';
import { formatAnalysisReport } from './formatAnalysisReport';

// Small enough for a unit test (about 1,800 messages, 60 epochs); the CLI and the evaluation use the defaults.
const sim = {
  seed: 3,
  ratePerSecond: 3,
  streamId: 'sim-test-3',
  startedAt: Date.UTC(2024, 2, 1, 20),
  minutes: 10,
  channel: 'testchan',
};
const messages: ChatMessage[] = [...simulateChat(sim)];
const params = TopicPipelineParamsSchema.parse({ umap: { nEpochs: 60 } });
const bow = new BagOfWordsEmbedder();
const run = () =>
  analyzeStream(simulationStreamInfo(sim), messages, {
    params,
    embedder: bow,
    model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
    neighbours: jsNeighbourSearch,
    now: () => new Date(Date.UTC(2024, 2, 2)),
  });

describe('analyzeStream', async () => {
  const { analysis, clustered, clustering } = await run();

  it('writes a document that validates against the analysis type, with every clustered message once', () => {
    expect(() => parseTopicAnalysis(JSON.parse(JSON.stringify(analysis)))).not.toThrow();
    expect(analysis.messages.map((m) => m.id)).toEqual(clustered.map((m) => m.id));
    expect(new Set(analysis.messages.map((m) => m.id)).size).toBe(analysis.messages.length);
    expect(analysis.topics.length).toBeGreaterThan(3);
    const sizes = analysis.topics.reduce((s, t) => s + t.size, 0);
    expect(sizes + analysis.counts.noise).toBe(analysis.counts.clustered);
  });

  it('leaves deleted, bot and command messages out and counts them', () => {
    const bots = messages.filter((m) => !m.deleted && m.flags.bot).length;
    const commands = messages.filter((m) => !m.deleted && !m.flags.bot && m.flags.command).length;
    expect(bots).toBeGreaterThan(0);
    expect(commands).toBeGreaterThan(0);
    expect(analysis.counts.excludedBot).toBe(bots);
    expect(analysis.counts.excludedCommand).toBe(commands);
    expect(clustered.every((m) => !m.flags.bot && !m.flags.command && !m.deleted)).toBe(true);
    expect(
      analysis.counts.clustered +
        analysis.counts.excludedBot +
        analysis.counts.excludedCommand +
        analysis.counts.excludedDeleted +
        analysis.counts.excludedEmpty,
    ).toBe(messages.length);
  });

  it('finds topics that each hold one planted topic, far beyond chance', () => {
    // Lincoln's parameters (min_cluster_size 5) split a planted topic into many small topics, so purity — is each
    // found topic about one planted topic? — is the measure; the same labels shuffled set the chance level.
    const truth = clustered.map((m) => m.topic!);
    const found = Array.from(clustering.labels);
    const shuffled = [...found];
    const rng = Lcg32.numericalRecipes(1);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.uint32() % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const p = purity(truth, found);
    expect(p).toBeGreaterThan(0.7);
    expect(p).toBeGreaterThan(purity(truth, shuffled) + 0.3);
  });

  it('labels each topic with its c-TF-IDF terms, first and last times, and representatives from the topic', () => {
    for (const topic of analysis.topics) {
      expect(topic.terms.length).toBeGreaterThan(0);
      expect(topic.label.startsWith(`${topic.terms[0]!.term} (`)).toBe(true);
      expect(topic.firstElapsed).toBeLessThanOrEqual(topic.lastElapsed);
      const members = new Set(analysis.messages.filter((m) => m.topic === topic.id).map((m) => m.id));
      for (const r of topic.representatives) expect(members.has(r.messageId)).toBe(true);
    }
  });

  it('counts topics over time: the bins of a topic add up to its size', () => {
    const { timeline } = analysis;
    expect(timeline.bins).toBe(Math.floor(analysis.stream.durationSeconds / 60) + 1);
    for (const series of timeline.topics) {
      expect(series.counts.reduce((s, c) => s + c, 0)).toBe(analysis.topics[series.topic]!.size);
    }
    expect(timeline.noise.reduce((s, c) => s + c, 0)).toBe(analysis.counts.noise);
  });

  it('is deterministic: the same stream and seed give the same topics', async () => {
    const again = (await run()).analysis;
    expect(again.messages.map((m) => m.topic)).toEqual(analysis.messages.map((m) => m.topic));
    expect(again.topics.map((t) => t.label)).toEqual(analysis.topics.map((t) => t.label));
  });

  it('prints the reference report in French: the moments, then a rule per topic, the label, the mean silhouette, timed messages', () => {
    const report = formatAnalysisReport(analysis, { messagesPerTopic: 3 });
    const biggest = [...analysis.topics].sort((a, b) => b.size - a.size)[0]!;
    expect(report).toContain(
      `-------------------- SUJET ${biggest.id} --------------------\n${biggest.label}\nsilhouette moyenne : `,
    );
    expect(report).toMatch(/\n2024-03-01 2\d:\d\d:\d\d {2}-?\d\.\d\d: /);
    expect(report.split('-------------------- SUJET').length - 1).toBe(analysis.topics.length);
    expect(report).toContain(`${analysis.moments.length} moments`);
    for (const m of analysis.moments) expect(report).toContain(`MOMENT ${m.id} — `);
    expect(report).toMatch(/écartés : \d+ supprimés/);
    expect(report).not.toMatch(/left out|clustered|noise/);
  });

  it('gives each fine topic the moment holding most of its messages and lists it under that moment', () => {
    expect(analysis.moments.length).toBeGreaterThan(0);
    for (const t of analysis.topics) {
      if (t.moment < 0) continue;
      expect(analysis.moments[t.moment]!.topics).toContain(t.id);
      const inMoment = analysis.messages.filter((m) => m.topic === t.id && m.moment === t.moment).length;
      const elsewhere = new Map<number, number>();
      for (const m of analysis.messages)
        if (m.topic === t.id && m.moment >= 0 && m.moment !== t.moment)
          elsewhere.set(m.moment, (elsewhere.get(m.moment) ?? 0) + 1);
      for (const c of elsewhere.values()) expect(inMoment).toBeGreaterThanOrEqual(c);
    }
    const sizes = new Map<number, number>();
    for (const m of analysis.messages) if (m.moment >= 0) sizes.set(m.moment, (sizes.get(m.moment) ?? 0) + 1);
    expect(analysis.moments.map((m) => m.size)).toEqual(analysis.moments.map((m) => sizes.get(m.id)));
    const firsts = analysis.moments.map((m) => m.firstElapsed);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });
});

describe('analyzeStream on a tiny stream', () => {
  it('calls everything noise when there are too few messages to cluster', async () => {
    const few = messages.slice(0, 6);
    const { analysis } = await analyzeStream(simulationStreamInfo(sim), few, {
      params,
      embedder: bow,
      model: { id: bow.id, kind: 'bow', dimension: bow.dimension },
      neighbours: jsNeighbourSearch,
    });
    expect(analysis.topics).toEqual([]);
    expect(analysis.counts.noise).toBe(analysis.counts.clustered);
    expect(() => parseTopicAnalysis(analysis)).not.toThrow();
  });
});

describe('analyzeStream through the embed service', () => {
  it('embeds a stream larger than the service queue (requests are cut to fit and wait their turn)', async () => {
    const service = new EmbedService(new BagOfWordsEmbedder(), { maxQueued: 1100, overload: 'wait', cacheSize: 0 });
    try {
      expect(messages.length).toBeGreaterThan(1100);
      const { analysis } = await analyzeStream(simulationStreamInfo(sim), messages, {
        params,
        embedder: service,
        model: { id: service.id, kind: 'bow', dimension: service.dimension },
        neighbours: jsNeighbourSearch,
      });
      expect(analysis.counts.clustered).toBeGreaterThan(1100);
      expect(analysis.topics.length).toBeGreaterThan(3);
    } finally {
      await service.close();
    }
  });
});
