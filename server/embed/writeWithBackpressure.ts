import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes and, when the stream's buffer is full, waits for it to drain: a fast producer never piles up output in
 * memory behind a slow file or pipe.
 */
export async function writeWithBackpressure(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * One JSON line per vector: `{"index":i,"text":"…","vector":[…]}` (`text` left out when null). The float32 values
 * are written as JavaScript numbers in full, so they read back bit for bit.
 */
export function vectorLines(
  firstIndex: number,
  vectors: readonly Float32Array[],
  texts: readonly string[] | null,
): string {
  let out = '';
  vectors.forEach((vector, i) => {
    const line =
      texts === null
        ? { index: firstIndex + i, vector: Array.from(vector) }
        : { index: firstIndex + i, text: texts[i], vector: Array.from(vector) };
    out += JSON.stringify(line) + '\n';
  });
  return out;
}
