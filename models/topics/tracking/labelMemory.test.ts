import { describe, expect, it } from 'vitest';
import { rememberLabel } from './labelMemory';
import { termCosine } from './termSimilarity';

const t = (term: string, score: number) => ({ term, score });

describe('rememberLabel', () => {
  it('takes the first label as it is, scaled to unit length', () => {
    const memory = rememberLabel([], [t('gg', 3), t('wp', 4)]);
    expect(memory.map((x) => x.term)).toEqual(['wp', 'gg']);
    expect(memory[0]!.score).toBeCloseTo(0.8, 12);
    expect(memory[1]!.score).toBeCloseTo(0.6, 12);
  });

  it('keeps the topic recognisable after one noisy label that lost its top term', () => {
    const full = [t('gg', 1), t('wp', 0.5), t('bravo', 0.3), t('ez', 0.2)];
    const noisy = [t('bravo', 0.3), t('ez', 0.2), t('pizza', 0.2)];
    let memory = rememberLabel([], full);
    for (let i = 0; i < 3; i++) memory = rememberLabel(memory, full);
    memory = rememberLabel(memory, noisy);
    expect(termCosine(memory, full)).toBeGreaterThan(0.9);
    expect(termCosine(noisy, full)).toBeLessThan(0.4);
  });

  it('moves towards a label that persists', () => {
    let memory = rememberLabel([], [t('gg', 1)]);
    for (let i = 0; i < 10; i++) memory = rememberLabel(memory, [t('pizza', 1)]);
    expect(memory[0]!.term).toBe('pizza');
    expect(memory.length).toBe(2);
  });

  it('ignores an empty label and keeps at most maxTerms terms', () => {
    const memory = rememberLabel([], [t('gg', 1)]);
    expect(rememberLabel(memory, [])).toEqual(memory);
    const many = Array.from({ length: 30 }, (_, i) => t(`w${i}`, 30 - i));
    expect(rememberLabel([], many, 0.3, 5).map((x) => x.term)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
  });
});
