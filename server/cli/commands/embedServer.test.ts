import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../../../models/bow/BagOfWordsEmbedder';
import { HttpEmbedder } from '../../../models/embedding/HttpEmbedder';
import { importTinyModels, type TinyModels } from '../../../models/embedding/testing/tinyConvBertModel';
import { captureCliContext } from '../../../test/support/cliContext';
import { waitFor } from '../../../test/support/waitFor';
import { UsageError } from '../../errors';
import { embedServerCommand, startEmbedServerCommand } from './embedServer';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let models: TinyModels;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-server-cli-'));
  models = importTinyModels();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  models?.remove();
});

const quiet = { CHAT_TOPICS_LOG_LEVEL: 'silent' };
const context = (argv: string[], env: Record<string, string> = {}) =>
  captureCliContext(argv, dir, { ...quiet, ...env });

describe('chat-topics embed-server', () => {
  it('serves the bag-of-words baseline with --model bow and prints where and what', async () => {
    const run = context(['--model', 'bow', '--port', '0']);
    const server = await startEmbedServerCommand(run.ctx);
    try {
      expect(run.stdout()).toBe(
        `chat-topics: embed server at ${server.url}\n` +
          '  model: bow-v1, 256-d, bag-of-words baseline, in-process\n' +
          `  POST ${server.url}/v1/embeddings, GET ${server.url}/v1/models; no token (this machine only)\n`,
      );
      const remote = await HttpEmbedder.start({ url: server.url });
      const [v] = await remote.embed(['salut']);
      expect(v).toEqual(new BagOfWordsEmbedder().embedOne('salut'));
      expect(server.service.stats().texts).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('serves a model directory from a worker, reporting its execution provider, behind the env token', async () => {
    const run = context(['--model', models.withTokenizer, '--port', '0', '--threads', '1'], {
      CHAT_TOPICS_EMBED_TOKEN: 's3cret',
    });
    const server = await startEmbedServerCommand(run.ctx);
    try {
      expect(run.stdout()).toContain('model: convbert:tiny@1, 32-d, onnxruntime cpu, 1 thread, in a worker thread\n');
      expect(run.stdout()).toContain('; bearer token required\n');
      await expect(HttpEmbedder.start({ url: server.url })).rejects.toMatchObject({ status: 401 });
      const remote = await HttpEmbedder.start({ url: server.url, token: 's3cret' });
      expect([remote.id, remote.dimension, remote.executionProvider]).toEqual(['convbert:tiny@1', 32, 'cpu']);
      const vectors = await remote.embed(['gg', 'salut les gars']);
      expect(vectors.map((v) => v.length)).toEqual([32, 32]);
    } finally {
      await server.close();
    }
  });

  it('refuses a non-loopback host without a token, a remote model, and a bad port', async () => {
    await expect(embedServerCommand.run(context(['--host', '0.0.0.0']).ctx)).rejects.toThrow(
      new UsageError(
        '--host 0.0.0.0: refusing to serve beyond this machine without a token (set CHAT_TOPICS_EMBED_TOKEN or --token)',
      ),
    );
    await expect(embedServerCommand.run(context(['--model', 'http://127.0.0.1:9/']).ctx)).rejects.toThrow(
      /an embed server serves a local embedder/,
    );
    await expect(embedServerCommand.run(context(['--port', '70000']).ctx)).rejects.toThrow(
      '--port: expected an integer in [0, 65535], got "70000"',
    );
  });

  it('runs from bin/chat-topics.js with the shipped default model until SIGTERM, then stops cleanly (exit 0)', async () => {
    const child = spawn(process.execPath, ['bin/chat-topics.js', 'embed-server', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ...quiet, CHAT_TOPICS_EMBED_TOKEN: 'tok' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exited = once(child, 'exit');
    try {
      const url = await waitFor(
        () => /embed server at (http:\S+)/.exec(out)?.[1],
        `the server URL (stderr: ${err})`,
        15_000,
      );
      const res = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer tok' } });
      expect(await res.json()).toEqual({
        id: 'convbert:chat-topics-fr-small@1',
        dimension: 128,
        maxInputs: 1024,
        executionProvider: 'cpu',
      });
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(out).toMatch(/chat-topics: embed server stopped\n$/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
