import { describe, expect, it } from 'vitest';
import { shortLabel } from './toolsLabels';

describe('shortLabel', () => {
  it('keeps the first terms of the printed form', () => {
    expect(shortLabel('arbitre (0.41)/carton rouge (0.22)/var (0.1)/but (0.05)')).toBe('arbitre · carton rouge · var');
    expect(shortLabel('a (1.2e-3)/b (0.5)', 1)).toBe('a');
  });

  it('returns a label in another form unchanged, markup included', () => {
    expect(shortLabel('<b>x</b>')).toBe('<b>x</b>');
    expect(shortLabel('')).toBe('');
  });
});
