// `npm run bench -- workspace`: the analyst's workspace on a 15k-message stream, through the real server. One
// background analysis job (child process, bag-of-words embedder), then the times the page waits for: opening the
// stored analysis over HTTP (GET, then JSON.parse and the schema check the dashboard does) and search by meaning and
// by text. Medians over several runs; the first search (which reads the document and vectors) is reported apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseTopicAnalysis } from '../contracts/analysis';
import type { ChatMessage } from '../contracts/chat';
import { AnalysisJobSchema, AnalysisSearchResultSchema, type AnalysisJob } from '../contracts/http';
import type { PublicConfig } from '../contracts/socket-events';
import { SqliteArchive } from '../server/archive/SqliteArchive';
import { loadConfig } from '../server/config/loadConfig';
import { createLogger } from '../server/logger';
import { startServer } from '../server/main';
import { simulateChat, simulationStreamInfo } from '../server/simulator';
import { summary } from './stats';

const QUERIES = [
  "l'arbitre est nul",
  'le boss final',
  'bonjour tout le monde',
  'quel jeu après',
  'gg bien joué',
  'la musique est trop forte',
  'il va mourir',
  'on veut un giveaway',
];

/** `npm run bench -- workspace [--messages 15000] [--runs 7] [--epochs N] [--model bow]` */
export async function runWorkspaceBench(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '15000' },
      runs: { type: 'string', default: '8' },
      /** UMAP epochs of the analysis (default: the reference's 200); the stored document's size does not depend on it. */
      epochs: { type: 'string' },
      model: { type: 'string', default: 'bow' },
    },
  });
  const target = Number(values.messages);
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-bench-workspace-'));
  try {
    const dbPath = path.join(dir, 'archive.sqlite');
    const options = { seed: 11, ratePerSecond: 10, streamId: 'bench-15k', channel: 'bench', startedAt: 0 };
    const minutes = Math.ceil(target / options.ratePerSecond / 60);
    const messages: ChatMessage[] = [...simulateChat({ ...options, minutes })].slice(0, target);
    const archive = SqliteArchive.open(dbPath);
    archive.createStream(simulationStreamInfo({ ...options, minutes }));
    archive.insertMessages(messages);
    archive.close();

    const config = loadConfig(
      { port: 0, dataDir: dir, dbPath, demo: false, topics: false, embedModel: values.model },
      {} as NodeJS.ProcessEnv,
    );
    const server = await startServer(config, createLogger('warn'), {
      uiHandler: async (_req, res) => void res.writeHead(204).end(),
    });
    try {
      const token = ((await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig).operatorToken!;
      const jobStart = performance.now();
      const startRes = await fetch(`${server.url}/api/streams/bench-15k/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify(values.epochs ? { params: { umap: { nEpochs: Number(values.epochs) } } } : {}),
      });
      let job: AnalysisJob = AnalysisJobSchema.parse(await startRes.json());
      const progress: { s: number; fraction: number; eta: number | null; stage: string | null }[] = [];
      while (job.state === 'queued' || job.state === 'running') {
        await new Promise((r) => setTimeout(r, 1000));
        job = AnalysisJobSchema.parse(await (await fetch(`${server.url}/api/analysis-jobs/${job.id}`)).json());
        progress.push({
          s: Math.round((performance.now() - jobStart) / 100) / 10,
          fraction: Math.round(job.fraction * 1000) / 1000,
          eta: job.etaSeconds === null ? null : Math.round(job.etaSeconds),
          stage: job.stage,
        });
      }
      if (job.state !== 'done') throw new Error(`analysis job ${job.state}: ${job.error}`);
      const jobSeconds = (performance.now() - jobStart) / 1000;
      const base = `${server.url}/api/streams/bench-15k/analyses/${job.key}`;

      const getMs: number[] = [];
      const openMs: number[] = [];
      let bytes = 0;
      let clustered = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const text = await (await fetch(base)).text();
        const t1 = performance.now();
        const analysis = parseTopicAnalysis(JSON.parse(text));
        const t2 = performance.now();
        getMs.push(t1 - t0);
        openMs.push(t2 - t0);
        bytes = text.length;
        clustered = analysis.messages.length;
      }

      const search = async (mode: 'meaning' | 'text', q: string) => {
        const t0 = performance.now();
        const res = await fetch(`${base}/search?mode=${mode}&limit=50&q=${encodeURIComponent(q)}`);
        const result = AnalysisSearchResultSchema.parse(await res.json());
        return { client: performance.now() - t0, server: result.ms };
      };
      const firstMeaning = await search('meaning', QUERIES[0]!);
      const meaning = [];
      const text = [];
      for (let i = 0; i < Math.max(runs, QUERIES.length); i++) {
        meaning.push(await search('meaning', QUERIES[i % QUERIES.length]!));
        text.push(await search('text', QUERIES[i % QUERIES.length]!));
      }
      const round = (s: ReturnType<typeof summary>) => ({
        median: Math.round(s.median * 10) / 10,
        min: Math.round(s.min * 10) / 10,
        max: Math.round(s.max * 10) / 10,
        runs: s.runs,
      });
      return {
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model },
        stream: { messages: messages.length, clustered, model: job.model, epochs: values.epochs ?? 'default (200)' },
        analysisJob: { seconds: Math.round(jobSeconds * 10) / 10, progress },
        document: { megabytes: Math.round(bytes / 1e5) / 10 },
        // The first open validates the document on the server; later ones send it as validated.
        getAnalysisMs: { first: Math.round(getMs[0]!), ...round(summary(getMs.slice(1))) },
        openAnalysisMs: {
          first: Math.round(openMs[0]!),
          ...round(summary(openMs.slice(1))),
          target: '< 2000 (GET + JSON.parse + schema check)',
        },
        searchMeaningMs: {
          first: { client: Math.round(firstMeaning.client), server: Math.round(firstMeaning.server) },
          client: { ...round(summary(meaning.map((m) => m.client))), target: '< 300' },
          server: round(summary(meaning.map((m) => m.server))),
        },
        searchTextMs: {
          client: round(summary(text.map((m) => m.client))),
          server: round(summary(text.map((m) => m.server))),
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
