// The analysis store's two back ends side by side: files in a directory and PostgreSQL (a throwaway local server, or
// --database-url), the same documents in the same run. What the analyst's workspace pays for analyses shared through
// the deployment's database: saving one (the job's last step), the list, and opening one (the document sent as is).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalysisStore } from '../server/analysis/store/AnalysisStore';
import { FileAnalysisStore } from '../server/analysis/store/FileAnalysisStore';
import { PgAnalysisStore } from '../server/analysis/store/postgres/PgAnalysisStore';
import { startPostgres, type TestPostgres } from '../test/support/postgresServer';
import { syntheticAnalysis } from '../test/browser/support/workspaceFixtures';
import { benchMachine, summary } from './stats';

/** The shipped model's dimension: what a searchable analysis stores per message. */
const DIMENSION = 256;

function time(work: () => void): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

function measure(store: AnalysisStore, sizes: number[], repeats: number) {
  return sizes.map((n) => {
    const analysis = { ...syntheticAnalysis({ id: `bench-${n}`, channel: 'bench' }, n) };
    analysis.model = { ...analysis.model, dimension: DIMENSION };
    const vectors = new Float32Array(n * DIMENSION).map((_, i) => Math.sin(i));
    const saves: number[] = [];
    let key = '';
    for (let r = 0; r < Math.max(3, Math.ceil(repeats / 10)); r++)
      saves.push(time(() => (key = store.save({ analysis, vectors, modelSpec: 'bow' }).key)));
    const runs = (work: () => void) => summary(Array.from({ length: repeats }, () => time(work)));
    const streamId = analysis.stream.id;
    return {
      messages: n,
      documentBytes: Buffer.byteLength(store.documentText(streamId, key)),
      vectorBytes: vectors.byteLength,
      saveMs: summary(saves),
      listMs: runs(() => store.list(streamId)),
      documentTextMs: runs(() => store.documentText(streamId, key)),
      readVectorsMs: runs(() => store.readVectors(streamId, key)),
      revisionMs: runs(() => store.revision(streamId, key)),
    };
  });
}

/**
 * `npm run bench -- analyses [--sizes 15000,100000] [--repeats N] [--database-url postgres://...]`
 * @param args command-line arguments after the suite name
 */
export async function runAnalysisStoreBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '15000,100000' },
      repeats: { type: 'string', default: '20' },
      'database-url': { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const repeats = Number(values.repeats);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-bench-analyses-'));
  let server: TestPostgres | null = null;
  try {
    const files = new FileAnalysisStore(path.join(dir, 'analyses'));
    const onFiles = measure(files, sizes, repeats);
    let url = values['database-url'];
    if (!url) {
      server = await startPostgres({ durable: true });
      url = await server.createDatabase();
    }
    const pg = PgAnalysisStore.open(url);
    const onPostgres = measure(pg, sizes, repeats);
    pg.close();
    return {
      suite: 'analyses',
      machine: benchMachine(),
      settings: {
        sizes,
        repeats,
        dimension: DIMENSION,
        postgres: values['database-url']
          ? 'given URL'
          : "throwaway local server with PostgreSQL's defaults (fsync, synchronous commits)",
      },
      files: onFiles,
      postgres: onPostgres,
    };
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
