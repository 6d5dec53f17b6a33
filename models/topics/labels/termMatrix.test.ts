import { describe, expect, it } from 'vitest';
import { buildTermMatrix } from './termMatrix';

describe('buildTermMatrix', () => {
  it('merges repeats within a message and counts document frequency once per message', () => {
    const m = buildTermMatrix([['boss', 'gg', 'boss'], [], ['gg', 'gg', 'pizza']]);
    expect(m.vocabulary).toEqual(['boss', 'gg', 'pizza']);
    expect(m.termIndex.get('pizza')).toBe(2);
    expect([...m.rows.start]).toEqual([0, 2, 2, 4]);
    expect([...m.rows.ids]).toEqual([0, 1, 1, 2]);
    expect([...m.rows.values]).toEqual([2, 1, 2, 1]);
    expect([...m.documentFrequency]).toEqual([1, 2, 1]);
  });
});
