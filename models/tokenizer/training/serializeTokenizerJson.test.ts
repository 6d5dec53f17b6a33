import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../testing';
import { formatRustFloat, tokenizerJsonToString } from './serializeTokenizerJson';

describe('tokenizerJsonToString', () => {
  it.each(['tokenizer.json', 'tokenizer.with-unk.json', 'tokenizer.legacy-0.10.json'])(
    'writes the HF fixture %s back to its exact bytes',
    (name) => {
      const text = readFileSync(FIXTURE_DIR + name, 'utf8');
      expect(tokenizerJsonToString(JSON.parse(text))).toBe(text);
    },
  );

  it('escapes control characters and quotes like serde_json and keeps non-ASCII text as is', () => {
    const text = tokenizerJsonToString({ a: 'é"\\\n\u0001▁', b: [], c: {}, d: null });
    expect(text).toBe('{\n  "a": "é\\"\\\\\\n\\u0001▁",\n  "b": [],\n  "c": {},\n  "d": null\n}');
    expect(JSON.parse(text)).toEqual({ a: 'é"\\\n\u0001▁', b: [], c: {}, d: null });
  });

  it('writes vocab scores as floats even when they are whole numbers, ids as integers', () => {
    const text = tokenizerJsonToString({
      model: {
        unk_id: 3,
        vocab: [
          ['a', 0],
          ['b', -2],
          ['c', -0.5],
        ],
      },
    });
    expect(text).toContain('"unk_id": 3,');
    expect(text).toContain('"a",\n        0.0\n');
    expect(text).toContain('"b",\n        -2.0\n');
    expect(text).toContain('"c",\n        -0.5\n');
  });
});

describe('formatRustFloat', () => {
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [-13, '-13.0'],
    [-3.9149860100983638, '-3.9149860100983638'],
    [0.0001, '0.0001'],
    [0.00001, '0.00001'],
    [0.000001, '1e-6'],
    [-1.5e-7, '-1.5e-7'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e16'],
    [1.25e20, '1.25e20'],
  ])('writes %d as ryu does: %s', (value, expected) => {
    expect(formatRustFloat(value)).toBe(expected);
    expect(Number(expected)).toBe(value);
  });

  it('refuses non-finite numbers, which JSON cannot hold', () => {
    expect(() => formatRustFloat(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
  });
});
