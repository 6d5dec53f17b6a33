import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedService, type Embedder } from '../../../models/embedding';
import { importTinyModels, type TinyModels } from '../../../models/embedding/testing/tinyConvBertModel';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../../test/support/postgresServer';
import { waitFor } from '../../../test/support/waitFor';
import { createLogger } from '../../logger';
import { ModelRegistryError, RegistryStateError } from '../errors';
import { ModelRegistry } from '../ModelRegistry';
import { ModelSwitcher, type EmbedderStarter } from '../ModelSwitcher';
import { PgRegistryState } from './PgRegistryState';
import { REGISTRY_SCHEMA_VERSION } from './PgRegistryTable';

// The registry's state shared by the nodes of a deployment: a promotion on one node (or by the CLI) is the active
// version everywhere, and every node's live embedder follows it.

const logger = createLogger('silent');
let postgres: TestPostgres | null = null;
let tiny: TinyModels;
let root: string;
beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
  tiny = importTinyModels();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pgregistry-'));
}, 60_000);
afterAll(async () => {
  await postgres?.close();
  tiny?.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

/** An embedder named after the model directory it was "started" from: only the switch is under test. */
const starter: EmbedderStarter = async (dir) => {
  const id = dir === null ? 'bow-v1' : `convbert:${path.basename(path.dirname(dir))}`;
  const inner: Embedder = {
    id,
    dimension: 8,
    embed: async (t) => t.map(() => new Float32Array(8)),
    close: async () => undefined,
  };
  const service = new EmbedService(inner);
  return { service, info: { id, kind: dir === null ? 'bow' : 'convbert', dimension: 8, description: id } };
};

/** One node: its registry on `dir` with the state in `url`, and its live embedder. */
async function node(dir: string, url: string) {
  const registry = ModelRegistry.open(dir, { state: PgRegistryState.open(url), logger });
  const first = await starter(null);
  const switcher = new ModelSwitcher({
    registry,
    initial: { ...first, modelId: null },
    start: starter,
    consumer: null,
    logger,
  });
  return {
    registry,
    switcher,
    close: async () => {
      await switcher.close();
      registry.close();
    },
  };
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(text);
  await client.end();
}

describe.skipIf(!HAS_POSTGRES)('model registry state on PostgreSQL', () => {
  it('makes a version promoted on one node the active one on another, whose live embedder follows, and keeps it for the next start', async () => {
    const url = await postgres!.createDatabase();
    const shared = path.join(root, 'shared');
    const a = await node(shared, url);
    const b = await node(shared, url);
    try {
      a.registry.install(tiny.withTokenizer);
      a.registry.install(tiny.meanPooled);
      await a.switcher.promote('tiny@1');
      await waitFor(() => b.switcher.modelId() === 'tiny@1', "B's embedder on tiny@1", 10_000);
      expect(b.registry.activeId()).toBe('tiny@1');
      expect(b.switcher.info().id).toBe('convbert:tiny');
      await b.switcher.promote('tiny-mean@1');
      await waitFor(() => a.switcher.modelId() === 'tiny-mean@1', "A's embedder on tiny-mean@1", 10_000);
      // The rollback stack is the deployment's too: A goes back to what B replaced.
      await a.switcher.rollback();
      await waitFor(() => b.switcher.modelId() === 'tiny@1', 'B back on tiny@1', 10_000);
    } finally {
      await a.close();
      await b.close();
    }
    const later = ModelRegistry.open(path.join(root, 'elsewhere'), { state: PgRegistryState.open(url), logger });
    expect(later.activeId()).toBe('tiny@1');
    expect(later.history()).toEqual(['tiny@1', 'tiny-mean@1', 'tiny@1']);
    later.close();
  });

  it('keeps both of two promotions made at once on two nodes: neither is lost from the history or the rollback stack', async () => {
    const url = await postgres!.createDatabase();
    const shared = path.join(root, 'at-once');
    const stateA = PgRegistryState.open(url);
    const a = ModelRegistry.open(shared, { state: stateA, logger });
    const b = ModelRegistry.open(shared, { state: PgRegistryState.open(url), logger });
    try {
      a.install(tiny.withTokenizer);
      a.install(tiny.meanPooled);
      // In one turn of the event loop: A has not heard of B's promotion when it makes its own.
      b.setActive('tiny@1');
      a.setActive('tiny-mean@1');
      expect(a.history()).toEqual(['tiny@1', 'tiny-mean@1']);
      expect(a.rollbackTarget()).toBe('tiny@1');
      await waitFor(() => b.activeId() === 'tiny-mean@1', 'B following A', 10_000);
      expect(b.history()).toEqual(['tiny@1', 'tiny-mean@1']);
      // The write is a compare-and-set: a state read before another node's write is not written over it.
      const { state, version } = stateA.readVersioned();
      b.setActive('tiny@1', { rollback: true });
      expect(stateA.writeIf({ ...state, active: null }, version)).toBe(false);
      expect(stateA.read().active).toBe('tiny@1');
    } finally {
      a.close();
      b.close();
    }
  });

  it('takes a promotion by the CLI (another process, which then exits) on a running node', async () => {
    const url = await postgres!.createDatabase();
    const dataDir = path.join(root, 'cli-data');
    const a = await node(path.join(dataDir, 'models'), url);
    try {
      a.registry.install(tiny.withTokenizer);
      const cli = spawn(process.execPath, ['bin/chat-topics.js', 'model', 'promote', 'tiny@1', '--data-dir', dataDir], {
        env: { ...process.env, CHAT_TOPICS_DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      cli.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      cli.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => {
        // Its registry's thread must not keep it alive: it exits on its own once the promotion is written.
        const timer = setTimeout(() => (cli.kill('SIGKILL'), resolve(-1)), 20_000);
        cli.on('exit', (c) => (clearTimeout(timer), resolve(c)));
      });
      expect(code, out).toBe(0);
      await waitFor(() => a.switcher.modelId() === 'tiny@1', "the node's embedder on tiny@1", 10_000);
    } finally {
      await a.close();
    }
  }, 40_000);

  it('leaves the embedder of a node whose registry directory lacks the version as it is', async () => {
    const url = await postgres!.createDatabase();
    const a = await node(path.join(root, 'has-it'), url);
    const b = await node(path.join(root, 'lacks-it'), url);
    try {
      a.registry.install(tiny.withTokenizer);
      let told = 0;
      b.registry.onChange(() => told++);
      await a.switcher.promote('tiny@1');
      await waitFor(() => told > 0, 'B told of the promotion', 10_000);
      expect(b.registry.activeId()).toBe('tiny@1');
      // Its switch is tried and refused at once (no such directory here): B still embeds with what it had.
      await new Promise((r) => setTimeout(r, 300));
      expect(b.switcher.modelId()).toBeNull();
      expect(b.switcher.info().id).toBe('bow-v1');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('names the database when its state is not valid or its schema is newer, and hides the password', async () => {
    const url = await postgres!.createDatabase();
    PgRegistryState.open(url).close();
    await sql(url, `INSERT INTO chat_topics_registry VALUES (1, '{"active": 3, "previous": [], "activations": []}')`);
    const state = PgRegistryState.open(url);
    expect(() => state.read()).toThrow(ModelRegistryError);
    expect(() => state.read()).toThrow(/chat_topics_registry\): field "active"/);
    state.close();
    await sql(url, `UPDATE chat_topics_registry_version SET version = ${REGISTRY_SCHEMA_VERSION + 98}`);
    expect(() => PgRegistryState.open(url)).toThrow(/model registry schema version 99 is newer than this program/);
    let error: unknown;
    try {
      PgRegistryState.open('postgres://chat:s3cret@127.0.0.1:1/models');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegistryStateError);
    expect((error as Error).message).toMatch(/^postgres:\/\/chat:\*\*\*@127\.0\.0\.1:1\/models: cannot open/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
