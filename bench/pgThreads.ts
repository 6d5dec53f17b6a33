// What the stores on PostgreSQL cost a process in memory: the archive, the stored analyses, the registry state and the
// training jobs opened one after another, on one database (one shared thread, as a node has them) and on four
// databases (a thread each, as every store had before they shared one). Each run is a fresh process; the two layouts
// alternate, on one throwaway local PostgreSQL.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startPostgres } from '../test/support/postgresServer';
import { benchMachine, summary } from './stats';

const STEPS = ['start', '+ archive', '+ analyses', '+ registry', '+ training jobs'] as const;

function run(urls: string[]): number[] {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/pgThreadsChild.ts', ...urls], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`pg-threads child failed: ${child.stderr}`);
  return (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { rss: number[] }).rss;
}

/** `npm run bench -- pg-threads [--runs 3]` */
export async function runPgThreadsBench(args: string[]) {
  const { values } = parseArgs({ args, options: { runs: { type: 'string' } } });
  const runs = Number(values.runs ?? 3);
  const postgres = await startPostgres();
  try {
    const one = await postgres.createDatabase();
    const four = [await postgres.createDatabase(), await postgres.createDatabase(), await postgres.createDatabase()];
    const layouts = { sharedThread: [one, one, one, one], threadPerStore: [one, ...four] };
    const measured: Record<keyof typeof layouts, number[][]> = { sharedThread: [], threadPerStore: [] };
    for (let i = 0; i < runs; i++)
      for (const name of Object.keys(layouts) as (keyof typeof layouts)[]) measured[name].push(run(layouts[name]));
    const describe = (rows: number[][]) => ({
      rssMb: Object.fromEntries(STEPS.map((step, k) => [step, summary(rows.map((r) => r[k]!))])),
      addedMb: summary(rows.map((r) => Math.round((r.at(-1)! - r[0]!) * 10) / 10)),
      runs: rows,
    });
    return {
      suite: 'pg-threads',
      machine: benchMachine(),
      settings: { runs, postgres: 'throwaway local server' },
      sharedThread: describe(measured.sharedThread),
      threadPerStore: describe(measured.threadPerStore),
    };
  } finally {
    await postgres.close();
  }
}
