import type { StageMetrics, TrainingProgress } from '../../contracts/training';

/** 95 -> `1m35s`, 3725 -> `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress line as the CLI prints it.
 * @example formatProgress(p); // '[pretrain 2/4] step 40/120  loss 3.2104  lr 1.20e-3  1234 tok/s  ETA 1m20s'
 */
export function formatProgress(p: Omit<TrainingProgress, 'jobId' | 'at'>): string {
  const parts = [`[${p.stage} ${p.stageIndex + 1}/${p.stageCount}] step ${p.step}/${p.totalSteps}`];
  if (p.loss !== null) parts.push(`loss ${p.loss.toFixed(4)}`);
  if (p.learningRate !== null) parts.push(`lr ${p.learningRate.toExponential(2)}`);
  if (p.tokensPerSecond !== null) parts.push(`${Math.round(p.tokensPerSecond)} tok/s`);
  parts.push(p.etaSeconds === null ? 'ETA ?' : `ETA ${formatDuration(p.etaSeconds)}`);
  return parts.join('  ');
}

/**
 * A stage's metrics on one line.
 * @example formatStageMetrics(m); // 'mlm: 12 steps in 3s, loss 5.9911 -> 5.2210, held-out accuracy 0.081'
 */
export function formatStageMetrics(m: StageMetrics): string {
  const parts = [`${m.stage}: ${m.steps} steps in ${formatDuration(m.seconds)}`];
  if (m.firstLoss !== null && m.finalLoss !== null)
    parts.push(`loss ${m.firstLoss.toFixed(4)} -> ${m.finalLoss.toFixed(4)}`);
  if (m.tokensPerSecond !== null) parts.push(`${Math.round(m.tokensPerSecond)} tok/s`);
  if (m.vocabSize !== undefined) parts.push(`vocab ${m.vocabSize}`);
  if (m.emoteTokens !== undefined) parts.push(`${m.emoteTokens} emote tokens`);
  if (m.tokensPerMessage !== undefined) parts.push(`${m.tokensPerMessage.toFixed(2)} tokens/message`);
  if (m.heldOutAccuracy !== undefined) parts.push(`held-out accuracy ${m.heldOutAccuracy.toFixed(3)}`);
  if (m.alignment !== undefined) parts.push(`alignment ${m.alignment.toFixed(3)}`);
  if (m.uniformity !== undefined) parts.push(`uniformity ${m.uniformity.toFixed(3)}`);
  return parts.join(', ');
}
