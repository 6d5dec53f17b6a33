import { describe, expect, it } from 'vitest';
import { CONVBERT_FIXTURES } from '../../checkpoint/testing/fixtures';
import { OnnxBuildError } from '../errors';
import { OnnxConvBertSession } from '../OnnxConvBertSession';
import { loadConvBertFixture, maxAbsDiff } from '../testing/convBertFixture';
import { buildConvBertOnnx } from './buildConvBertOnnx';

/** The fixtures README's tolerances: float32 work against HF's float32 outputs. */
const HIDDEN_TOLERANCE = 1e-4;
const LOGITS_TOLERANCE = 1e-3;

describe.each(CONVBERT_FIXTURES)('buildConvBertOnnx on %s', (folder) => {
  const fixture = loadConvBertFixture(folder);
  const { config } = fixture.weights;
  const H = config.hiddenSize;

  it("with convPadding 'hf' reproduces HF's padded batch at every position, and the MLM logits", async () => {
    const session = await OnnxConvBertSession.create(
      buildConvBertOnnx(fixture.weights, { convPadding: 'hf', mlmHead: true, debugOutputs: true }),
    );
    try {
      const hiddenNames = Array.from({ length: config.numHiddenLayers + 1 }, (_, i) => `hidden_state_${i}`);
      const out = await session.run(fixture.batch, [
        'embeddings_layernorm',
        ...hiddenNames,
        'last_hidden_state',
        'cls',
        'mean_pooled',
        'logits',
      ]);
      const expected = fixture.expected.padded_batch;
      expect(out.last_hidden_state!.dims).toEqual([fixture.batch.batchSize, fixture.batch.length, H]);
      expect(maxAbsDiff(out.embeddings_layernorm!.data, expected.embeddings_layernorm)).toBeLessThan(HIDDEN_TOLERANCE);
      hiddenNames.forEach((name, i) =>
        expect(maxAbsDiff(out[name]!.data, expected.hidden_states[i]), name).toBeLessThan(HIDDEN_TOLERANCE),
      );
      expect(maxAbsDiff(out.last_hidden_state!.data, expected.last_hidden_state)).toBeLessThan(HIDDEN_TOLERANCE);
      expect(maxAbsDiff(out.cls!.data, expected.cls)).toBeLessThan(HIDDEN_TOLERANCE);
      expect(maxAbsDiff(out.mean_pooled!.data, expected.mean_pooled)).toBeLessThan(HIDDEN_TOLERANCE);

      const { batch_index: row, logits } = fixture.expected.mlm;
      const V = config.vocabSize;
      const L = fixture.batch.length;
      expect(out.logits!.dims).toEqual([fixture.batch.batchSize, L, V]);
      expect(maxAbsDiff(out.logits!.data.subarray(row * L * V, (row + 1) * L * V), logits)).toBeLessThan(
        LOGITS_TOLERANCE,
      );
    } finally {
      await session.close();
    }
  });

  it("with convPadding 'masked' gives every row of the padded batch its output when run alone", async () => {
    const session = await OnnxConvBertSession.create(buildConvBertOnnx(fixture.weights));
    try {
      const out = await session.run(fixture.batch, ['last_hidden_state', 'cls', 'mean_pooled']);
      const L = fixture.batch.length;
      fixture.expected.unpadded.forEach((alone, row) => {
        const real = out.last_hidden_state!.data.subarray(row * L * H, (row * L + alone.length) * H);
        expect(maxAbsDiff(real, alone.last_hidden_state), `row ${row}`).toBeLessThan(HIDDEN_TOLERANCE);
        expect(maxAbsDiff(out.cls!.data.subarray(row * H, (row + 1) * H), alone.cls), `row ${row}`).toBeLessThan(
          HIDDEN_TOLERANCE,
        );
        expect(
          maxAbsDiff(out.mean_pooled!.data.subarray(row * H, (row + 1) * H), alone.mean_pooled),
          `row ${row}`,
        ).toBeLessThan(HIDDEN_TOLERANCE);
      });
      // The two rules differ on this batch, so matching `unpadded` is not matching HF's padded output by accident.
      const shortRow = fixture.expected.padded_batch.cls[0]!;
      expect(maxAbsDiff(out.cls!.data.subarray(0, H), shortRow)).toBeGreaterThan(1e-3);
    } finally {
      await session.close();
    }
  });
});

describe('buildConvBertOnnx refuses', () => {
  const { weights } = loadConvBertFixture('convbert-tiny');

  it('an MLM head the weights do not have', () => {
    expect(() => buildConvBertOnnx({ ...weights, mlmHead: null }, { mlmHead: true })).toThrow(OnnxBuildError);
    expect(() => buildConvBertOnnx({ ...weights, mlmHead: null }, { mlmHead: true })).toThrow(/field "mlmHead"/);
  });

  it('a missing or misshapen weight, naming it', () => {
    const name = 'encoder.layer.1.attention.self.conv_kernel_layer.weight';
    const missing = new Map(weights.encoder);
    missing.delete(name);
    expect(() => buildConvBertOnnx({ ...weights, encoder: missing })).toThrow(`tensor "${name}": missing`);
    const t = weights.encoder.get(name)!;
    const wrong = new Map(weights.encoder).set(name, { ...t, shape: [t.shape[1]!, t.shape[0]!] });
    expect(() => buildConvBertOnnx({ ...weights, encoder: wrong })).toThrow(
      /conv_kernel_layer.weight": is \[16, 18\], expected \[18, 16\]/,
    );
  });

  it('an activation it does not implement, and an even kernel', () => {
    expect(() => buildConvBertOnnx({ ...weights, config: { ...weights.config, hiddenAct: 'mish' } })).toThrow(
      /activation "mish" is not implemented/,
    );
    expect(() => buildConvBertOnnx({ ...weights, config: { ...weights.config, convKernelSize: 8 } })).toThrow(
      /field "conv_kernel_size"/,
    );
  });
});
