import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSentenceTransformersModules } from '../format/sentenceTransformers';
import { downloadHubFile, type HubFileProgress } from './downloadHubFile';
import { HubDownloadError } from './errors';
import { assertHubRepoId, DEFAULT_HUB_ENDPOINT, hubFileUrl } from './hubUrls';

/** Options of {@link downloadHubModel}. */
export interface HubDownloadOptions {
  /** Default `https://huggingface.co`. */
  endpoint?: string;
  /** Branch, tag or commit; default `main`. */
  revision?: string;
  /** Sent as `Authorization: Bearer <token>` (private and gated repos). */
  token?: string;
  /** Default: the global `fetch`. */
  fetchImpl?: typeof fetch;
  onProgress?: (progress: HubFileProgress) => void;
  signal?: AbortSignal;
}

/** What {@link downloadHubModel} fetched. */
export interface HubDownload {
  repoId: string;
  /** The revision asked for. */
  revision: string;
  /** The commit it resolved to (`X-Repo-Commit`), when the server said. */
  commit: string | null;
  dir: string;
  /** Paths in the repo (and under `dir`) with their sizes, in download order. */
  files: { path: string; bytes: number }[];
}

/**
 * Downloads what {@link importHfModel} needs from a HuggingFace model repo into `destDir`, mirroring the repo's
 * paths: `modules.json` first (optional; for a sentence-transformers repo it tells where the Transformer and
 * Pooling modules are), then `config.json` (required), `tokenizer.json`, `sentence_bert_config.json` and
 * `1_Pooling/config.json` (optional: a 404 is fine), then `model.safetensors`, falling back to
 * `pytorch_model.bin`. Bodies stream to disk. On failure `destDir` may hold some files: it belongs to the caller
 * (a temporary folder), who removes it.
 *
 * @param repoId `owner/name`
 * @param destDir created when missing
 * @throws HubDownloadError naming the URL: bad repo id, not found, 401/403 (set HF_TOKEN), network failure,
 *   truncated body, no weights file; ModelFormatError for a `modules.json` layout that cannot be imported
 * @example
 * const { files } = await downloadHubModel('lincoln/2021twitchfr-conv-bert-small-mlm-simcse', tmp, {
 *   token: process.env.HF_TOKEN, onProgress: (p) => p.done && console.log(p.file),
 * });
 */
export async function downloadHubModel(
  repoId: string,
  destDir: string,
  options: HubDownloadOptions = {},
): Promise<HubDownload> {
  assertHubRepoId(repoId);
  const endpoint = options.endpoint ?? DEFAULT_HUB_ENDPOINT;
  const revision = options.revision ?? 'main';
  hubFileUrl(endpoint, repoId, revision, 'config.json'); // validates endpoint and revision before any request
  const headers: Record<string, string> = { 'user-agent': 'chat-topics' };
  if (options.token !== undefined && options.token !== '') headers.authorization = `Bearer ${options.token}`;
  await mkdir(destDir, { recursive: true });

  const result: HubDownload = { repoId, revision, commit: null, dir: destDir, files: [] };
  const fetchFile = async (file: string, optional: boolean): Promise<boolean> => {
    const got = await downloadHubFile({
      url: hubFileUrl(endpoint, repoId, revision, file),
      file,
      destPath: join(destDir, ...file.split('/')),
      repoId,
      headers,
      fetchImpl: options.fetchImpl ?? fetch,
      optional,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    if (got === null) return false;
    result.files.push({ path: file, bytes: got.bytes });
    result.commit ??= got.commit;
    return true;
  };

  let transformer = '';
  let pooling: string | null;
  if (await fetchFile('modules.json', true)) {
    const json = await readJsonFile(join(destDir, 'modules.json'), `${repoId}/modules.json`);
    const layout = parseSentenceTransformersModules(json, `${repoId}/modules.json`);
    transformer = layout.transformerPath;
    pooling = layout.poolingPath;
  } else {
    pooling = null;
  }
  const inModel = (file: string) => (transformer === '' ? file : `${transformer}/${file}`);

  await fetchFile(inModel('config.json'), false);
  if (!(await fetchFile(inModel('tokenizer.json'), true)) && transformer !== '')
    await fetchFile('tokenizer.json', true);
  if (result.files.some((f) => f.path === 'modules.json')) {
    await fetchFile(inModel('sentence_bert_config.json'), true);
    if (pooling !== null && pooling !== '') await fetchFile(`${pooling}/config.json`, true);
  }
  if (
    !(await fetchFile(inModel('model.safetensors'), true)) &&
    !(await fetchFile(inModel('pytorch_model.bin'), true))
  ) {
    throw new HubDownloadError(
      `the repository has neither ${inModel('model.safetensors')} nor ${inModel('pytorch_model.bin')} (sharded checkpoints are not supported)`,
      { repoId, url: hubFileUrl(endpoint, repoId, revision, inModel('model.safetensors')), status: 404 },
    );
  }
  return result;
}

async function readJsonFile(path: string, label: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new HubDownloadError(`${label} is not valid JSON (${(cause as Error).message})`, { cause });
  }
}
