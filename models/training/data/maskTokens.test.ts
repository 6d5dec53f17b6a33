import { describe, expect, it } from 'vitest';
import { MLM_IGNORE_INDEX } from '../../tfjs';
import { Mulberry32 } from '../../random';
import { maskTokens } from './maskTokens';

const PROTECTED = new Set([0, 1, 2, 3]); // pad, cls, sep, mask
const MASK = 3;
const VOCAB = 500;

describe('maskTokens', () => {
  it('chooses ~15% of ordinary tokens: 80% <mask>, 10% random ordinary, 10% kept; specials never', () => {
    const rng = Mulberry32.fromSeed(5);
    let ordinary = 0;
    let chosen = 0;
    let masked = 0;
    let kept = 0;
    let replaced = 0;
    for (let n = 0; n < 3000; n++) {
      const row = Int32Array.from([1, ...Array.from({ length: 20 }, (_, i) => 10 + ((n * 7 + i * 13) % 400)), 2, 0, 0]);
      const { inputIds, labels } = maskTokens(row, rng, { rate: 0.15, maskId: MASK, vocabSize: VOCAB, protectedIds: PROTECTED });
      row.forEach((id, i) => {
        if (PROTECTED.has(id)) {
          expect(labels[i]).toBe(MLM_IGNORE_INDEX);
          expect(inputIds[i]).toBe(id);
          return;
        }
        ordinary++;
        if (labels[i] === MLM_IGNORE_INDEX) {
          expect(inputIds[i]).toBe(id);
          return;
        }
        chosen++;
        expect(labels[i]).toBe(id);
        if (inputIds[i] === MASK) masked++;
        else if (inputIds[i] === id) kept++;
        else {
          replaced++;
          expect(PROTECTED.has(inputIds[i]!)).toBe(false);
        }
      });
    }
    expect(chosen / ordinary).toBeGreaterThan(0.14);
    expect(chosen / ordinary).toBeLessThan(0.16);
    expect(masked / chosen).toBeCloseTo(0.8, 1);
    // A random draw equal to the original counts as kept: 10% + 10%/400.
    expect(replaced / chosen).toBeGreaterThan(0.085);
    expect(replaced / chosen).toBeLessThan(0.115);
    expect(kept / chosen).toBeGreaterThan(0.085);
    expect(kept / chosen).toBeLessThan(0.115);
  });

  it('is deterministic by seed and chooses at least one token of a short row', () => {
    const row = Int32Array.from([1, 40, 41, 2]);
    const a = maskTokens(row, Mulberry32.fromSeed(9), { rate: 0.15, maskId: MASK, vocabSize: VOCAB, protectedIds: PROTECTED });
    const b = maskTokens(row, Mulberry32.fromSeed(9), { rate: 0.15, maskId: MASK, vocabSize: VOCAB, protectedIds: PROTECTED });
    expect(Array.from(a.inputIds)).toEqual(Array.from(b.inputIds));
    expect(Array.from(a.labels).filter((l) => l !== MLM_IGNORE_INDEX).length).toBeGreaterThanOrEqual(1);
    const onlySpecial = maskTokens(Int32Array.from([1, 2, 0]), Mulberry32.fromSeed(1), { rate: 1, maskId: MASK, vocabSize: VOCAB, protectedIds: PROTECTED });
    expect(Array.from(onlySpecial.labels)).toEqual([MLM_IGNORE_INDEX, MLM_IGNORE_INDEX, MLM_IGNORE_INDEX]);
  });
});
