import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConvBertConfig } from '../../../models/checkpoint';
import { POOLINGS, type Pooling } from '../../../models/convbert';
import type {
  HfImportReport,
  ImportHfModelOptions,
  InstalledModel,
  ModelManifest,
  TextPreprocess,
} from '../../../models/format';
import { DEFAULT_HUB_ENDPOINT, downloadHubModel, isHubRepoId } from '../../../models/hub';
import { loadConfig } from '../../config/loadConfig';
import { ChatTopicsError, UsageError } from '../../errors';
import { createLogger } from '../../logger';
import type { ModelRegistry } from '../../registry';
import type { CliCommand, CliContext } from '../CliContext';
import { numberFlag, parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics model import <dir | owner/repo> --out <dir> [options]
       chat-topics model export <model> <dir> [--format hf] [options]
       chat-topics model info <dir> [--json] [--verify full|size]
       chat-topics model list [--json] [--data-dir DIR]
       chat-topics model promote <id> [--data-dir DIR]
       chat-topics model rollback [--data-dir DIR]

import  Converts a HuggingFace ConvBERT model into a chat-topics model directory (manifest.json, model.safetensors,
        model.onnx, tokenizer.json). An existing local folder is read as is; otherwise owner/repo is downloaded
        from the hub (the only time this command uses the network) into a temporary folder, removed afterwards.
        Reads config.json with model.safetensors or pytorch_model.bin, and sentence-transformers files
        (modules.json, 1_Pooling/config.json, sentence_bert_config.json) when present. Nothing is written unless
        the whole import succeeds.

  --out DIR             the model directory to create (required)
  --name N              model name (default: the folder's or repo's name)
  --version V           model version (default 1)
  --pooling cls|mean    override the pooling (default: 1_Pooling/config.json, else cls)
  --tokenizer FILE      a tokenizer.json to use (a model without one embeds token ids only)
  --max-tokens N        truncation length, special tokens included
                        (default: sentence_bert_config.json's max_seq_length, else min(128, max positions))
  --preprocess chat|none  mentions/URLs -> <mention>/<url> before tokenizing (default chat)
  --overwrite           replace an existing model directory at --out
  --hub-endpoint URL    hub to download from (default ${DEFAULT_HUB_ENDPOINT}; env CHAT_TOPICS_HF_ENDPOINT)
  --revision R          hub branch, tag or commit (default main)
  Environment: HF_TOKEN, a hub token for private or gated repos.

export  Writes a model in HuggingFace layout into <dir>, for transformers (AutoModel, AutoTokenizer),
        sentence-transformers and HF tools: config.json, model.safetensors (HF weight names), tokenizer.json with
        tokenizer_config.json and special_tokens_map.json, and modules.json, 1_Pooling/config.json and
        sentence_bert_config.json with the model's pooling and max tokens. <model> is a model directory, a shipped
        model's name (chat-topics-fr-small) or a registry version (name@version, see model list). The model is
        verified first; nothing is written unless the whole export succeeds.

  --format hf           the layout to write (hf, the only one; default)
  --encoder-only        leave the MLM head out (a ConvBertModel checkpoint instead of ConvBertForMaskedLM)
  --force               replace <dir> when it is not empty (only a previous export, a folder with config.json)
  --data-dir DIR        where a registry version is looked up (default ./data; env CHAT_TOPICS_DATA_DIR)

info    Verifies a model directory (every file's size and sha256, config, tokenizer) and prints its summary.
        Exit status 1 with the problem for a partial, corrupt or invalid model.

  --json                print { id, dir, manifest } as JSON
  --verify full|size    full (default) hashes every file; size only compares sizes

list, promote, rollback work on the model registry of the data directory (<data-dir>/models, or modelsDir):
list    The versions (trained here, imported, built-in), newest first, with their stage metrics; * marks the
        active one (none: the configured embedder, chat-topics-fr-small by default). --json prints them as JSON.
promote Makes <id> (name@version, as listed) the active version.
rollback Goes back to the version active before the current one (or the configured embedder).
        A running server keeps its model until it restarts; to switch a live server without downtime, use the
        admin section (it calls the same registry). With CHAT_TOPICS_DATABASE_URL the active version is the
        deployment's: every running node switches to it at once, where its registry directory holds it.

  --data-dir DIR        state directory (default ./data; env CHAT_TOPICS_DATA_DIR)`;

/**
 * The model format library, loaded on first use: it brings the ONNX builder (and ONNX Runtime) with it, which the
 * other commands (`serve`, `import`...) should not pay for at start-up just because this command is registered.
 */
type ModelFormatLibrary = typeof import('../../../models/format');
const loadModelFormat = (): Promise<ModelFormatLibrary> => import('../../../models/format');

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag}: expected ${allowed.join(' or ')}, got "${value}"`);
  return value as T;
}

/** 92416 -> `90.3 KiB`. */
function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 'B';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value.toFixed(1)} ${unit}`;
}

function describeArchitecture(c: ConvBertConfig): string {
  return (
    `ConvBERT hidden ${c.hiddenSize}, ${c.numHiddenLayers} layers, ${c.numAttentionHeads} heads (head_ratio ${c.headRatio}), ` +
    `embedding ${c.embeddingSize}, kernel ${c.convKernelSize}, ffn ${c.intermediateSize}` +
    `${c.numGroups > 1 ? ` in ${c.numGroups} groups` : ''}, vocab ${c.vocabSize}, max positions ${c.maxPositionEmbeddings}`
  );
}

function printFiles(out: (line: string) => void, manifest: ModelManifest): void {
  const width = Math.max(...manifest.files.map((f) => f.path.length));
  for (const f of manifest.files)
    out(
      `  ${f.path.padEnd(width)}  ${f.role.padEnd(9)}  ${formatBytes(f.bytes).padStart(10)}  sha256 ${f.sha256.slice(0, 16)}…`,
    );
}

const NO_TOKENIZER =
  'none: this model embeds token ids only (import again with --tokenizer <tokenizer.json> to embed text)';

function printImport(ctx: CliContext, format: ModelFormatLibrary, sourceLabel: string, report: HfImportReport): void {
  const out = (line: string) => ctx.stdout.write(line + '\n');
  out(`read: ${sourceLabel} (${report.layout} layout)`);
  const head = report.mlmHeadTensors > 0 ? `+ MLM head (${report.mlmHeadTensors} tensors)` : 'no MLM head';
  out(`weights: ${report.weightsFile}: encoder (${report.encoderTensors} tensors) ${head}`);
  out(`architecture: ${describeArchitecture(report.config)}`);
  out(`pooling: ${report.pooling.value} (${report.pooling.from})`);
  out(`max tokens: ${report.maxTokens.value} (${report.maxTokens.from})`);
  const tokenizer = report.manifest.tokenizer;
  out(
    `tokenizer: ${report.tokenizer === null || tokenizer === null ? NO_TOKENIZER : `${report.tokenizer.file} (${report.tokenizer.vocabSize} ids), preprocess ${tokenizer.preprocess}`}`,
  );
  for (const warning of report.warnings) out(`warning: ${warning}`);
  out(`wrote: ${report.dir}`);
  printFiles(out, report.manifest);
  out(`id: ${format.modelId(report.manifest)}`);
}

async function runImport(ctx: CliContext, format: ModelFormatLibrary): Promise<number> {
  const { values, positionals } = parseFlags(ctx.argv, {
    out: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    pooling: { type: 'string' },
    tokenizer: { type: 'string' },
    'max-tokens': { type: 'string' },
    preprocess: { type: 'string' },
    overwrite: { type: 'boolean' },
    'hub-endpoint': { type: 'string' },
    revision: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'model import: expected a folder or owner/repo'
        : `model import: expected one source, got ${positionals.length}`,
    );
  if (values.out === undefined) throw new UsageError('model import: --out <dir> is required');
  const maxTokens = values['max-tokens'] === undefined ? undefined : numberFlag(values['max-tokens'], 'max-tokens', 0);
  if (maxTokens !== undefined && !Number.isInteger(maxTokens))
    throw new UsageError(`--max-tokens: expected an integer, got "${values['max-tokens']}"`);
  const options: ImportHfModelOptions = {
    name: values.name,
    version: values.version,
    pooling: oneOf<Pooling>(values.pooling, POOLINGS, 'pooling'),
    tokenizerFile: values.tokenizer === undefined ? undefined : path.resolve(ctx.cwd, values.tokenizer),
    maxTokens,
    preprocess: oneOf<TextPreprocess>(values.preprocess, ['chat', 'none'], 'preprocess'),
    overwrite: values.overwrite === true,
  };
  const source = positionals[0]!;
  const outDir = path.resolve(ctx.cwd, values.out);
  const local = path.resolve(ctx.cwd, source);

  if (existsSync(local)) {
    if (!statSync(local).isDirectory()) throw new UsageError(`model import: ${source} is not a directory`);
    printImport(ctx, format, source, format.importHfModel(local, outDir, options));
    return 0;
  }
  if (!isHubRepoId(source))
    throw new UsageError(`model import: ${source}: no such folder, and not a hub repo id (owner/name)`);

  const endpoint = values['hub-endpoint'] ?? ctx.env.CHAT_TOPICS_HF_ENDPOINT ?? DEFAULT_HUB_ENDPOINT;
  const revision = values.revision ?? 'main';
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'chat-topics-hub-'));
  try {
    ctx.stderr.write(`downloading ${source}@${revision} from ${endpoint}\n`);
    const download = await downloadHubModel(source, tmp, {
      endpoint,
      revision,
      token: ctx.env.HF_TOKEN,
      onProgress: (p) => {
        if (p.done) ctx.stderr.write(`  ${p.file} (${formatBytes(p.receivedBytes)})\n`);
      },
    });
    const report = format.importHfModel(tmp, outDir, {
      ...options,
      source: { kind: 'huggingface-hub', ref: source, revision: download.commit ?? revision },
    });
    printImport(ctx, format, `${source}@${download.commit ?? revision} (${endpoint})`, report);
    return 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The layouts `model export --format` writes. */
const EXPORT_FORMATS = ['hf'] as const;

/**
 * The model directory `model export` names, as the embedders' `--model` does: a directory (relative to the working
 * directory), else a shipped model's name; a `name@version` is looked up in the registry of the data directory.
 */
async function resolveModelToExport(ctx: CliContext, spec: string, dataDir: string | undefined): Promise<string> {
  const local = path.resolve(ctx.cwd, spec);
  if (existsSync(local)) {
    if (!statSync(local).isDirectory()) throw new UsageError(`model export: ${spec} is not a directory`);
    return local;
  }
  if (spec.includes('@')) return (await openRegistry(ctx, dataDir)).registry.resolve(spec);
  const { BUILTIN_MODELS_ROOT } = await import('../../../models/embedding/createEmbedder');
  const shipped = path.join(BUILTIN_MODELS_ROOT, spec);
  if (/^[\w.-]+$/.test(spec) && spec !== '.' && spec !== '..' && existsSync(shipped)) return shipped;
  throw new UsageError(`model export: ${spec}: no such directory, no shipped model of that name, and not name@version`);
}

async function runExport(ctx: CliContext, format: ModelFormatLibrary): Promise<number> {
  const { values, positionals } = parseFlags(ctx.argv, {
    format: { type: 'string' },
    'encoder-only': { type: 'boolean' },
    force: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (positionals.length !== 2)
    throw new UsageError(`model export: expected a model and an output folder, got ${positionals.length} argument(s)`);
  oneOf(values.format, EXPORT_FORMATS, 'format');
  const [spec, out] = positionals as [string, string];
  const modelDir = await resolveModelToExport(ctx, spec, values['data-dir']);
  const report = format.exportHfModel(modelDir, path.resolve(ctx.cwd, out), {
    force: values.force === true,
    encoderOnly: values['encoder-only'] === true,
  });
  const print = (line: string) => ctx.stdout.write(line + '\n');
  print(`read: ${report.modelId} (${modelDir})`);
  print(`weights: ${report.tensors} tensors as ${report.layout}`);
  print(`pooling: ${report.pooling}, max tokens: ${report.maxTokens}`);
  for (const warning of report.warnings) print(`warning: ${warning}`);
  print(`wrote: ${report.dir} (HuggingFace layout)`);
  const width = Math.max(...report.files.map((f) => f.path.length));
  for (const f of report.files) print(`  ${f.path.padEnd(width)}  ${formatBytes(f.bytes).padStart(10)}`);
  return 0;
}

function printInfo(ctx: CliContext, model: InstalledModel, verified: 'full' | 'size'): void {
  const out = (line: string) => ctx.stdout.write(line + '\n');
  const m = model.manifest;
  out(`id: ${model.id}`);
  out(`dir: ${model.dir}`);
  out(`created: ${m.created}`);
  out(`source: ${m.source.kind} ${m.source.ref}${m.source.revision !== undefined ? `@${m.source.revision}` : ''}`);
  out(`architecture: ${describeArchitecture(model.config)}`);
  out(`pooling: ${model.pooling}`);
  out(`max tokens: ${model.maxTokens}`);
  out(
    `tokenizer: ${model.tokenizer === null ? NO_TOKENIZER : `${m.tokenizer!.file} (${model.tokenizer.vocabSize} ids), preprocess ${model.preprocess}`}`,
  );
  out(`mlm head: ${m.mlmHead ? 'yes (model.onnx offers logits)' : 'no'}`);
  out(`files (${verified === 'full' ? 'sizes and sha256 verified' : 'sizes verified'}):`);
  printFiles(out, m);
  if (m.metrics !== undefined) out(`metrics: ${JSON.stringify(m.metrics)}`);
  if (m.notes !== undefined) out(`notes: ${m.notes}`);
}

function runInfo(ctx: CliContext, format: ModelFormatLibrary): number {
  const { values, positionals } = parseFlags(ctx.argv, { json: { type: 'boolean' }, verify: { type: 'string' } });
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'model info: expected a model directory'
        : `model info: expected one directory, got ${positionals.length}`,
    );
  const verify = oneOf<'full' | 'size'>(values.verify, ['full', 'size'], 'verify') ?? 'full';
  const model = format.loadModelDir(path.resolve(ctx.cwd, positionals[0]!), { verify });
  if (values.json === true)
    ctx.stdout.write(JSON.stringify({ id: model.id, dir: model.dir, manifest: model.manifest }, null, 2) + '\n');
  else printInfo(ctx, model, verify);
  return 0;
}

/** The registry of the data directory `--data-dir` (or the environment) names; loaded on use, like the format library. */
async function openRegistry(ctx: CliContext, dataDir: string | undefined): Promise<{ registry: ModelRegistry }> {
  const lib = await import('../../registry');
  const config = loadConfig({ dataDir }, ctx.env);
  return { registry: lib.openConfiguredRegistry(config, ctx.cwd, createLogger('warn')) };
}

async function runList(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(ctx.argv, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`model list: unexpected argument "${positionals[0]}"`);
  const { registry } = await openRegistry(ctx, values['data-dir']);
  const versions = registry.list();
  if (values.json === true) {
    ctx.stdout.write(JSON.stringify({ dir: registry.dir, active: registry.activeId(), versions }, null, 2) + '\n');
    return 0;
  }
  const out = (line: string) => ctx.stdout.write(line + '\n');
  out(`registry: ${registry.dir}`);
  out(`active: ${registry.activeId() ?? '(none: the configured embedder)'}`);
  if (versions.length === 0)
    out('no model versions (chat-topics train, or model import then the admin section, add some)');
  for (const v of versions) {
    out(
      `${v.active ? '*' : ' '} ${v.id}  ${v.source}${v.preset ? ` (${v.preset})` : ''}  ${v.created}  ${formatBytes(v.bytes)}${v.hasMlmHead ? '  mlm head' : ''}`,
    );
    for (const m of v.stageMetrics) {
      const extra = [
        m.finalLoss !== null ? `loss ${m.finalLoss.toFixed(4)}` : null,
        m.heldOutAccuracy !== undefined ? `held-out acc ${m.heldOutAccuracy.toFixed(3)}` : null,
        m.alignment !== undefined ? `alignment ${m.alignment.toFixed(3)}` : null,
        m.uniformity !== undefined ? `uniformity ${m.uniformity.toFixed(3)}` : null,
      ].filter(Boolean);
      out(`      ${m.stage}: ${m.steps} steps${extra.length ? `, ${extra.join(', ')}` : ''}`);
    }
    if (v.topicEval)
      out(
        `      topics: ARI ${v.topicEval.model.ari.toFixed(3)} (bow ${v.topicEval.bow.ari.toFixed(3)}), NMI ${v.topicEval.model.nmi.toFixed(3)} (bow ${v.topicEval.bow.nmi.toFixed(3)})`,
      );
  }
  return 0;
}

async function runPromote(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(ctx.argv, { 'data-dir': { type: 'string' } });
  if (positionals.length !== 1)
    throw new UsageError('model promote: expected one model id (name@version, see chat-topics model list)');
  const { registry } = await openRegistry(ctx, values['data-dir']);
  registry.setActive(positionals[0]!);
  ctx.stdout.write(`active: ${positionals[0]} (a running server switches at its next start)\n`);
  return 0;
}

async function runRollback(ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(ctx.argv, { 'data-dir': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`model rollback: unexpected argument "${positionals[0]}"`);
  const { registry } = await openRegistry(ctx, values['data-dir']);
  const target = registry.rollbackTarget();
  if (target === undefined)
    throw new ChatTopicsError(
      `model rollback: nothing to roll back in ${registry.dir} (no version was ever promoted)`,
      { kind: 'conflict' },
    );
  registry.setActive(target, { rollback: true });
  ctx.stdout.write(
    `active: ${target ?? '(none: the configured embedder)'} (a running server switches at its next start)\n`,
  );
  return 0;
}

const SUBCOMMANDS = ['import', 'export', 'info', 'list', 'promote', 'rollback'] as const;

/**
 * `chat-topics model import|export|info|list|promote|rollback`: HuggingFace ConvBERT models into our model
 * directories and back out, checking them, and the model registry of the data directory.
 */
export const modelCommand: CliCommand = {
  name: 'model',
  summary:
    'import a HuggingFace ConvBERT model or export one (HF layout), verify one (info), or list/promote/roll back registry versions',
  usage: USAGE,
  async run(ctx) {
    const [sub, ...rest] = ctx.argv;
    if (!(SUBCOMMANDS as readonly (string | undefined)[]).includes(sub)) {
      throw new UsageError(
        sub === undefined
          ? `expected a subcommand: ${SUBCOMMANDS.join(', ')}`
          : `unknown subcommand "${sub}" (${SUBCOMMANDS.join(', ')})`,
      );
    }
    const subCtx = { ...ctx, argv: rest };
    // Errors of the model library and the registry share the ChatTopicsError root: the CLI prints their message.
    if (sub === 'list' || sub === 'promote' || sub === 'rollback') {
      return sub === 'list' ? runList(subCtx) : sub === 'promote' ? runPromote(subCtx) : runRollback(subCtx);
    }
    const format = await loadModelFormat();
    if (sub === 'export') return runExport(subCtx, format);
    return sub === 'import' ? runImport(subCtx, format) : runInfo(subCtx, format);
  },
};
