/** Display helpers of the admin page (pure functions). */

/**
 * A metric with at most `digits` decimals (a tiny one in exponent form); `—` when absent.
 * @param number the reader's number format (`useI18n().number`); default plain digits
 * @example formatMetric(0.91234, 3, createFormatters('fr-FR').number) // '0,912'
 */
export function formatMetric(
  value: number | null | undefined,
  digits = 3,
  number: (value: number, digits: number) => string = (v, d) => Number(v.toFixed(d)).toString(),
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(1);
  return number(value, digits);
}

/** Learning rates read best in exponent form (`3.0e-4`). */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toExponential(1);
}

/** A job's progress as a fraction of all its stages (0..1), for the progress bar. */
export function jobFraction(
  p: { stageIndex: number; stageCount: number; step: number; totalSteps: number } | null,
): number {
  if (p === null) return 0;
  const within = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  return Math.min(1, (p.stageIndex + within) / Math.max(1, p.stageCount));
}
