import { describe, expect, it } from 'vitest';
import { padTokenBatch } from '../convbert';
import { buildConvBertOnnx } from './convbert/buildConvBertOnnx';
import { OnnxConvBertSession } from './OnnxConvBertSession';
import { loadConvBertFixture } from './testing/convBertFixture';

const { weights } = loadConvBertFixture('convbert-tiny');
const H = weights.config.hiddenSize;
const message = [3, 52, 88, 43, 4];
const neighbour = (length: number, seed: number) =>
  Array.from({ length }, (_, i) => (i === 0 ? 3 : 5 + ((seed * 37 + i * 11) % 110)));

/** The `row`-th message's cls, mean_pooled and real-position hidden states from a batch of `sequences`. */
async function embedRow(session: OnnxConvBertSession, sequences: number[][], row: number) {
  const batch = padTokenBatch(sequences, 0);
  const out = await session.run(batch, ['cls', 'mean_pooled', 'last_hidden_state']);
  const L = batch.length;
  return {
    cls: out.cls!.data.slice(row * H, (row + 1) * H),
    mean: out.mean_pooled!.data.slice(row * H, (row + 1) * H),
    tokens: out.last_hidden_state!.data.slice(row * L * H, (row * L + sequences[row]!.length) * H),
  };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe('batch independence', () => {
  const batches: [string, number[][], number][] = [
    ['with a longer neighbour', [message, neighbour(12, 1)], 0],
    ['after a neighbour, both padded further', [neighbour(3, 2), message, neighbour(9, 3)], 1],
    ['among 3 neighbours of assorted lengths', [neighbour(17, 4), neighbour(2, 5), message, neighbour(30, 6)], 2],
  ];

  it("with convPadding 'masked', a message embeds the same alone and inside batches padded to other lengths", async () => {
    const session = await OnnxConvBertSession.create(buildConvBertOnnx(weights));
    try {
      const alone = await embedRow(session, [message], 0);
      for (const [label, sequences, row] of batches) {
        const inBatch = await embedRow(session, sequences, row);
        expect(maxDiff(inBatch.cls, alone.cls), label).toBeLessThan(1e-5);
        expect(maxDiff(inBatch.mean, alone.mean), label).toBeLessThan(1e-5);
        expect(maxDiff(inBatch.tokens, alone.tokens), label).toBeLessThan(1e-5);
      }
    } finally {
      await session.close();
    }
  });

  it("with convPadding 'hf', the same message changes with its batch's padding (what 'masked' prevents)", async () => {
    const session = await OnnxConvBertSession.create(buildConvBertOnnx(weights, { convPadding: 'hf' }));
    try {
      const alone = await embedRow(session, [message], 0);
      const padded = await embedRow(session, batches[0]![1], 0);
      expect(maxDiff(padded.cls, alone.cls)).toBeGreaterThan(1e-3);
    } finally {
      await session.close();
    }
  });
});
