// `npm run bench -- <suite> [options]`: runs a benchmark suite and writes its results as JSON under bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { runAnalysisStoreBench } from './analysisStore';
import { runArchiveBench } from './archive';
import { runEmbedBench } from './embed';
import { runIngestBench } from './ingest';
import { runLoadBench } from './load';
import { runPgThreadsBench } from './pgThreads';
import { runScaleBench } from './scale';
import { runTokenizerBench } from './tokenizer';
import { runTopicsBench } from './topics';
import { runTopicsLongBench } from './topicsLong';
import { runTrainBench } from './train';
import { runUmapBench } from './umap';
import { runWorkspaceBench } from './workspace';

const suites: Record<string, (args: string[]) => Promise<unknown>> = {
  archive: runArchiveBench,
  analyses: runAnalysisStoreBench,
  embed: runEmbedBench,
  ingest: runIngestBench,
  load: runLoadBench,
  'pg-threads': runPgThreadsBench,
  scale: runScaleBench,
  tokenizer: runTokenizerBench,
  topics: runTopicsBench,
  'topics-long': runTopicsLongBench,
  train: runTrainBench,
  umap: runUmapBench,
  workspace: runWorkspaceBench,
};

const [name, ...args] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite) {
  console.error(`usage: npm run bench -- <${Object.keys(suites).join('|')}> [options]`);
  process.exit(2);
}
const result = await suite(args);
const dir = path.join('bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
console.error(`results written to ${file}`);
