import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padTokenBatch, type TokenBatch } from '../convbert';
import { buildConvBertOnnx } from './convbert/buildConvBertOnnx';
import { buildMatMulOnnx } from './buildMatMulOnnx';
import { InferenceError } from './errors';
import { cudaAvailability } from './executionProvider';
import { OnnxConvBertSession } from './OnnxConvBertSession';
import { loadConvBertFixture } from './testing/convBertFixture';

const { weights } = loadConvBertFixture('convbert-tiny');
const { vocabSize, maxPositionEmbeddings } = weights.config;
const model = buildConvBertOnnx(weights);
const cuda = await cudaAvailability();

async function inferenceErrorOf(promise: Promise<unknown>): Promise<InferenceError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(InferenceError);
    return e as InferenceError;
  }
  throw new Error('expected an InferenceError');
}

describe('OnnxConvBertSession', () => {
  let session: OnnxConvBertSession;
  beforeAll(async () => {
    session = await OnnxConvBertSession.create(model, { threads: 1 });
  });
  afterAll(async () => {
    await session.close();
  });

  it('reads the model sizes from its metadata and lists its outputs', () => {
    expect(session.vocabSize).toBe(vocabSize);
    expect(session.maxPositions).toBe(maxPositionEmbeddings);
    expect(session.typeVocabSize).toBe(weights.config.typeVocabSize);
    expect(session.executionProvider).toBe('cpu');
    expect(session.threads).toBe(1);
    expect([...session.outputNames].sort()).toEqual(['cls', 'last_hidden_state', 'mean_pooled']);
  });

  it('returns only the outputs asked for, with their dimensions', async () => {
    const out = await session.run(
      padTokenBatch(
        [
          [3, 7, 4],
          [3, 4],
        ],
        0,
      ),
      ['mean_pooled', 'cls'],
    );
    expect(Object.keys(out).sort()).toEqual(['cls', 'mean_pooled']);
    expect(out.cls!.dims).toEqual([2, weights.config.hiddenSize]);
    expect(out.cls!.data).toBeInstanceOf(Float32Array);
  });

  it('refuses an id at or beyond the vocabulary, naming row and position', async () => {
    const e = await inferenceErrorOf(
      session.run(
        padTokenBatch(
          [
            [3, 4],
            [3, 9, vocabSize, 4],
          ],
          0,
        ),
        ['cls'],
      ),
    );
    expect(e.message).toBe(
      `<bytes>: "input_ids": row 1: position 2: id ${vocabSize} is outside the vocabulary [0, ${vocabSize})`,
    );
    expect([e.input, e.row, e.position]).toEqual(['input_ids', 1, 2]);
  });

  it('refuses a negative id', async () => {
    const e = await inferenceErrorOf(session.run(padTokenBatch([[3, -1, 4]], 0), ['cls']));
    expect([e.row, e.position]).toEqual([0, 1]);
    expect(e.message).toMatch(/id -1 is outside the vocabulary/);
  });

  it('refuses a sequence longer than the position table', async () => {
    const long = Array.from({ length: maxPositionEmbeddings + 1 }, (_, i) => 5 + (i % 100));
    const e = await inferenceErrorOf(session.run(padTokenBatch([[3, 4], long], 0), ['cls']));
    expect(e.row).toBe(1);
    expect(e.message).toMatch(
      new RegExp(`${maxPositionEmbeddings + 1} tokens; the model has ${maxPositionEmbeddings} positions`),
    );
    // Exactly as long as the table is fine.
    await expect(session.run(padTokenBatch([long.slice(1)], 0), ['cls'])).resolves.toBeDefined();
  });

  it('refuses inconsistent shapes, bad masks and type ids, an empty batch and unknown outputs', async () => {
    const good = padTokenBatch(
      [
        [3, 7, 4],
        [3, 4],
      ],
      0,
    );
    const cases: [TokenBatch, RegExp][] = [
      [{ ...good, tokenTypeIds: new Int32Array(5) }, /"token_type_ids": 5 values for a 2 x 3 batch/],
      [{ ...good, attentionMask: Int32Array.of(1, 1, 1, 1, 0, 1) }, /row 1: position 2: token after padding/],
      [{ ...good, attentionMask: Int32Array.of(1, 1, 1, 0, 0, 0) }, /row 1: row has no token/],
      [{ ...good, attentionMask: Int32Array.of(1, 2, 1, 1, 1, 0) }, /row 0: position 1: mask value 2/],
      [
        { ...good, tokenTypeIds: Int32Array.of(0, 0, 2, 0, 0, 0) },
        /"token_type_ids": row 0: position 2: token type 2 is outside \[0, 2\)/,
      ],
      [padTokenBatch([], 0), /at least one row/],
    ];
    for (const [batch, message] of cases)
      expect((await inferenceErrorOf(session.run(batch, ['cls']))).message).toMatch(message);
    expect((await inferenceErrorOf(session.run(good, ['logits']))).message).toMatch(
      /"logits": unknown output \(available: /,
    );
  });

  it('loads a model from a path and names the file in its errors; refuses runs after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-session-'));
    try {
      const path = join(dir, 'encoder.onnx');
      writeFileSync(path, model);
      const fromFile = await OnnxConvBertSession.create(path, { threads: 2 });
      expect(fromFile.threads).toBe(2);
      const e = await inferenceErrorOf(fromFile.run(padTokenBatch([[3, vocabSize + 5]], 0), ['cls']));
      expect(e.message.startsWith(`${path}: `)).toBe(true);
      await fromFile.close();
      expect((await inferenceErrorOf(fromFile.run(padTokenBatch([[3, 4]], 0), ['cls']))).message).toMatch(/closed/);
      expect((await inferenceErrorOf(OnnxConvBertSession.create(join(dir, 'absent.onnx')))).message).toMatch(
        /absent\.onnx: cannot read the model file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks for the sizes when the model does not carry them, and refuses bytes that are not a model', async () => {
    const bare = buildMatMulOnnx(2, 2, 2);
    expect((await inferenceErrorOf(OnnxConvBertSession.create(bare))).message).toMatch(
      /no "convbert.vocab_size" metadata; pass options.vocabSize/,
    );
    expect((await inferenceErrorOf(OnnxConvBertSession.create(Uint8Array.of(0x0a, 0x05, 0x01)))).message).toMatch(
      /not an ONNX model/,
    );
    expect((await inferenceErrorOf(OnnxConvBertSession.create(model, { threads: 0 }))).message).toMatch(
      /threads must be a positive integer/,
    );
  });

  it.skipIf(cuda.available)(
    "refuses an explicit 'cuda' where CUDA is not installed, saying how to get it; 'auto' falls back to the CPU",
    async () => {
      const e = await inferenceErrorOf(OnnxConvBertSession.create(model, { executionProvider: 'cuda' }));
      expect(e.message).toMatch(/CUDA is unavailable: .*ONNXRUNTIME_NODE_INSTALL=cuda12/);
      const auto = await OnnxConvBertSession.create(model, { executionProvider: 'auto' });
      expect(auto.executionProvider).toBe('cpu');
      await auto.close();
    },
  );

  it("says what ONNX Runtime said when the install has CUDA but a session cannot use it; 'auto' then takes the CPU", async () => {
    // A check that says yes on a machine without CUDA: ONNX Runtime then refuses the CUDA session, as on a GPU image
    // started without a GPU.
    const cudaCheck = async () => ({ available: true, reason: 'stand-in' });
    const e = await inferenceErrorOf(OnnxConvBertSession.create(model, { executionProvider: 'cuda', cudaCheck }));
    expect(e.message).toMatch(
      /CUDA is unavailable: ONNX Runtime could not create a CUDA session \(.+\); check that a GPU/,
    );
    expect(e.message).toContain('--gpus all');
    const auto = await OnnxConvBertSession.create(model, { executionProvider: 'auto', cudaCheck });
    expect(auto.executionProvider).toBe('cpu');
    await auto.close();
  });
});
