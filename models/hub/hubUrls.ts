import { HubDownloadError } from './errors';

/** The public hub; `CHAT_TOPICS_HF_ENDPOINT` (or a mirror) replaces it. */
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

const REPO_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * True for a string shaped like a hub model id, `owner/name` (letters, digits, `.`, `_`, `-`; no `..`).
 * @example
 * isHubRepoId('lincoln/2021twitchfr-conv-bert-small-mlm-simcse'); // true
 * isHubRepoId('../etc'); // false
 */
export function isHubRepoId(value: string): boolean {
  const parts = value.split('/');
  return parts.length === 2 && parts.every((p) => REPO_PART.test(p)) && !value.includes('..');
}

/** @throws HubDownloadError when `repoId` is not `owner/name` */
export function assertHubRepoId(repoId: string): void {
  if (!isHubRepoId(repoId)) {
    throw new HubDownloadError(
      `invalid repo id ${JSON.stringify(repoId)}: expected owner/name (letters, digits, . _ -; no "..")`,
      { repoId, kind: 'bad-input' },
    );
  }
}

/**
 * `<endpoint>/<repo>/resolve/<revision>/<file>`, each part URL-encoded (a revision such as `refs/pr/1` becomes one
 * path segment, as the hub expects).
 *
 * @throws HubDownloadError for an endpoint that is not an http(s) URL or a revision with `..` or odd characters
 * @example
 * hubFileUrl('https://huggingface.co', 'a/b', 'main', '1_Pooling/config.json');
 * // 'https://huggingface.co/a/b/resolve/main/1_Pooling/config.json'
 */
export function hubFileUrl(endpoint: string, repoId: string, revision: string, file: string): string {
  assertHubRepoId(repoId);
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch (cause) {
    throw new HubDownloadError(`invalid hub endpoint ${JSON.stringify(endpoint)}: not a URL`, {
      repoId,
      cause,
      kind: 'bad-input',
    });
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new HubDownloadError(`invalid hub endpoint ${JSON.stringify(endpoint)}: not http(s)`, {
      repoId,
      kind: 'bad-input',
    });
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(revision) || revision.includes('..')) {
    throw new HubDownloadError(
      `invalid revision ${JSON.stringify(revision)}: a branch, tag or commit (letters, digits, . _ / -)`,
      { repoId, kind: 'bad-input' },
    );
  }
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${base.href.replace(/\/+$/, '')}/${repoId}/resolve/${encodeURIComponent(revision)}/${path}`;
}
