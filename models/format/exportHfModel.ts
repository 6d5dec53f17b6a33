import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hfConvBertWeightName, writeSafetensors, type HfConvBertLayout, type Tensor } from '../checkpoint';
import type { Pooling } from '../convbert';
import { ModelFormatError } from './errors';
import { HF_TOKENIZER_FILES, hfTokenizerConfig } from './hfTokenizerConfig';
import { loadModelDir } from './loadModelDir';
import { MODEL_FILES } from './ModelManifest';
import { publishDir, writeFileDurably } from './publishDir';
import { readModelWeights } from './readModelWeights';
import { sentenceTransformersFiles } from './sentenceTransformers';

/** The files of a HuggingFace model folder that {@link exportHfModel} writes besides the sentence-transformers ones. */
export const HF_MODEL_FILES = {
  config: 'config.json',
  weights: 'model.safetensors',
  tokenizer: 'tokenizer.json',
  tokenizerConfig: HF_TOKENIZER_FILES.config,
  specialTokensMap: HF_TOKENIZER_FILES.specialTokensMap,
} as const;

/** Options of {@link exportHfModel}. */
export interface ExportHfModelOptions {
  /** Replace a non-empty `outDir`; even then only a previous export (a folder holding `config.json`) is replaced. */
  force?: boolean;
  /** Leave the MLM head out: a bare `ConvBertModel` checkpoint. Default: keep it when the model has one. */
  encoderOnly?: boolean;
}

/** What {@link exportHfModel} wrote. */
export interface HfExportReport {
  dir: string;
  /** The exported model's id, e.g. `convbert:chat-topics-fr-small@1`. */
  modelId: string;
  /** The HF class the checkpoint is saved as (`config.json`'s `architectures`). */
  layout: HfConvBertLayout;
  tensors: number;
  pooling: Pooling;
  maxTokens: number;
  /** Paths relative to `dir` with their sizes, in writing order. */
  files: { path: string; bytes: number }[];
  /** What an HF user must know to get our vectors (text preprocessing, no tokenizer). */
  warnings: string[];
}

/**
 * Writes a model directory of ours as a HuggingFace folder that `transformers` (`AutoModel`, `AutoTokenizer`),
 * `sentence-transformers` and our own importer load: `config.json` (the HF config the manifest stored, its
 * `architectures` saying what the weights are), `model.safetensors` under HF's weight names (`convbert.` before
 * the encoder when the MLM head is kept), `tokenizer.json` as stored with `tokenizer_config.json` and
 * `special_tokens_map.json`, and the sentence-transformers files for the model's pooling and truncation length.
 * The model is verified first (sizes, hashes, weights against the config); the folder appears complete or not at
 * all (see {@link publishDir}).
 *
 * @param modelDir a model directory in our format
 * @param outDir the folder to create: absent or empty, or (with `force`) a previous export
 * @throws ModelFormatError naming the model's or the output's file at fault; nothing is written then
 * @example
 * const report = exportHfModel('models/trained/chat-topics-fr-small', 'out/hf');
 * report.files.map((f) => f.path); // ['config.json', 'model.safetensors', 'tokenizer.json', ...]
 */
export function exportHfModel(modelDir: string, outDir: string, options: ExportHfModelOptions = {}): HfExportReport {
  const model = loadModelDir(modelDir);
  checkOutDir(model.dir, outDir, options.force === true);
  const weights = readModelWeights(model);
  const layout: HfConvBertLayout =
    weights.mlmHead !== null && options.encoderOnly !== true ? 'ConvBertForMaskedLM' : 'ConvBertModel';
  const tensors: Tensor[] = [
    ...weights.encoder.values(),
    ...(layout === 'ConvBertModel' ? [] : weights.mlmHead!.values()),
  ];
  const named = tensors.map((t) => ({ ...t, name: hfConvBertWeightName(t.name, layout, HF_MODEL_FILES.weights) }));

  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
  const files: { path: string; bytes: Uint8Array }[] = [
    {
      path: HF_MODEL_FILES.config,
      bytes: json({ ...model.manifest.architecture.config, model_type: 'convbert', architectures: [layout] }),
    },
    // transformers refuses a safetensors file whose metadata does not say `format: pt`.
    { path: HF_MODEL_FILES.weights, bytes: writeSafetensors(named, { format: 'pt' }) },
  ];
  const warnings: string[] = [];
  if (model.tokenizer === null) {
    warnings.push('the model has no tokenizer: the export embeds token ids only (AutoTokenizer cannot load it)');
  } else {
    const { tokenizerConfig, specialTokensMap } = hfTokenizerConfig(model.tokenizer, model.maxTokens);
    files.push(
      {
        path: HF_MODEL_FILES.tokenizer,
        bytes: new Uint8Array(readFileSync(join(model.dir, model.manifest.tokenizer!.file))),
      },
      { path: HF_MODEL_FILES.tokenizerConfig, bytes: json(tokenizerConfig) },
      { path: HF_MODEL_FILES.specialTokensMap, bytes: json(specialTokensMap) },
    );
    if (model.preprocess === 'chat')
      warnings.push(
        'texts are chat-preprocessed here before tokenizing (@mentions -> <mention>, URLs -> <url>): do the same before the HF tokenizer for the same vectors',
      );
  }
  const st = sentenceTransformersFiles({
    pooling: model.pooling,
    hiddenSize: weights.config.hiddenSize,
    maxTokens: model.maxTokens,
  });
  for (const [path, value] of Object.entries(st)) files.push({ path, bytes: json(value) });

  publishDir(outDir, { overwrite: options.force, marker: HF_MODEL_FILES.config }, (tmp) => {
    for (const file of files) {
      const target = join(tmp, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileDurably(target, file.bytes);
    }
  });
  return {
    dir: outDir,
    modelId: model.id,
    layout,
    tensors: named.length,
    pooling: model.pooling,
    maxTokens: model.maxTokens,
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length })),
    warnings,
  };
}

/**
 * The output may be written: not the model itself, and absent, empty, or (with `force`) a previous export. Checked
 * before the weights are read, with messages that say which flag and which file.
 */
function checkOutDir(modelDir: string, outDir: string, force: boolean): void {
  const target = resolve(outDir);
  if (target === modelDir || modelDir.startsWith(target + '/'))
    throw new ModelFormatError('is (or holds) the model being exported: choose another folder', { dir: outDir });
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new ModelFormatError('exists and is not a directory', { dir: outDir });
  const entries = readdirSync(target).sort();
  if (entries.length === 0) return;
  const held = entries.includes(HF_MODEL_FILES.config) ? HF_MODEL_FILES.config : entries[0]!;
  if (!force)
    throw new ModelFormatError('the output folder is not empty: pass force (--force) to replace a previous export', {
      dir: outDir,
      file: held,
    });
  if (held !== HF_MODEL_FILES.config || entries.includes(MODEL_FILES.manifest))
    throw new ModelFormatError(
      `the output folder is not empty and not a previous HF export (no ${HF_MODEL_FILES.config}, or a model of ours): not replacing it, even with force`,
      { dir: outDir, file: held },
    );
}
