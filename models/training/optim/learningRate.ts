/**
 * Linear warm-up from 0 to `peak` over `warmupSteps`, then linear decay to 0 at `totalSteps` (BERT/ELECTRA's
 * schedule). `step` counts from 1 (the first update).
 *
 * @example
 * learningRateAt(5, { peak: 1e-3, warmupSteps: 10, totalSteps: 100 }); // 5e-4
 */
export function learningRateAt(
  step: number,
  schedule: { peak: number; warmupSteps: number; totalSteps: number },
): number {
  const { peak, warmupSteps, totalSteps } = schedule;
  if (warmupSteps > 0 && step <= warmupSteps) return (peak * step) / warmupSteps;
  const decaySteps = Math.max(1, totalSteps - warmupSteps);
  return peak * Math.max(0, (totalSteps - step + 1) / decaySteps);
}
