import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../checkpoint/testing/fixtures';
import { ModelFormatError } from '../format/errors';
import { downloadHubModel, HubDownloadError, hubFileUrl, isHubRepoId, type HubFileProgress } from './index';
import { startFakeHub } from './testing/fakeHub';

let work: string;
let hub: Awaited<ReturnType<typeof startFakeHub>>;

/** A sentence-transformers repo: the tiny model in the root, mean pooling in 1_Pooling. */
function stRepo(): string {
  const dir = join(work, 'st-repo');
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  for (const f of ['config.json', 'model.safetensors']) copyFileSync(fixturePath('convbert-tiny', f), join(dir, f));
  writeFileSync(
    join(dir, 'modules.json'),
    JSON.stringify([
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    ]),
  );
  writeFileSync(
    join(dir, '1_Pooling', 'config.json'),
    JSON.stringify({ word_embedding_dimension: 32, pooling_mode_mean_tokens: true }),
  );
  writeFileSync(join(dir, 'sentence_bert_config.json'), JSON.stringify({ max_seq_length: 32, do_lower_case: false }));
  return dir;
}

/** A plain transformers repo holding only config.json + pytorch_model.bin. */
function binRepo(): string {
  const dir = join(work, 'bin-repo');
  mkdirSync(dir);
  for (const f of ['config.json', 'pytorch_model.bin']) copyFileSync(fixturePath('convbert-tiny', f), join(dir, f));
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const st = stRepo();
  const bin = binRepo();
  const configOnly = join(work, 'config-only');
  mkdirSync(configOnly);
  copyFileSync(fixturePath('convbert-tiny', 'config.json'), join(configOnly, 'config.json'));
  hub = await startFakeHub({
    'alice/st-tiny': { dir: st, redirect: ['model.safetensors'], commit: 'a'.repeat(40) },
    'alice/bin-tiny': { dir: bin },
    'alice/gated': { dir: st, token: 'hf_secret' },
    'alice/broken': { dir: st, truncate: ['model.safetensors'] },
    'alice/no-weights': { dir: configOnly },
  });
});
afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

const dest = (name: string) => join(work, 'out', name);

async function hubErrorOf(promise: Promise<unknown>): Promise<HubDownloadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubDownloadError);
  return error as HubDownloadError;
}

describe('downloadHubModel', () => {
  it('downloads a sentence-transformers repo through redirects, byte for byte, reporting progress and the commit', async () => {
    const progress: HubFileProgress[] = [];
    const got = await downloadHubModel('alice/st-tiny', dest('st'), {
      endpoint: hub.endpoint,
      onProgress: (p) => progress.push(p),
    });
    expect(got.files.map((f) => f.path)).toEqual([
      'modules.json',
      'config.json',
      'sentence_bert_config.json',
      '1_Pooling/config.json',
      'model.safetensors',
    ]);
    expect(got.commit).toBe('a'.repeat(40));
    for (const { path, bytes } of got.files) {
      const served = readFileSync(join(work, 'st-repo', path));
      expect(readFileSync(join(dest('st'), path)).equals(served), path).toBe(true);
      expect(bytes).toBe(served.length);
    }
    // Each file reports its completion once, with its full size.
    const done = progress.filter((p) => p.done);
    expect(done.map((p) => p.file)).toEqual(got.files.map((f) => f.path));
    expect(done.every((p) => p.receivedBytes === p.totalBytes)).toBe(true);
    expect(hub.requests.some((r) => r.path === '/cdn/alice/st-tiny/model.safetensors')).toBe(true);
    // No partial files left next to the complete ones.
    expect(readdirSync(dest('st')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('falls back to pytorch_model.bin and skips the optional files a plain repo lacks', async () => {
    const got = await downloadHubModel('alice/bin-tiny', dest('bin'), { endpoint: hub.endpoint });
    expect(got.files.map((f) => f.path)).toEqual(['config.json', 'pytorch_model.bin']);
    expect(existsSync(join(dest('bin'), 'model.safetensors'))).toBe(false);
    expect(got.commit).toBeNull();
  });

  it('says the repository was not found on a 404, naming the URL', async () => {
    const error = await hubErrorOf(downloadHubModel('alice/nope', dest('nope'), { endpoint: hub.endpoint }));
    expect(error.status).toBe(404);
    expect(error.message).toContain(`${hub.endpoint}/alice/nope/resolve/main/modules.json`);
    expect(error.message).toMatch(/repository not found/);
  });

  it('asks for HF_TOKEN on 401, sends the token, and explains a 403', async () => {
    const denied = await hubErrorOf(downloadHubModel('alice/gated', dest('gated-1'), { endpoint: hub.endpoint }));
    expect(denied.status).toBe(401);
    expect(denied.message).toMatch(/HF_TOKEN/);
    const wrong = await hubErrorOf(
      downloadHubModel('alice/gated', dest('gated-2'), { endpoint: hub.endpoint, token: 'hf_wrong' }),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.message).toMatch(/gated/);
    const ok = await downloadHubModel('alice/gated', dest('gated-3'), { endpoint: hub.endpoint, token: 'hf_secret' });
    expect(ok.files.at(-1)?.path).toBe('model.safetensors');
    expect(hub.requests.filter((r) => r.path.startsWith('/alice/gated/')).at(-1)?.authorization).toBe(
      'Bearer hf_secret',
    );
  });

  it('refuses a body cut short of its Content-Length and leaves no file for it', async () => {
    const error = await hubErrorOf(downloadHubModel('alice/broken', dest('broken'), { endpoint: hub.endpoint }));
    expect(error.message).toContain('/alice/broken/resolve/main/model.safetensors');
    expect(error.message).toMatch(/broke off after \d+ of \d+ bytes|truncated/);
    expect(existsSync(join(dest('broken'), 'model.safetensors'))).toBe(false);
    expect(existsSync(join(dest('broken'), 'model.safetensors.part'))).toBe(false);
  });

  it('says when a repo has no weights file', async () => {
    const error = await hubErrorOf(downloadHubModel('alice/no-weights', dest('none'), { endpoint: hub.endpoint }));
    expect(error.message).toMatch(/neither model\.safetensors nor pytorch_model\.bin/);
  });

  it('names the URL of a network failure', async () => {
    const closed = await startFakeHub({});
    await closed.close();
    const error = await hubErrorOf(downloadHubModel('alice/st-tiny', dest('down'), { endpoint: closed.endpoint }));
    expect(error.message).toContain(`${closed.endpoint}/alice/st-tiny/resolve/main/modules.json`);
    expect(error.message).toMatch(/network failure/);
  });

  it('refuses repo ids, revisions and endpoints that are not what they claim, before any request', async () => {
    const before = hub.requests.length;
    for (const repoId of ['../etc', 'alice', 'a/b/c', 'alice/..', 'alice/x y', '']) {
      expect(isHubRepoId(repoId), repoId).toBe(false);
      await hubErrorOf(downloadHubModel(repoId, dest('bad'), { endpoint: hub.endpoint }));
    }
    await hubErrorOf(downloadHubModel('alice/st-tiny', dest('bad'), { endpoint: hub.endpoint, revision: '../../x' }));
    await hubErrorOf(downloadHubModel('alice/st-tiny', dest('bad'), { endpoint: 'file:///etc' }));
    expect(hub.requests.length).toBe(before);
    expect(isHubRepoId('lincoln/2021twitchfr-conv-bert-small-mlm-simcse')).toBe(true);
    expect(hubFileUrl('https://hf.example/', 'a/b', 'refs/pr/1', '1_Pooling/config.json')).toBe(
      'https://hf.example/a/b/resolve/refs%2Fpr%2F1/1_Pooling/config.json',
    );
  });

  it('refuses a modules.json that points outside the repo', async () => {
    const evil = join(work, 'evil');
    mkdirSync(evil);
    writeFileSync(
      join(evil, 'modules.json'),
      JSON.stringify([{ idx: 0, name: '0', path: '../..', type: 'sentence_transformers.models.Transformer' }]),
    );
    const local = await startFakeHub({ 'alice/evil': { dir: evil } });
    try {
      await expect(downloadHubModel('alice/evil', dest('evil'), { endpoint: local.endpoint })).rejects.toThrow(
        ModelFormatError,
      );
      expect(local.requests.map((r) => r.path)).toEqual(['/alice/evil/resolve/main/modules.json']);
    } finally {
      await local.close();
    }
  });
});
