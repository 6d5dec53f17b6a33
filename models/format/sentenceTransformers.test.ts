import { describe, expect, it } from 'vitest';
import { ModelFormatError } from './errors';
import {
  parseSentenceTransformersModules,
  readPoolingConfig,
  readSentenceBertConfig,
  SENTENCE_TRANSFORMERS_FILES,
  sentenceTransformersFiles,
} from './sentenceTransformers';

const transformer = (path = '') => ({ idx: 0, name: '0', path, type: 'sentence_transformers.models.Transformer' });
const pooling = (path = '1_Pooling') => ({ idx: 1, name: '1', path, type: 'sentence_transformers.models.Pooling' });

describe('sentence-transformers layout', () => {
  it('finds the Transformer and Pooling folders, and notes a Normalize module it does not reproduce', () => {
    expect(parseSentenceTransformersModules([transformer(), pooling()])).toEqual({
      transformerPath: '',
      poolingPath: '1_Pooling',
      warnings: [],
    });
    const old = parseSentenceTransformersModules([
      transformer('0_Transformer/'),
      pooling(),
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]);
    expect(old.transformerPath).toBe('0_Transformer');
    expect(old.warnings.join()).toMatch(/Normalize/);
  });

  it('refuses modules that change the vectors, a missing Transformer and paths leaving the folder', () => {
    const dense = { idx: 2, name: '2', path: '2_Dense', type: 'sentence_transformers.models.Dense' };
    expect(() => parseSentenceTransformersModules([transformer(), pooling(), dense])).toThrow(
      /module 2 \(sentence_transformers\.models\.Dense\) is not supported/,
    );
    expect(() => parseSentenceTransformersModules([pooling()])).toThrow(ModelFormatError);
    expect(() => parseSentenceTransformersModules([transformer('../up'), pooling()])).toThrow(
      /must be a folder inside the model/,
    );
    expect(() => parseSentenceTransformersModules({})).toThrow(/JSON array/);
  });

  it('maps cls_token and mean_tokens pooling, and names any other mode', () => {
    expect(
      readPoolingConfig(
        { word_embedding_dimension: 32, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false },
        'p.json',
        32,
      ),
    ).toBe('cls');
    expect(readPoolingConfig({ pooling_mode_mean_tokens: true }, 'p.json', 32)).toBe('mean');
    expect(() => readPoolingConfig({ pooling_mode_max_tokens: true }, '1_Pooling/config.json', 32)).toThrow(
      /1_Pooling\/config\.json: field "pooling_mode_max_tokens": pooling mode "max_tokens" is not supported/,
    );
    expect(() =>
      readPoolingConfig({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: true }, 'p.json', 32),
    ).toThrow(/several pooling modes/);
    expect(() => readPoolingConfig({ pooling_mode_cls_token: false }, 'p.json', 32)).toThrow(/no pooling_mode_\* flag/);
    expect(() =>
      readPoolingConfig({ word_embedding_dimension: 768, pooling_mode_cls_token: true }, 'p.json', 32),
    ).toThrow(/hidden_size 32/);
  });

  it('reads max_seq_length and do_lower_case', () => {
    expect(readSentenceBertConfig({ max_seq_length: 128, do_lower_case: false }, 's.json')).toEqual({
      maxSeqLength: 128,
      doLowerCase: false,
    });
    expect(readSentenceBertConfig({}, 's.json')).toEqual({ maxSeqLength: null, doLowerCase: false });
    expect(() => readSentenceBertConfig({ max_seq_length: '128' }, 's.json')).toThrow(/field "max_seq_length"/);
  });

  it('writes files the readers read back to the same pooling and max_seq_length, one pooling flag on', () => {
    for (const pooling of ['cls', 'mean'] as const) {
      const files = sentenceTransformersFiles({ pooling, hiddenSize: 256, maxTokens: 96 });
      const { modules, pooling: poolingFile, sentenceBert } = SENTENCE_TRANSFORMERS_FILES;
      expect(Object.keys(files).sort()).toEqual([poolingFile, modules, sentenceBert]);
      expect(parseSentenceTransformersModules(files[modules])).toEqual({
        transformerPath: '',
        poolingPath: '1_Pooling',
        warnings: [],
      });
      expect(readPoolingConfig(files[poolingFile], poolingFile, 256)).toBe(pooling);
      const flags = Object.entries(files[poolingFile] as object).filter(([k, v]) => k.startsWith('pooling_mode_') && v);
      expect(flags).toHaveLength(1);
      expect(readSentenceBertConfig(files[sentenceBert], sentenceBert)).toEqual({
        maxSeqLength: 96,
        doLowerCase: false,
      });
    }
  });
});
