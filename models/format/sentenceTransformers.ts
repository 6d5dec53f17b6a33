import type { Pooling } from '../convbert';
import { ModelFormatError } from './errors';

/*
 * sentence-transformers saves a model as a pipeline of modules: `modules.json` lists them in order, each with the
 * folder (`path`) holding its files. An encoder export is Transformer (config.json, weights, tokenizer; usually in
 * the root, path "") -> Pooling (`1_Pooling/config.json`) -> optionally Normalize.
 */

/** Where the pieces of a sentence-transformers model are. */
export interface SentenceTransformersLayout {
  /** Folder of the Transformer module, relative to the model root (`''` for the root itself). */
  transformerPath: string;
  /** Folder of the Pooling module, or null when the pipeline has none. */
  poolingPath: string | null;
  /** Modules accepted but not reproduced (Normalize), said so to the user. */
  warnings: string[];
}

/** sentence-transformers `pooling_mode_*` flags -> our pooling; the others are refused by name. */
const SUPPORTED_POOLING_FLAGS: Readonly<Record<string, Pooling>> = {
  pooling_mode_cls_token: 'cls',
  pooling_mode_mean_tokens: 'mean',
};

/**
 * Reads `modules.json`. Accepts Transformer, then Pooling, then Normalize (noted in `warnings`: our vectors are
 * not L2-normalised, which cosine-based clustering does not mind); refuses any other module (Dense, LayerNorm...)
 * since it would change the vectors, and paths that leave the model folder.
 *
 * @param file name for error messages
 * @throws ModelFormatError naming the file and the module
 * @example
 * parseSentenceTransformersModules([{ idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
 *   { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' }], 'modules.json');
 * // { transformerPath: '', poolingPath: '1_Pooling', warnings: [] }
 */
export function parseSentenceTransformersModules(json: unknown, file = 'modules.json'): SentenceTransformersLayout {
  if (!Array.isArray(json)) throw new ModelFormatError('expected a JSON array of modules', { file });
  let transformerPath: string | null = null;
  let poolingPath: string | null = null;
  const warnings: string[] = [];
  json.forEach((module: unknown, i) => {
    const field = `[${i}]`;
    if (module === null || typeof module !== 'object')
      throw new ModelFormatError('expected an object', { file, field });
    const { type, path } = module as Record<string, unknown>;
    if (typeof type !== 'string') throw new ModelFormatError('missing "type"', { file, field: `${field}.type` });
    const kind = type.slice(type.lastIndexOf('.') + 1);
    const folder = typeof path === 'string' ? path.replace(/\/+$/, '') : null;
    if (
      folder === null ||
      folder.startsWith('/') ||
      folder.includes('\\') ||
      folder.split('/').some((seg) => seg === '..' || seg === '.')
    ) {
      throw new ModelFormatError(`module path ${JSON.stringify(path)} must be a folder inside the model`, {
        file,
        field: `${field}.path`,
      });
    }
    if (kind === 'Transformer' && transformerPath === null && i === 0) transformerPath = folder;
    else if (kind === 'Pooling' && poolingPath === null && transformerPath !== null) poolingPath = folder;
    else if (kind === 'Normalize' && transformerPath !== null)
      warnings.push(`${file}: the Normalize module is not reproduced: vectors are not L2-normalised`);
    else {
      throw new ModelFormatError(
        `module ${i} (${type}) is not supported: only Transformer, then Pooling and Normalize, can be imported`,
        {
          file,
          field: `${field}.type`,
        },
      );
    }
  });
  if (transformerPath === null) throw new ModelFormatError('no Transformer module', { file });
  return { transformerPath, poolingPath, warnings };
}

/**
 * Reads a Pooling module's `config.json`: exactly one mode must be on, `pooling_mode_cls_token` (-> cls) or
 * `pooling_mode_mean_tokens` (-> mean). When `word_embedding_dimension` is given it must equal the model's hidden
 * size.
 *
 * @throws ModelFormatError naming the file and the unsupported mode(s)
 * @example
 * readPoolingConfig({ word_embedding_dimension: 256, pooling_mode_cls_token: true }, '1_Pooling/config.json', 256); // 'cls'
 */
export function readPoolingConfig(json: unknown, file: string, hiddenSize: number): Pooling {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ModelFormatError('expected a JSON object', { file });
  const config = json as Record<string, unknown>;
  const on = Object.keys(config).filter((key) => key.startsWith('pooling_mode_') && config[key] === true);
  if (on.length === 0) throw new ModelFormatError('no pooling_mode_* flag is true: cannot tell the pooling', { file });
  if (on.length > 1)
    throw new ModelFormatError(
      `several pooling modes at once (${on.join(' + ')}) are not supported: only one of cls_token or mean_tokens`,
      { file, field: on[1]! },
    );
  const mode = on[0]!;
  const pooling = SUPPORTED_POOLING_FLAGS[mode];
  if (pooling === undefined) {
    throw new ModelFormatError(
      `pooling mode "${mode.slice('pooling_mode_'.length)}" is not supported: only cls_token (cls) and mean_tokens (mean)`,
      { file, field: mode },
    );
  }
  const dim = config.word_embedding_dimension;
  if (dim !== undefined && dim !== hiddenSize) {
    throw new ModelFormatError(`${JSON.stringify(dim)} differs from the model's hidden_size ${hiddenSize}`, {
      file,
      field: 'word_embedding_dimension',
    });
  }
  return pooling;
}

/** What `sentence_bert_config.json` says about inputs. */
export interface SentenceBertConfig {
  /** Truncation length including special tokens, when set. */
  maxSeqLength: number | null;
  doLowerCase: boolean;
}

/**
 * Reads `sentence_bert_config.json` (`max_seq_length`, `do_lower_case`).
 * @throws ModelFormatError naming the field when it has the wrong type
 */
export function readSentenceBertConfig(json: unknown, file: string): SentenceBertConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ModelFormatError('expected a JSON object', { file });
  const { max_seq_length: max, do_lower_case: lower } = json as Record<string, unknown>;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1)) {
    throw new ModelFormatError(`${JSON.stringify(max)} is not a positive integer`, { file, field: 'max_seq_length' });
  }
  if (lower !== undefined && typeof lower !== 'boolean')
    throw new ModelFormatError(`${JSON.stringify(lower)} is not a boolean`, { file, field: 'do_lower_case' });
  return { maxSeqLength: typeof max === 'number' ? max : null, doLowerCase: lower === true };
}

/** Where sentence-transformers looks for its files in a model saved with the Transformer module at the root. */
export const SENTENCE_TRANSFORMERS_FILES = {
  modules: 'modules.json',
  pooling: '1_Pooling/config.json',
  sentenceBert: 'sentence_bert_config.json',
} as const;

/** The `pooling_mode_*` flags sentence-transformers' Pooling module writes, all of them, so none is left to a default. */
const POOLING_FLAGS = [
  'pooling_mode_cls_token',
  'pooling_mode_mean_tokens',
  'pooling_mode_max_tokens',
  'pooling_mode_mean_sqrt_len_tokens',
  'pooling_mode_weightedmean_tokens',
  'pooling_mode_lasttoken',
] as const;

/**
 * The sentence-transformers description of a model whose HF files sit at the root: `modules.json` (Transformer,
 * then Pooling in `1_Pooling`), the Pooling module's `config.json` with exactly our pooling's flag on, and
 * `sentence_bert_config.json` with our truncation length. The inverse of the readers above: reading these back
 * gives the same pooling and `max_seq_length`.
 *
 * @param model the pooling, hidden size and truncation length (special tokens included) to describe
 * @returns file path (relative to the model root, as in {@link SENTENCE_TRANSFORMERS_FILES}) -> JSON
 * @example
 * const files = sentenceTransformersFiles({ pooling: 'cls', hiddenSize: 256, maxTokens: 128 });
 * files['1_Pooling/config.json']; // { word_embedding_dimension: 256, pooling_mode_cls_token: true, ... }
 */
export function sentenceTransformersFiles(model: {
  pooling: Pooling;
  hiddenSize: number;
  maxTokens: number;
}): Record<string, unknown> {
  const on = Object.entries(SUPPORTED_POOLING_FLAGS).find(([, pooling]) => pooling === model.pooling)![0];
  const pooling: Record<string, unknown> = { word_embedding_dimension: model.hiddenSize };
  for (const flag of POOLING_FLAGS) pooling[flag] = flag === on;
  pooling.include_prompt = true;
  return {
    [SENTENCE_TRANSFORMERS_FILES.modules]: [
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    ],
    [SENTENCE_TRANSFORMERS_FILES.pooling]: pooling,
    [SENTENCE_TRANSFORMERS_FILES.sentenceBert]: { max_seq_length: model.maxTokens, do_lower_case: false },
  };
}
