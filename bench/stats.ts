import os from 'node:os';
/** Median of a sample (the figure we quote: robust to a noisy shared machine). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summary(values: number[]): { median: number; min: number; max: number; runs: number } {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** The machine a result was measured on, as every suite records it. */
export function benchMachine(): { cpus: number; cpu: string | undefined; node: string; totalMemGb: number } {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    node: process.version,
    totalMemGb: os.totalmem() / 2 ** 30,
  };
}
