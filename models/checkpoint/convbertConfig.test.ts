import { describe, expect, it } from 'vitest';
import { readConvBertConfig } from './convbertConfig';
import { fixtureJson } from './testing/fixtures';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

const tiny = () => fixtureJson('convbert-tiny', 'config.json') as Record<string, unknown>;

describe('readConvBertConfig', () => {
  it('reads the tiny fixture config and derives the attention sizes', () => {
    const c = readConvBertConfig(tiny(), 'config.json');
    expect(c).toMatchObject({
      vocabSize: 120,
      hiddenSize: 32,
      embeddingSize: 16,
      numHiddenLayers: 2,
      numAttentionHeads: 4,
      headRatio: 2,
      convKernelSize: 9,
      numGroups: 1,
      intermediateSize: 64,
      maxPositionEmbeddings: 64,
      typeVocabSize: 2,
      hiddenAct: 'gelu',
      layerNormEps: 1e-12,
      padTokenId: 0,
      architectures: ['ConvBertForMaskedLM'],
    });
    expect(c.derived).toEqual({
      attentionHeads: 2,
      headRatio: 2,
      attentionHeadSize: 8,
      allHeadSize: 16,
      convKernelOutputs: 18,
      hasEmbeddingsProject: true,
    });
  });

  it('reads num_groups from the groups2 fixture', () => {
    expect(readConvBertConfig(fixtureJson('convbert-tiny-groups2', 'config.json')).numGroups).toBe(2);
  });

  it("fills missing fields with HF ConvBertConfig's defaults", () => {
    const c = readConvBertConfig({ model_type: 'convbert' });
    expect(c).toMatchObject({
      vocabSize: 30522,
      hiddenSize: 768,
      embeddingSize: 768,
      numHiddenLayers: 12,
      padTokenId: 1,
      hiddenAct: 'gelu',
      numGroups: 1,
    });
    expect(c.derived).toMatchObject({
      attentionHeads: 6,
      attentionHeadSize: 64,
      allHeadSize: 384,
      convKernelOutputs: 54,
      hasEmbeddingsProject: false,
    });
  });

  it('falls back to one attention head when head_ratio exceeds the heads, as HF does', () => {
    const c = readConvBertConfig({ ...tiny(), num_attention_heads: 1, head_ratio: 2 });
    expect(c.derived).toMatchObject({ attentionHeads: 1, headRatio: 1, attentionHeadSize: 16, allHeadSize: 16 });
  });

  it('refuses another architecture, naming the file and model_type', () => {
    const e = checkpointErrorOf(() => readConvBertConfig({ ...tiny(), model_type: 'bert' }, 'models/x/config.json'));
    expect(e.message).toMatch(
      /^models\/x\/config\.json: field "model_type": invalid ConvBERT config: model_type: must be "convbert", got "bert"/,
    );
    expect(e.field).toBe('model_type');
    const { model_type: _drop, ...untyped } = tiny();
    expect(checkpointErrorOf(() => readConvBertConfig(untyped, 'config.json')).field).toBe('model_type');
  });

  it('refuses bad values, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ hidden_size: '32' }, 'hidden_size'],
      [{ vocab_size: 0 }, 'vocab_size'],
      [{ num_hidden_layers: 1.5 }, 'num_hidden_layers'],
      [{ layer_norm_eps: -1 }, 'layer_norm_eps'],
      [{ hidden_act: 'magic' }, 'hidden_act'],
      [{ num_groups: 3 }, 'num_groups'],
      [{ intermediate_size: 63, num_groups: 2 }, 'num_groups'],
      [{ hidden_size: 30, num_attention_heads: 8 }, 'hidden_size'],
      [{ pad_token_id: 120 }, 'pad_token_id'],
    ];
    for (const [patch, field] of cases) {
      const e = checkpointErrorOf(() => readConvBertConfig({ ...tiny(), ...patch }, 'config.json'));
      expect(e.field, JSON.stringify(patch)).toBe(field);
      expect(e.message).toMatch(new RegExp(`^config\\.json: field "${field}": `));
    }
    expect(checkpointErrorOf(() => readConvBertConfig([1], 'config.json')).message).toMatch(/not a JSON object/);
  });

  it('accepts a null pad_token_id', () => {
    expect(readConvBertConfig({ ...tiny(), pad_token_id: null }).padTokenId).toBeNull();
  });
});
