import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineChunks } from './lineChunks';

async function collect(pieces: string[], size: number): Promise<string[][]> {
  const out: string[][] = [];
  for await (const chunk of lineChunks(Readable.from(pieces), size)) out.push(chunk);
  return out;
}

describe('lineChunks', () => {
  it('splits lines across pieces into arrays of at most size, keeping blank lines and dropping CR and BOM', async () => {
    expect(await collect(['\ufeffa\r', '\nb\n\nc', 'd\ne'], 2)).toEqual([['a', 'b'], ['', 'cd'], ['e']]);
    expect(await collect(['x\n'], 5)).toEqual([['x']]);
    expect(await collect([], 5)).toEqual([]);
  });

  it('refuses a line too long to be a message, naming its number', async () => {
    await expect(collect(['ok\nfine\n', 'y'.repeat(1024 * 1024 + 1)], 1)).rejects.toThrow(
      'line 3 of the input is over 1048576 characters',
    );
  });
});
