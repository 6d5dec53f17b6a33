// Ingest benchmarks: normalise + archive throughput, import speed per format, peak memory of a 1M-message import.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteArchive } from '../server/archive/SqliteArchive';
import { ArchiveWriter } from '../server/archive/ArchiveWriter';
import { DEFAULT_BOTS } from '../server/config/schema';
import { importChatFile } from '../server/importers/importChatFile';
import { normaliseTmi } from '../server/ingest/normaliseTmi';
import { StreamSegmenter } from '../server/ingest/StreamSegmenter';
import type { ChatMessage } from '../contracts/chat';
import { createLogger } from '../server/logger';
import { tmiEvents, writeTwitchDownloaderJson, writeTwitchDownloaderTxt } from './chatFiles';
import { summary, benchMachine } from './stats';

const silent = createLogger('silent');

function freshArchive(dir: string, name: string): SqliteArchive {
  const file = path.join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return SqliteArchive.open(file);
}

/** Live path: tmi.js event -> normalise -> stream session -> batched archive write, into a real SQLite file. */
function normaliseAndArchive(dir: string, events: ReturnType<typeof tmiEvents>) {
  const archive = freshArchive(dir, 'live');
  const writer = new ArchiveWriter(archive, { batchSize: 500, flushMs: 200 }, silent);
  const segmenter = new StreamSegmenter({
    silenceMs: 30 * 60_000,
    createStream: (channel, startedAt) =>
      archive.createStream({
        channel,
        source: 'live',
        title: 'bench',
        startedAt,
        absoluteTime: true,
        importFormat: null,
      }).id,
  });
  const bots = new Set(DEFAULT_BOTS);
  const t0 = performance.now();
  for (const event of events) {
    const live = normaliseTmi(event, { bots, now: Date.now })!;
    const { streamId, elapsed } = segmenter.assign(live.channel, live.ts);
    const message: ChatMessage = { ...live, streamId, elapsed };
    writer.write([message]);
  }
  writer.close();
  const seconds = (performance.now() - t0) / 1000;
  const stored = archive.listStreams().reduce((a, s) => a + s.messageCount, 0);
  archive.close();
  if (stored !== events.length) throw new Error(`archived ${stored} of ${events.length}`);
  return events.length / seconds;
}

async function importOnce(dir: string, file: string) {
  const archive = freshArchive(dir, 'import');
  const t0 = performance.now();
  const report = await importChatFile(archive, { path: file });
  const seconds = (performance.now() - t0) / 1000;
  archive.close();
  return { seconds, imported: report.imported, bytes: fs.statSync(file).size };
}

/** Runs one import in a fresh process and reads its peak resident memory. */
function importInChild(file: string, dir: string) {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join('bench', 'importChild.ts'), file, path.join(dir, 'child.sqlite')],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (out.status !== 0) throw new Error(`import child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as {
    maxRssMb: number;
    baselineRssMb: number;
    imported: number;
    seconds: number;
  };
}

export async function runIngestBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string', default: '100000' },
      'import-messages': { type: 'string', default: '200000' },
      'memory-messages': { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
    },
  });
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-bench-ingest-'));
  try {
    const events = tmiEvents(Number(values.messages));
    normaliseAndArchive(dir, events.slice(0, 5000)); // warm-up (JIT, SQLite page cache)
    const live = Array.from({ length: runs }, () => normaliseAndArchive(dir, events));

    const importCount = Number(values['import-messages']);
    const jsonFile = path.join(dir, 'chat.json');
    const txtFile = path.join(dir, 'chat.txt');
    await writeTwitchDownloaderJson(jsonFile, importCount);
    await writeTwitchDownloaderTxt(txtFile, importCount);
    const imports: Record<
      string,
      {
        mbPerSecond: ReturnType<typeof summary>;
        messagesPerSecond: ReturnType<typeof summary>;
        fileMb: number;
        messages: number;
      }
    > = {};
    // Interleave the formats run by run so machine noise hits both alike.
    const samples: Record<string, { seconds: number; imported: number; bytes: number }[]> = {
      'twitchdownloader-json': [],
      'twitchdownloader-txt': [],
    };
    for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
      samples['twitchdownloader-json']!.push(await importOnce(dir, jsonFile));
      samples['twitchdownloader-txt']!.push(await importOnce(dir, txtFile));
    }
    for (const [format, s] of Object.entries(samples)) {
      imports[format] = {
        fileMb: s[0]!.bytes / 1e6,
        messages: s[0]!.imported,
        mbPerSecond: summary(s.map((x) => x.bytes / 1e6 / x.seconds)),
        messagesPerSecond: summary(s.map((x) => x.imported / x.seconds)),
      };
    }
    fs.rmSync(jsonFile);
    fs.rmSync(txtFile);

    const bigCount = Number(values['memory-messages']);
    const bigJson = path.join(dir, 'big.json');
    await writeTwitchDownloaderJson(bigJson, bigCount);
    const bigMb = fs.statSync(bigJson).size / 1e6;
    const memory = importInChild(bigJson, dir);

    return {
      suite: 'ingest',
      date: new Date().toISOString(),
      machine: benchMachine(),
      normaliseAndArchive: {
        what: 'tmi.js-shaped events -> normaliseTmi -> StreamSegmenter -> ArchiveWriter (batch 500) -> SQLite WAL file',
        messages: events.length,
        messagesPerSecond: summary(live),
        goal: 20_000,
      },
      import: imports,
      peakMemory: { format: 'twitchdownloader-json', fileMb: bigMb, ...memory },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
