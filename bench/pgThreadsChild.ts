// One run of the `pg-threads` suite, in a fresh process: opens the four stores on PostgreSQL one after another, each
// on the URL given for it, and prints the process's RSS (MB) before and after each (a garbage collection and a pause
// first, so that what is counted is what stays).
import os from 'node:os';
import path from 'node:path';
import { PgAnalysisStore } from '../server/analysis/store/postgres/PgAnalysisStore';
import { PgArchive } from '../server/archive/postgres/PgArchive';
import { createLogger } from '../server/logger';
import { PgRegistryState } from '../server/registry/postgres/PgRegistryState';
import { PgJobStore } from '../server/training/store/postgres/PgJobStore';

const urls = process.argv.slice(2);
if (urls.length !== 4) throw new Error('pgThreadsChild: four URLs, one per store');
const settle = async (): Promise<number> => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 1500));
  return Math.round(process.memoryUsage().rss / 1e5) / 10;
};
const rss = [await settle()];
const archive = PgArchive.open(urls[0]!);
archive.listStreams();
rss.push(await settle());
const analyses = PgAnalysisStore.open(urls[1]!);
analyses.list('none');
rss.push(await settle());
const registry = PgRegistryState.open(urls[2]!);
registry.read();
rss.push(await settle());
const jobs = PgJobStore.open(urls[3]!, path.join(os.tmpdir(), 'ct-bench-training'), createLogger('silent'));
jobs.loadJobs();
rss.push(await settle());
for (const store of [archive, analyses, registry, jobs]) store.close();
console.log(JSON.stringify({ rss }));
