import { z } from 'zod';
import {
  ARCHITECTURES,
  architectureNames,
  type ArchitectureName,
  type ArchitectureRegistry,
} from '../architectures/registry';
import { ModelFormatError } from './errors';

/** The `format` tag of every manifest. */
export const MODEL_FORMAT = 'chat-topics-model';
/** The manifest layout this code writes and reads; a newer one is refused rather than misread. */
export const MODEL_FORMAT_VERSION = 1;

/** File names inside a model directory. */
export const MODEL_FILES = {
  manifest: 'manifest.json',
  weights: 'model.safetensors',
  onnx: 'model.onnx',
  tokenizer: 'tokenizer.json',
} as const;

/** A model name: what `<architecture>:<name>@<version>` ids and directory listings show. HF repo names fit. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A model version: `1`, `2024-06-01`, `1.2.0+simcse`... */
export const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,49}$/;

/**
 * A path inside the model directory: relative, `/`-separated, no `.`/`..` segments. A manifest is data from disk
 * (maybe downloaded): it must not be able to point the loader at files outside its directory.
 */
const relativeFilePath = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (p) =>
      !p.startsWith('/') && !p.includes('\\') && p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..'),
    {
      message: 'must be a relative path inside the model directory (no "..", no leading "/")',
    },
  );

const sourceSchema = z.object({
  kind: z.enum(['huggingface-dir', 'huggingface-hub', 'training']),
  /** A local folder's base name, a hub repo id, or a training run's name: never an absolute path of the machine. */
  ref: z
    .string()
    .min(1)
    .refine((r) => !r.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(r), { message: 'must not be an absolute path' }),
  revision: z.string().min(1).optional(),
});

const fileSchema = z.object({
  path: relativeFilePath,
  role: z.enum(['weights', 'onnx', 'tokenizer']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' }),
});

/** The manifest schema for the architectures of a registry: `architecture.type` must name one of them. */
const manifestSchemaOf = (architectures: readonly string[]) =>
  z.object({
    format: z.literal(MODEL_FORMAT),
    formatVersion: z.literal(MODEL_FORMAT_VERSION),
    name: z
      .string()
      .regex(MODEL_NAME_PATTERN, { message: 'must be 1-100 of A-Z a-z 0-9 . _ - (starting with a letter or digit)' }),
    version: z.string().regex(MODEL_VERSION_PATTERN, {
      message: 'must be 1-50 of A-Z a-z 0-9 . _ + - (starting with a letter or digit)',
    }),
    created: z.iso.datetime({ offset: true }),
    source: sourceSchema,
    architecture: z.object({
      type: z.string().refine((type) => architectures.includes(type), {
        error: (issue) =>
          `unknown architecture ${JSON.stringify(issue.input)} (this program reads: ${architectures.join(', ')})`,
      }),
      /** HF `config.json` as read (snake_case), so the model can be exported back to HF unchanged. */
      config: z.record(z.string(), z.unknown()),
    }),
    pooling: z.enum(['cls', 'mean']),
    /** Truncation length, special tokens included. */
    maxTokens: z.number().int().min(2),
    tokenizer: z
      .object({
        file: relativeFilePath,
        /** `chat`: mentions and URLs become `<mention>` / `<url>` before tokenizing (see `preprocessChat`). */
        preprocess: z.enum(['chat', 'none']),
      })
      .nullable(),
    /** True when `model.safetensors` holds the MLM head and `model.onnx` offers `logits`. */
    mlmHead: z.boolean(),
    files: z.array(fileSchema).min(1),
    /** Free-form numbers and notes of training runs (losses, evaluation scores). */
    metrics: z.record(z.string(), z.unknown()).optional(),
    notes: z.string().optional(),
  });

const BUILTIN_SCHEMA = manifestSchemaOf(architectureNames(ARCHITECTURES));

/** The contents of a model directory's `manifest.json`. */
export type ModelManifest = Omit<z.infer<typeof BUILTIN_SCHEMA>, 'architecture'> & {
  architecture: {
    /** A name of the architecture registry (`models/architectures/registry.ts`). */
    type: ArchitectureName;
    /** HF `config.json` as read (snake_case), so the model can be exported back to HF unchanged. */
    config: Record<string, unknown>;
  };
};
export type ModelSource = ModelManifest['source'];
export type ModelFileEntry = ModelManifest['files'][number];
export type ModelFileRole = ModelFileEntry['role'];
export type TextPreprocess = NonNullable<ModelManifest['tokenizer']>['preprocess'];

/**
 * Validates a parsed `manifest.json`. Beyond the field types it checks that the format and its version are ones
 * this code reads, that exactly one `weights` and one `onnx` file are listed, that no path is listed twice, and
 * that the tokenizer file (when there is one) is listed with the `tokenizer` role.
 *
 * @param json the parsed file
 * @param where directory (and file label) for error messages
 * @param architectures the architectures `architecture.type` may name (default: the built-in registry)
 * @throws ModelFormatError naming the (first) field at fault and listing every problem
 * @example
 * const manifest = parseModelManifest(JSON.parse(readFileSync('m/manifest.json', 'utf8')), { dir: 'm' });
 * manifest.pooling; // 'cls'
 */
export function parseModelManifest(
  json: unknown,
  where: { dir?: string; file?: string } = {},
  architectures: ArchitectureRegistry = ARCHITECTURES,
): ModelManifest {
  const context = { dir: where.dir, file: where.file ?? MODEL_FILES.manifest };
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ModelFormatError('not a JSON object', context);
  const head = json as Record<string, unknown>;
  if (head.format !== MODEL_FORMAT) {
    throw new ModelFormatError(
      `not a chat-topics model manifest (format ${JSON.stringify(head.format)}, expected "${MODEL_FORMAT}")`,
      { ...context, field: 'format' },
    );
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion !== MODEL_FORMAT_VERSION) {
    const hint = head.formatVersion > MODEL_FORMAT_VERSION ? ': written by a newer chat-topics, update this one' : '';
    throw new ModelFormatError(
      `format version ${head.formatVersion} is not one this program reads (${MODEL_FORMAT_VERSION})${hint}`,
      {
        ...context,
        field: 'formatVersion',
      },
    );
  }
  const schema = architectures === ARCHITECTURES ? BUILTIN_SCHEMA : manifestSchemaOf(architectureNames(architectures));
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const all = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ModelFormatError(`invalid manifest: ${all}`, {
      ...context,
      field: issues[0]?.path.join('.') || '(root)',
    });
  }
  // A test's registry may name more architectures than the built-in type lists; they are checked all the same.
  const manifest = parsed.data as ModelManifest;
  const fail = (field: string, message: string) => new ModelFormatError(message, { ...context, field });

  const seen = new Set<string>();
  for (const f of manifest.files) {
    if (seen.has(f.path)) throw fail('files', `"${f.path}" is listed twice`);
    seen.add(f.path);
  }
  for (const role of ['weights', 'onnx'] as const) {
    const count = manifest.files.filter((f) => f.role === role).length;
    if (count !== 1) throw fail('files', `expected exactly one "${role}" file, found ${count}`);
  }
  const tokenizerFiles = manifest.files.filter((f) => f.role === 'tokenizer');
  if (manifest.tokenizer === null) {
    if (tokenizerFiles.length > 0)
      throw fail('tokenizer', `is null but files lists a tokenizer (${tokenizerFiles[0]!.path})`);
  } else {
    const file = manifest.tokenizer.file;
    if (tokenizerFiles.length !== 1 || tokenizerFiles[0]!.path !== file)
      throw fail('tokenizer.file', `"${file}" must be the one file listed with role "tokenizer"`);
  }
  return manifest;
}

/** The id embedders report for a model: `<architecture>:<name>@<version>`, e.g. `convbert:twitch-fr@1`. */
export function modelId(
  manifest: Pick<ModelManifest, 'name' | 'version'> & { architecture: { type: string } },
): string {
  return `${manifest.architecture.type}:${manifest.name}@${manifest.version}`;
}

/**
 * The architecture a {@link modelId} names, or undefined when the id is not a model id of a built-in architecture
 * (`bow-v1`, a remote server's id).
 *
 * @example
 * architectureOfModelId('convbert:twitch-fr@1'); // 'convbert'
 */
export function architectureOfModelId(id: string): ArchitectureName | undefined {
  const prefix = id.slice(0, Math.max(0, id.indexOf(':')));
  return Object.hasOwn(ARCHITECTURES, prefix) ? (prefix as ArchitectureName) : undefined;
}
