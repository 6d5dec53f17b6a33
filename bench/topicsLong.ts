// `npm run bench -- topics-long`: the cost of `analyze` on long simulated streams: its defaults (auto), one global
// fit, and fixed windows (params.window), each run in a fresh process (bench/topicsLongChild.ts) so its peak memory is its own. Reports wall
// time, peak RSS, and the growth exponent between consecutive sizes: log(time ratio) / log(size ratio) (1 = linear).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface LongRun {
  mode: string;
  /** The windows the run used (auto: what `analyze` chose; null: one fit). */
  window: { minutes: number; stepMinutes: number } | null;
  moments: boolean;
  cpuSeconds: number;
  messages: number;
  clustered: number;
  streamMinutes: number;
  topics: number;
  noiseRate: number;
  seconds: number;
  stagesSeconds: Record<string, number>;
  maxRssMb: number;
  sampledPeakRssMb: number;
}

function runChild(messages: number, rate: number, mode: string, epochs: string, moments: boolean): LongRun {
  const child = path.join('bench', 'topicsLongChild.ts');
  const args = ['--import', 'tsx', child, String(messages), String(rate), mode, epochs, moments ? '' : 'no-moments'];
  const out = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as LongRun;
}

/** Growth exponent of seconds between consecutive sizes of one mode. */
function exponents(runs: LongRun[]): { from: number; to: number; exponent: number }[] {
  const sorted = [...runs].sort((a, b) => a.messages - b.messages);
  return sorted.slice(1).map((run, i) => ({
    from: sorted[i]!.messages,
    to: run.messages,
    exponent: Math.log(run.seconds / sorted[i]!.seconds) / Math.log(run.messages / sorted[i]!.messages),
  }));
}

/**
 * `npm run bench -- topics-long [--sizes 10000,20000,50000,100000] [--rate 5] [--window 10:5] [--modes auto,global,window]
 * [--epochs N] [--global-max N] [--no-moments]`: auto is `analyze`'s defaults (one fit, windows of about 10k
 * messages above 50k); global is one fit whatever the size and stops at `--global-max` messages (its cost is what
 * windows avoid); window is `--window`; `--no-moments` leaves out the moment level (global in both modes) to show the topic stages alone.
 */
export async function runTopicsLongBench(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '10000,20000,50000,100000' },
      rate: { type: 'string', default: '5' },
      window: { type: 'string', default: '10:5' },
      modes: { type: 'string', default: 'auto,global,window' },
      epochs: { type: 'string' },
      'global-max': { type: 'string', default: '50000' },
      'no-moments': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const rate = Number(values.rate);
  const modes = values.modes.split(',');
  const runs: LongRun[] = [];
  for (const n of sizes)
    for (const mode of modes) {
      if (mode === 'global' && n > Number(values['global-max'])) continue;
      const run = runChild(
        n,
        rate,
        mode === 'global' || mode === 'auto' ? mode : values.window,
        values.epochs ?? '',
        !values['no-moments'],
      );
      console.error(
        `${mode} ${n}: ${run.seconds.toFixed(1)} s, peak RSS ${Math.round(run.maxRssMb)} MB, ${run.topics} topics, noise ${run.noiseRate.toFixed(3)} ${JSON.stringify(run.stagesSeconds)}`,
      );
      runs.push(run);
    }
  const byMode = (mode: string) => runs.filter((r) => r.mode === mode);
  return {
    suite: 'topics-long',
    embedder: 'bow',
    ratePerSecond: rate,
    window: values.window,
    epochs: values.epochs ?? 'default',
    moments: !values['no-moments'],
    runs,
    growth: Object.fromEntries(modes.map((m) => [m, exponents(byMode(m === 'window' ? values.window : m))])),
  };
}
