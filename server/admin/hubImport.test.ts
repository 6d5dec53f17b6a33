import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../models/checkpoint/testing/fixtures';
import { tinyTokenizerJson } from '../../models/embedding/testing/tinyConvBertModel';
import { loadModelDir } from '../../models/format';
import { startFakeHub } from '../../models/hub/testing/fakeHub';
import { importFromHub } from './hubImport';

let work: string;
let hub: Awaited<ReturnType<typeof startFakeHub>>;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-hub-'));
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo);
  for (const f of ['config.json', 'model.safetensors'])
    fs.copyFileSync(fixturePath('convbert-tiny', f), path.join(repo, f));
  fs.writeFileSync(path.join(repo, 'tokenizer.json'), tinyTokenizerJson());
  hub = await startFakeHub({ 'alice/conv-tiny': { dir: repo, commit: 'c'.repeat(40) } });
});

afterAll(async () => {
  await hub?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('importFromHub (the admin import route)', () => {
  it('downloads a hub repo (a local fake hub) and converts it into a model directory with its provenance', async () => {
    const dir = await importFromHub({ repo: 'alice/conv-tiny' }, fs.mkdtempSync(path.join(work, 'job-')), {
      endpoint: hub.endpoint,
    });
    const model = loadModelDir(dir);
    expect(model.manifest.source).toEqual({
      kind: 'huggingface-hub',
      ref: 'alice/conv-tiny',
      revision: 'c'.repeat(40),
    });
    expect(model.manifest.name).toBe('conv-tiny');
    expect(model.tokenizer?.tokenToId('<mask>')).toBe(7);
    expect(hub.requests.some((r) => r.path === '/alice/conv-tiny/resolve/main/config.json')).toBe(true);
  });

  it('fails with the hub error for an unknown repo', async () => {
    await expect(
      importFromHub({ repo: 'alice/missing' }, fs.mkdtempSync(path.join(work, 'job-')), { endpoint: hub.endpoint }),
    ).rejects.toMatchObject({ name: 'HubDownloadError' });
  });
});
