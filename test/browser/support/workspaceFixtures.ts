import {
  parseTopicAnalysis,
  TOPIC_ANALYSIS_VERSION,
  TopicPipelineParamsSchema,
  type TopicAnalysis,
} from '../../../contracts/analysis';
import { configRoute, importRoute } from '../../../contracts/http';
import { streamApi, type AnalysisJob } from '../../../contracts/http/streamRoutes';
import { callApi } from '../../../app/lib/api';

export const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
export const HOSTILE_BOLD = '<b>bold</b>';

/** `[H:MM:SS]` as TwitchDownloader writes relative times. */
function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `[${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/**
 * A nine-minute TwitchDownloader TXT chat with three topics, one per three minutes, so that a brushed range holds only
 * some of them; every message of the first topic carries HTML that must show as text. 270 lines.
 */
export function workspaceChat(): string {
  const topics = [
    (i: number) => `${HOSTILE_IMG} ${HOSTILE_BOLD} pizza ananas ${i % 3 === 0 ? 'jamais' : 'toujours'}`,
    (i: number) => `le boss final est trop dur ${i % 2 === 0 ? 'wallah' : 'franchement'}`,
    (i: number) => `gg wp la team ${i % 2 === 0 ? 'incroyable' : 'bien joué'}`,
  ];
  const lines: string[] = [];
  topics.forEach((text, k) => {
    for (let i = 0; i < 90; i++) lines.push(`${stamp(k * 180 + 2 * i)} viewer${(i * 3 + k) % 23}: ${text(i)}`);
  });
  return lines.join('\n') + '\n';
}

/** The operator token of a server (the test runs on its machine, so it is handed one). */
export async function operatorHeaders(baseUrl: string): Promise<Record<string, string>> {
  const { operatorToken } = await callApi(configRoute, {}, { baseUrl });
  return { 'x-csrf-token': operatorToken ?? '' };
}

/** Imports a chat file's text through the HTTP route; answers the new stream's id. */
export async function importChat(baseUrl: string, name: string, channel: string, text: string): Promise<string> {
  const result = await callApi(
    importRoute,
    { query: { name, channel }, body: text },
    { baseUrl, headers: await operatorHeaders(baseUrl) },
  );
  return result.streamId;
}

/** Runs a `bow` analysis of a stream through the API and waits for it; answers the stored key. */
export async function analyseWithApi(baseUrl: string, streamId: string, timeoutMs = 120_000): Promise<string> {
  let job: AnalysisJob = await callApi(
    streamApi.startAnalysis,
    { params: { id: streamId }, body: { model: 'bow' } },
    { baseUrl, headers: await operatorHeaders(baseUrl) },
  );
  const deadline = Date.now() + timeoutMs;
  while (job.state === 'queued' || job.state === 'running') {
    if (Date.now() > deadline) throw new Error(`analysis of ${streamId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
    job = await callApi(streamApi.job, { params: { id: job.id } }, { baseUrl });
  }
  if (job.state !== 'done' || !job.key) throw new Error(`analysis of ${streamId} ended ${job.state}: ${job.error}`);
  return job.key;
}

/** A seeded uniform generator (the same synthetic analysis every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A valid analysis document of `n` messages over an hour in `topicCount` topics, each topic a blob of the 2-D map and
 * a stretch of time; a tenth of the messages noise. Built in the test for the map's performance check (no pipeline
 * produces 100k points in a test's time).
 */
export function syntheticAnalysis(stream: { id: string; channel: string }, n: number, topicCount = 40): TopicAnalysis {
  const rand = lcg(11);
  const duration = 3600;
  const binSeconds = 60;
  const bins = duration / binSeconds;
  const centres = Array.from({ length: topicCount }, () => [rand() * 40 - 20, rand() * 40 - 20] as const);
  const messages: TopicAnalysis['messages'] = [];
  const x: number[] = [];
  const y: number[] = [];
  const counts = Array.from({ length: topicCount }, () => new Array<number>(bins).fill(0));
  const noise = new Array<number>(bins).fill(0);
  const sizes = new Array<number>(topicCount).fill(0);
  const first = new Array<number>(topicCount).fill(Infinity);
  const last = new Array<number>(topicCount).fill(0);
  for (let i = 0; i < n; i++) {
    const elapsed = (i / n) * duration;
    const bin = Math.min(bins - 1, Math.floor(elapsed / binSeconds));
    const topic = rand() < 0.1 ? -1 : Math.floor(rand() * topicCount);
    const [cx, cy] = topic < 0 ? [0, 0] : centres[topic]!;
    const spread = topic < 0 ? 20 : 1.5;
    x.push(cx + (rand() + rand() + rand() - 1.5) * spread);
    y.push(cy + (rand() + rand() + rand() - 1.5) * spread);
    messages.push({
      id: `m${i}`,
      elapsed,
      text: `message ${i} du sujet ${topic}`,
      user: `viewer${i % 977}`,
      topic,
      moment: -1,
      probability: topic < 0 ? 0 : 1,
      silhouette: null,
    });
    if (topic < 0) noise[bin]!++;
    else {
      counts[topic]![bin]!++;
      sizes[topic]!++;
      first[topic] = Math.min(first[topic]!, elapsed);
      last[topic] = elapsed;
    }
  }
  const noiseCount = noise.reduce((a, b) => a + b, 0);
  return parseTopicAnalysis({
    version: TOPIC_ANALYSIS_VERSION,
    createdAt: new Date(1_700_000_000_000).toISOString(),
    stream: {
      id: stream.id,
      channel: stream.channel,
      title: 'synthetic',
      startedAt: 0,
      absoluteTime: false,
      durationSeconds: duration,
    },
    model: { id: 'synthetic', kind: 'bow', dimension: 4 },
    parameters: TopicPipelineParamsSchema.parse({ umap: { nEpochs: 7 } }),
    timings: [],
    totalMs: 1,
    counts: {
      messages: n,
      clustered: n,
      noise: noiseCount,
      excludedDeleted: 0,
      excludedBot: 0,
      excludedCommand: 0,
      excludedEmpty: 0,
    },
    noiseRate: noiseCount / n,
    silhouette: null,
    topics: sizes.map((size, id) => ({
      id,
      label: `sujet${id} (1.00)`,
      terms: [
        { term: `sujet${id}`, score: 1 },
        { term: `mot${id}`, score: 0.5 },
      ],
      size,
      silhouette: 0.5,
      firstElapsed: first[id]!,
      lastElapsed: last[id]!,
      representatives: [],
      moment: -1,
      type: 'discussion',
    })),
    moments: [],
    timeline: { binSeconds, bins, topics: counts.map((c, topic) => ({ topic, counts: c })), noise },
    messages,
    map: { nNeighbors: 15, minDist: 0.1, x, y },
  });
}
