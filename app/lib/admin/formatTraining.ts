/** Display helpers of the admin page (pure functions). */

/** Seconds as `1 h 05 min`, `4 min 10 s` or `12 s`; `—` when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A metric with a few significant digits; `—` when absent. */
export function formatMetric(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(1);
  return Number(value.toFixed(digits)).toString();
}

/** Learning rates read best in exponent form (`3.0e-4`). */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toExponential(1);
}

/** ISO instant as local `YYYY-MM-DD HH:MM`. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A job's progress as a fraction of all its stages (0..1), for the progress bar. */
export function jobFraction(
  p: { stageIndex: number; stageCount: number; step: number; totalSteps: number } | null,
): number {
  if (p === null) return 0;
  const within = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  return Math.min(1, (p.stageIndex + within) / Math.max(1, p.stageCount));
}
