import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../random';
import { CheckpointError } from './errors';
import { readSafetensors } from './safetensors';
import { fixtureBytes } from './testing/fixtures';
import { readTorchBin } from './torchBin';

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  return Lcg32.ansiC(seed).toFunction();
}

describe('corrupted files only ever throw CheckpointError', () => {
  const cases = [
    ['pytorch_model.bin', readTorchBin],
    ['model.safetensors', readSafetensors],
  ] as const;
  it.each(cases)(
    '%s: 400 random corruptions (bytes changed in the header, pickle or directory; truncations)',
    (file, read) => {
      const original = fixtureBytes('convbert-tiny', file);
      const random = lcg(1234);
      let refused = 0;
      for (let i = 0; i < 400; i++) {
        const bytes = original.slice();
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
          const r = random();
          // Mostly the structural parts: the first 7000 bytes (header / data.pkl) and the last 4000 (zip directory).
          const at =
            r < 0.5
              ? Math.floor(random() * 7000)
              : r < 0.8
                ? bytes.length - 1 - Math.floor(random() * 4000)
                : Math.floor(random() * bytes.length);
          bytes[at] = Math.floor(random() * 256);
        }
        const end = random() < 0.1 ? Math.floor(random() * bytes.length) : bytes.length;
        try {
          read(bytes.subarray(0, end), file);
        } catch (e) {
          expect(e).toBeInstanceOf(CheckpointError);
          expect((e as CheckpointError).message.startsWith(`${file}: `)).toBe(true);
          refused++;
        }
      }
      expect(refused).toBeGreaterThan(100);
    },
  );
});
