import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  CheckpointError,
  loadHfConvBertCheckpoint,
  type ConvBertConfig,
  type HfConvBertCheckpoint,
} from '../checkpoint';
import type { Pooling } from '../convbert';
import { ModelFormatError } from './errors';
import { MODEL_NAME_PATTERN, type ModelManifest, type ModelSource, type TextPreprocess } from './ModelManifest';
import { parseModelTokenizer } from './modelTokenizer';
import {
  parseSentenceTransformersModules,
  readPoolingConfig,
  readSentenceBertConfig,
  type SentenceTransformersLayout,
} from './sentenceTransformers';
import { checkMaxTokens, defaultMaxTokens } from './maxTokens';
import { writeModelDir } from './writeModelDir';

/** Options of {@link importHfModel}. */
export interface ImportHfModelOptions {
  /** Default: the hub repo's name, else the folder's base name (characters a name cannot hold become `-`). */
  name?: string;
  /** Default `'1'`. */
  version?: string;
  /** Overrides what the folder says (sentence-transformers Pooling); default `cls`, the Twitch SimCSE model's. */
  pooling?: Pooling;
  /** A `tokenizer.json` to use, whether or not the folder has one. */
  tokenizerFile?: string;
  /** Overrides `sentence_bert_config.json`'s `max_seq_length`; default min(128, max_position_embeddings). */
  maxTokens?: number;
  /** Default `chat`: mentions and URLs become `<mention>` / `<url>`, as the Twitch model was trained. */
  preprocess?: TextPreprocess;
  /** Replace an existing model directory at `outDir`. */
  overwrite?: boolean;
  /** What the manifest records as the origin; default `{ kind: 'huggingface-dir', ref: <folder base name> }`. */
  source?: ModelSource;
  notes?: string;
}

/** A setting and where it came from, for the import report. */
export interface Provenance<T> {
  value: T;
  /** E.g. `option`, `1_Pooling/config.json`, `default`. */
  from: string;
}

/** What {@link importHfModel} read and wrote. */
export interface HfImportReport {
  dir: string;
  manifest: ModelManifest;
  layout: 'transformers' | 'sentence-transformers';
  /** The weights file read, relative to the source folder. */
  weightsFile: string;
  weightsKind: HfConvBertCheckpoint['source'];
  config: ConvBertConfig;
  encoderTensors: number;
  /** Tensors of the MLM head; 0 for an encoder-only checkpoint. */
  mlmHeadTensors: number;
  pooling: Provenance<Pooling>;
  maxTokens: Provenance<number>;
  /** The tokenizer used (a path relative to the source folder, or the `tokenizerFile` given), or null. */
  tokenizer: { file: string; vocabSize: number } | null;
  /** Things the user should know: ignored modules, lowercasing the model expected... */
  warnings: string[];
}

/**
 * Converts a HuggingFace ConvBERT folder into a model directory ({@link writeModelDir}). Reads `config.json` plus
 * `model.safetensors` or `pytorch_model.bin` (with or without the `convbert.` prefix, MLM head kept when present).
 * A sentence-transformers folder (`modules.json`) is followed: the Transformer module's folder holds the model,
 * the Pooling module's `config.json` sets the pooling, `sentence_bert_config.json` sets `maxTokens`. A folder
 * without `tokenizer.json` (and no `tokenizerFile`) gives an ids-only model (`tokenizer: null`). Everything is
 * checked before anything is written; a failed import leaves no `outDir`.
 *
 * @param sourceDir the HF folder
 * @param outDir the model directory to create
 * @throws ModelFormatError naming the source file and field (checkpoint and tokenizer errors are wrapped, with
 *   the original as `cause`)
 * @example
 * const report = importHfModel('downloads/conv-bert-small', 'models/twitch', { name: 'twitch', tokenizerFile: 'tokenizer.json' });
 * report.manifest.pooling; // 'cls'
 */
export function importHfModel(sourceDir: string, outDir: string, options: ImportHfModelOptions = {}): HfImportReport {
  const root = resolve(sourceDir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new ModelFormatError('not found or not a directory', { dir: sourceDir });
  const source = options.source ?? { kind: 'huggingface-dir' as const, ref: basename(root) };
  // Files are named in errors from what the user gave: the folder as typed, or the hub repo (not our temp folder).
  const src: SourceFiles = {
    root,
    shown: (file) => `${source.kind === 'huggingface-hub' ? source.ref : sourceDir}/${file}`,
    rel: (file) => file,
  };
  const warnings: string[] = [];
  const layout = readLayout(src, warnings);
  const modelFolder = layout === null ? root : join(root, layout.transformerPath);
  if (layout !== null && layout.transformerPath !== '') src.rel = (file) => `${layout.transformerPath}/${file}`;

  const checkpoint = readCheckpoint(layout === null ? sourceDir : join(sourceDir, layout.transformerPath));
  const { config } = checkpoint;
  const hfConfig = readJson(join(modelFolder, 'config.json'), src.shown(src.rel('config.json'))) as Record<
    string,
    unknown
  >;

  const pooling = choosePooling(src, layout, config, options.pooling);
  const maxTokens = chooseMaxTokens(src, modelFolder, config, options.maxTokens, warnings);
  const { tokenizer, tokenizerBytes } = readTokenizer(src, modelFolder, config, options.tokenizerFile);

  const name = options.name ?? defaultModelName(source);
  const written = writeModelDir(
    outDir,
    {
      name,
      version: options.version ?? '1',
      source,
      weights: { config, encoder: checkpoint.encoder, mlmHead: checkpoint.mlmHead },
      hfConfig,
      pooling: pooling.value,
      maxTokens: maxTokens.value,
      tokenizer: tokenizerBytes === null ? null : { json: tokenizerBytes, preprocess: options.preprocess ?? 'chat' },
      ...(options.notes !== undefined ? { notes: options.notes } : {}),
    },
    { overwrite: options.overwrite },
  );
  return {
    dir: written.dir,
    manifest: written.manifest,
    layout: layout === null ? 'transformers' : 'sentence-transformers',
    weightsFile: src.rel(checkpoint.source === 'safetensors' ? 'model.safetensors' : 'pytorch_model.bin'),
    weightsKind: checkpoint.source,
    config,
    encoderTensors: checkpoint.encoder.size,
    mlmHeadTensors: checkpoint.mlmHead?.size ?? 0,
    pooling,
    maxTokens,
    tokenizer,
    warnings: [...warnings, ...(layout?.warnings ?? [])],
  };
}

/** The source folder, and how its files are named in the report (`rel`) and in errors (`shown`). */
interface SourceFiles {
  root: string;
  /** Path of a file of the Transformer module, relative to the source folder. */
  rel: (file: string) => string;
  /** A relative path as shown in error messages. */
  shown: (relative: string) => string;
}

/** The Transformer module's `tokenizer.json`, else the root's, unless a file is given; checked against the model. */
function readTokenizer(src: SourceFiles, modelFolder: string, config: ConvBertConfig, given: string | undefined) {
  const candidates = [
    { path: join(modelFolder, 'tokenizer.json'), file: src.rel('tokenizer.json') },
    { path: join(src.root, 'tokenizer.json'), file: 'tokenizer.json' },
  ];
  const found = given !== undefined ? { path: given, file: given } : candidates.find((c) => existsSync(c.path));
  if (found === undefined) return { tokenizer: null, tokenizerBytes: null };
  const shown = given !== undefined ? given : src.shown(found.file);
  if (!existsSync(found.path) || !statSync(found.path).isFile())
    throw new ModelFormatError('tokenizer file not found', { file: shown });
  const tokenizerBytes = new Uint8Array(readFileSync(found.path));
  const parsed = parseModelTokenizer(tokenizerBytes, config, { file: shown });
  return { tokenizer: { file: found.file, vocabSize: parsed.vocabSize }, tokenizerBytes };
}

/** A hub repo's name or a folder's base name, made into a valid model name. */
function defaultModelName(source: ModelSource): string {
  const last = source.ref.split('/').pop() ?? '';
  const cleaned = last
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return MODEL_NAME_PATTERN.test(cleaned) ? cleaned : 'model';
}

function readLayout(src: SourceFiles, warnings: string[]): SentenceTransformersLayout | null {
  const modulesPath = join(src.root, 'modules.json');
  if (!existsSync(modulesPath)) return null;
  const file = src.shown('modules.json');
  const layout = parseSentenceTransformersModules(readJson(modulesPath, file), file);
  const folder = join(src.root, layout.transformerPath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ModelFormatError(`the Transformer module's folder "${layout.transformerPath}" is missing`, { file });
  }
  if (layout.poolingPath === null)
    warnings.push('modules.json has no Pooling module: pooling comes from the option or the default');
  return layout;
}

function readCheckpoint(folder: string): HfConvBertCheckpoint {
  try {
    return loadHfConvBertCheckpoint(folder);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    const hint = error.field === 'model_type' ? ' (wrong architecture: only ConvBERT models can be imported)' : '';
    throw new ModelFormatError(`cannot read the HF checkpoint${hint}: ${error.message}`, { cause: error });
  }
}

function choosePooling(
  src: SourceFiles,
  layout: SentenceTransformersLayout | null,
  config: ConvBertConfig,
  option: Pooling | undefined,
): Provenance<Pooling> {
  if (option !== undefined) return { value: option, from: 'option' };
  if (layout?.poolingPath != null) {
    const file = layout.poolingPath === '' ? 'config.json' : `${layout.poolingPath}/config.json`;
    const path = join(src.root, file);
    const shown = src.shown(file);
    if (!existsSync(path))
      throw new ModelFormatError('missing: modules.json lists a Pooling module there', { file: shown });
    return { value: readPoolingConfig(readJson(path, shown), shown, config.hiddenSize), from: file };
  }
  return { value: 'cls', from: 'default' };
}

function chooseMaxTokens(
  src: SourceFiles,
  folder: string,
  config: ConvBertConfig,
  option: number | undefined,
  warnings: string[],
): Provenance<number> {
  let chosen: Provenance<number> = { value: defaultMaxTokens(config), from: 'default' };
  const stPath = join(folder, 'sentence_bert_config.json');
  if (existsSync(stPath)) {
    const file = src.rel('sentence_bert_config.json');
    const shown = src.shown(file);
    const st = readSentenceBertConfig(readJson(stPath, shown), shown);
    if (st.doLowerCase)
      warnings.push(`${file}: do_lower_case is true, but texts are not lowercased here (emotes are case-sensitive)`);
    if (st.maxSeqLength !== null) {
      chosen = { value: st.maxSeqLength, from: file };
      if (option === undefined) checkMaxTokens(st.maxSeqLength, config, 'max_seq_length', { file: shown });
    }
  }
  if (option !== undefined) {
    checkMaxTokens(option, config, 'maxTokens');
    chosen = { value: option, from: 'option' };
  }
  return chosen;
}

function readJson(path: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ModelFormatError(`not valid JSON (${(cause as Error).message})`, { file: label, cause });
  }
}
