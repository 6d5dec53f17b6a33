import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineBatches';

/** Splits `text` fed in chunks of `size`; long lines are those over `max` characters. */
function split(text: string, size: number, max = 10) {
  const lines: [number, string][] = [];
  const tooLong: number[] = [];
  const splitter = new LineSplitter(
    (line, n) => lines.push([n, line]),
    (n) => tooLong.push(n),
    max,
  );
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return { lines, tooLong };
}

describe('LineSplitter', () => {
  it.each([
    ['LF', 'a\nbb\n\nccc\n'],
    ['CRLF', 'a\r\nbb\r\n\r\nccc\r\n'],
    ['CR only', 'a\rbb\r\rccc\r'],
    ['no final break', 'a\nbb\n\nccc'],
  ])('splits %s files the same way, whatever the chunk size', (_, text) => {
    for (const size of [1, 2, 3, 100]) {
      expect(split(text, size).lines, `chunks of ${size}`).toEqual([
        [1, 'a'],
        [2, 'bb'],
        [3, ''],
        [4, 'ccc'],
      ]);
    }
  });

  it('keeps a stray CR inside a line of a LF file as text (the first break decides)', () => {
    expect(split('a\nb\rc\n', 1).lines).toEqual([
      [1, 'a'],
      [2, 'b\rc'],
    ]);
  });

  it('turns 20 CR-only lines into 20 lines, not one', () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\r');
    expect(split(text, 7, 100).lines).toHaveLength(20);
  });

  it('skips a line over the limit without holding it, reports its number, and reads on', () => {
    for (const size of [1, 4, 64]) {
      const { lines, tooLong } = split(`ok\n${'x'.repeat(50)}\nnext\n${'y'.repeat(11)}`, size);
      expect(lines, `chunks of ${size}`).toEqual([
        [1, 'ok'],
        [3, 'next'],
      ]);
      expect(tooLong).toEqual([2, 4]);
    }
  });
});
