import { describe, expect, it } from 'vitest';
import { readConvBertConfig } from './convbertConfig';
import { readSafetensors } from './safetensors';
import type { Tensor } from './Tensor';
import { CONVBERT_FIXTURES, fixtureBytes, fixtureJson } from './testing/fixtures';
import {
  expectedConvBertWeights,
  hfConvBertWeightName,
  normaliseConvBertWeightName,
  reportConvBertWeights,
  selectConvBertWeights,
} from './weightNames';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

const config = (folder: (typeof CONVBERT_FIXTURES)[number]) => readConvBertConfig(fixtureJson(folder, 'config.json'));

describe('expectedConvBertWeights', () => {
  it.each(CONVBERT_FIXTURES)(
    '%s: names and shapes equal the safetensors fixture (53 encoder + 5 MLM head)',
    (folder) => {
      const c = config(folder);
      expect(expectedConvBertWeights(c)).toHaveLength(53);
      const expected = expectedConvBertWeights(c, { mlmHead: true });
      expect(expected).toHaveLength(58);
      const stored = readSafetensors(fixtureBytes(folder, 'model.safetensors'));
      const actual = [...stored.values()].map((t) => ({
        name: t.name.replace(/^convbert\./, ''),
        shape: [...t.shape],
      }));
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect([...expected].sort(byName)).toEqual(actual.sort(byName));
    },
  );

  it('gives the grouped feed-forward shapes for num_groups 2', () => {
    const shapes = new Map(expectedConvBertWeights(config('convbert-tiny-groups2')).map((w) => [w.name, w.shape]));
    expect(shapes.get('encoder.layer.1.intermediate.dense.weight')).toEqual([2, 16, 32]);
    expect(shapes.get('encoder.layer.1.intermediate.dense.bias')).toEqual([64]);
    expect(shapes.get('encoder.layer.1.output.dense.weight')).toEqual([2, 32, 16]);
    expect(shapes.get('encoder.layer.1.output.dense.bias')).toEqual([32]);
    const plain = new Map(expectedConvBertWeights(config('convbert-tiny')).map((w) => [w.name, w.shape]));
    expect(plain.get('encoder.layer.1.intermediate.dense.weight')).toEqual([64, 32]);
    expect(plain.get('encoder.layer.1.output.dense.weight')).toEqual([32, 64]);
  });

  it('has no embeddings_project when embedding_size equals hidden_size', () => {
    const c = readConvBertConfig({ ...(fixtureJson('convbert-tiny', 'config.json') as object), embedding_size: 32 });
    expect(expectedConvBertWeights(c).some((w) => w.name.startsWith('embeddings_project.'))).toBe(false);
  });
});

describe('normaliseConvBertWeightName', () => {
  it('strips the convbert. prefix, sorts the MLM head apart and skips position_ids', () => {
    expect(normaliseConvBertWeightName('convbert.encoder.layer.0.output.dense.bias')).toEqual({
      kind: 'encoder',
      name: 'encoder.layer.0.output.dense.bias',
    });
    expect(normaliseConvBertWeightName('embeddings.word_embeddings.weight')).toEqual({
      kind: 'encoder',
      name: 'embeddings.word_embeddings.weight',
    });
    expect(normaliseConvBertWeightName('convbert.embeddings_project.weight')).toEqual({
      kind: 'encoder',
      name: 'embeddings_project.weight',
    });
    expect(normaliseConvBertWeightName('generator_predictions.dense.weight')).toEqual({
      kind: 'mlmHead',
      name: 'generator_predictions.dense.weight',
    });
    expect(normaliseConvBertWeightName('generator_lm_head.bias')).toEqual({
      kind: 'mlmHead',
      name: 'generator_lm_head.bias',
    });
    expect(normaliseConvBertWeightName('embeddings.position_ids')).toEqual({
      kind: 'skipped',
      name: 'embeddings.position_ids',
    });
    expect(normaliseConvBertWeightName('convbert.embeddings.position_ids')).toEqual({
      kind: 'skipped',
      name: 'embeddings.position_ids',
    });
    expect(normaliseConvBertWeightName('classifier.dense.weight')).toEqual({
      kind: 'unexpected',
      name: 'classifier.dense.weight',
    });
    expect(normaliseConvBertWeightName('bert.encoder.layer.0.output.dense.bias').kind).toBe('unexpected');
  });
});

describe('hfConvBertWeightName', () => {
  it('gives back the names HF stored in the ConvBertForMaskedLM fixture, and bare names for a ConvBertModel', () => {
    const stored = [...readSafetensors(fixtureBytes('convbert-tiny', 'model.safetensors')).keys()];
    const normalised = stored.map((name) => normaliseConvBertWeightName(name).name);
    expect(normalised.map((name) => hfConvBertWeightName(name, 'ConvBertForMaskedLM'))).toEqual(stored);
    const encoder = expectedConvBertWeights(config('convbert-tiny')).map((w) => w.name);
    expect(encoder.map((name) => hfConvBertWeightName(name, 'ConvBertModel'))).toEqual(encoder);
  });

  it('refuses an MLM head weight in a ConvBertModel and names that are not normalised', () => {
    const head = checkpointErrorOf(() => hfConvBertWeightName('generator_lm_head.bias', 'ConvBertModel', 'out.st'));
    expect(head.message).toMatch(/^out\.st.*generator_lm_head\.bias.*no place in a ConvBertModel/);
    expect(head.tensor).toBe('generator_lm_head.bias');
    for (const name of ['convbert.embeddings.LayerNorm.bias', 'classifier.dense.weight', 'embeddings.position_ids'])
      expect(() => hfConvBertWeightName(name, 'ConvBertForMaskedLM')).toThrow(/not a normalised ConvBERT weight/);
  });
});

describe('reportConvBertWeights / selectConvBertWeights', () => {
  const c = config('convbert-tiny');
  const stored = () => readSafetensors(fixtureBytes('convbert-tiny', 'model.safetensors'));

  it('splits the fixture into 53 encoder tensors (module order, normalised names) and a 5-tensor MLM head', () => {
    const r = reportConvBertWeights(stored(), c);
    expect(r).toMatchObject({
      skipped: [],
      unexpected: [],
      missing: [],
      wrongShape: [],
      wrongDtype: [],
      duplicates: [],
    });
    expect([...r.encoder.keys()]).toEqual(expectedConvBertWeights(c).map((w) => w.name));
    expect(r.encoder.get('embeddings.word_embeddings.weight')!.name).toBe('embeddings.word_embeddings.weight');
    expect([...r.mlmHead!.keys()]).toEqual([
      'generator_predictions.dense.weight',
      'generator_predictions.dense.bias',
      'generator_predictions.LayerNorm.weight',
      'generator_predictions.LayerNorm.bias',
      'generator_lm_head.bias',
    ]);
  });

  it('accepts a stored (untied) generator_lm_head.weight', () => {
    const t = stored();
    t.set('generator_lm_head.weight', {
      name: 'generator_lm_head.weight',
      dtype: 'float32',
      shape: [120, 16],
      data: new Float32Array(120 * 16),
    });
    expect(selectConvBertWeights(t, c).mlmHead!.has('generator_lm_head.weight')).toBe(true);
  });

  it('reports missing, unexpected, wrongly shaped, non-float and duplicate names', () => {
    const t = stored();
    t.delete('convbert.encoder.layer.1.output.LayerNorm.bias');
    t.delete('generator_predictions.dense.bias');
    t.set('classifier.weight', { name: 'classifier.weight', dtype: 'float32', shape: [1], data: new Float32Array(1) });
    t.set('convbert.encoder.layer.0.attention.self.key.bias', {
      name: 'convbert.encoder.layer.0.attention.self.key.bias',
      dtype: 'float32',
      shape: [32],
      data: new Float32Array(32),
    });
    t.set('convbert.embeddings.LayerNorm.bias', {
      name: 'convbert.embeddings.LayerNorm.bias',
      dtype: 'int32',
      shape: [16],
      data: new Int32Array(16),
    });
    t.set('embeddings.LayerNorm.weight', t.get('convbert.embeddings.LayerNorm.weight')!);
    const r = reportConvBertWeights(t, c);
    expect(r.missing).toEqual(['encoder.layer.1.output.LayerNorm.bias', 'generator_predictions.dense.bias']);
    expect(r.unexpected).toEqual(['classifier.weight']);
    expect(r.wrongShape).toEqual([
      { name: 'convbert.encoder.layer.0.attention.self.key.bias', shape: [32], expected: [16] },
    ]);
    expect(r.wrongDtype).toEqual([{ name: 'convbert.embeddings.LayerNorm.bias', dtype: 'int32' }]);
    expect(r.duplicates).toEqual(['embeddings.LayerNorm.weight']);
  });

  it('throws naming the file and the tensor', () => {
    const missing = stored();
    missing.delete('convbert.encoder.layer.1.output.LayerNorm.bias');
    const e = checkpointErrorOf(() => selectConvBertWeights(missing, c, 'model.safetensors'));
    expect(e.message).toMatch(
      /^model\.safetensors: tensor "encoder\.layer\.1\.output\.LayerNorm\.bias": missing weights: encoder\.layer\.1\.output\.LayerNorm\.bias/,
    );

    const shaped = readSafetensors(fixtureBytes('convbert-tiny', 'model.safetensors'));
    const groups2 = config('convbert-tiny-groups2');
    const s = checkpointErrorOf(() => selectConvBertWeights(shaped, groups2, 'model.safetensors'));
    expect(s.tensor).toBe('convbert.encoder.layer.0.intermediate.dense.weight');
    expect(s.message).toMatch(
      /wrong shape for the config: convbert\.encoder\.layer\.0\.intermediate\.dense\.weight is \[64, 32\], expected \[2, 16, 32\]/,
    );

    const extra = stored();
    extra.set('classifier.weight', {
      name: 'classifier.weight',
      dtype: 'float32',
      shape: [1],
      data: new Float32Array(1),
    });
    expect(checkpointErrorOf(() => selectConvBertWeights(extra, c, 'm')).message).toMatch(
      /^m: tensor "classifier\.weight": unexpected tensors/,
    );
    expect(selectConvBertWeights(extra, c, 'm', { allowUnexpected: true }).encoder.size).toBe(53);

    const headOnly = new Map<string, Tensor>([...stored()].filter(([n]) => n.startsWith('generator_')));
    expect(checkpointErrorOf(() => selectConvBertWeights(headOnly, c, 'm')).message).toMatch(
      /missing weights: embeddings\.word_embeddings\.weight, .* and 45 more \(53 of those/,
    );
  });
});
