import type { RatePoint } from '../../contracts/socket-events';

/** Rolling-average windows and burst rule of the rate chart. */
export interface RateSeriesOptions {
  /** Short rolling window, seconds. */
  shortWindow: number;
  /** Long rolling window, seconds. */
  longWindow: number;
  /** A burst is where the short average exceeds `burstFactor` × the long average... */
  burstFactor: number;
  /** ...and is at least this many messages per minute. */
  burstMinPerMinute: number;
  /** Ignore the newest (incomplete) second. */
  dropLast: boolean;
}

export const DEFAULT_RATE_OPTIONS: RateSeriesOptions = {
  shortWindow: 15,
  longWindow: 60,
  burstFactor: 2,
  burstMinPerMinute: 30,
  dropLast: true,
};

export interface RateSample {
  /** Elapsed second of the stream. */
  t: number;
  /** Messages per minute in this second (count × 60). */
  perMinute: number;
  /** Trailing short-window average, messages per minute. */
  short: number;
  /** Trailing long-window average, messages per minute. */
  long: number;
  burst: boolean;
}

export interface Burst {
  start: number;
  /** Exclusive: the second after the last burst second. */
  end: number;
  peakT: number;
  peak: number;
}

export interface RateSeries {
  samples: RateSample[];
  bursts: Burst[];
  maxPerMinute: number;
}

/**
 * Messages per minute from per-second counts, smoothed with two trailing rolling averages, with bursts marked.
 * Missing seconds count as zero; near the start of the window the averages cover the seconds available.
 */
export function computeRateSeries(
  points: readonly RatePoint[],
  options: RateSeriesOptions = DEFAULT_RATE_OPTIONS,
): RateSeries {
  if (points.length === 0) return { samples: [], bursts: [], maxPerMinute: 0 };
  const sorted = [...points].sort((a, b) => a.t - b.t);
  // The newest second is still filling up: leave it out rather than draw a false dip at the end.
  if (options.dropLast && sorted.length > 1) sorted.pop();
  const t0 = Math.floor(sorted[0]!.t);
  const t1 = Math.floor(sorted[sorted.length - 1]!.t);
  const n = t1 - t0 + 1;
  const counts = new Float64Array(n);
  for (const p of sorted) counts[Math.floor(p.t) - t0]! += p.count;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + counts[i]!;
  const avg = (i: number, w: number) => {
    const from = Math.max(0, i - w + 1);
    return ((prefix[i + 1]! - prefix[from]!) / (i + 1 - from)) * 60;
  };

  const samples: RateSample[] = new Array(n);
  const bursts: Burst[] = [];
  let maxPerMinute = 0;
  let open: Burst | null = null;
  for (let i = 0; i < n; i++) {
    const t = t0 + i;
    const short = avg(i, options.shortWindow);
    const long = avg(i, options.longWindow);
    const burst = short >= options.burstMinPerMinute && short > options.burstFactor * long;
    const perMinute = counts[i]! * 60;
    samples[i] = { t, perMinute, short, long, burst };
    maxPerMinute = Math.max(maxPerMinute, short, long);
    if (burst) {
      if (!open) open = { start: t, end: t + 1, peakT: t, peak: short };
      open.end = t + 1;
      if (short > open.peak) {
        open.peak = short;
        open.peakT = t;
      }
    } else if (open) {
      bursts.push(open);
      open = null;
    }
  }
  if (open) bursts.push(open);
  return { samples, bursts, maxPerMinute };
}
