// A real PostgreSQL for the tests of the shared archive: Debian's server binaries, a throwaway cluster in a temporary
// directory on a free loopback port, no fsync. CI installs them (.ci/run); elsewhere the tests that need them are
// skipped when they are missing. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres`
// user that Debian's package creates.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './freePort';

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const BIN_DIR = findBinDir();
const AS_ROOT = process.getuid?.() === 0;

/** Whether a PostgreSQL server can be started here. In CI it must be (the tests fail rather than skip). */
export const HAS_POSTGRES = process.env.CI ? true : BIN_DIR !== null;

export interface TestPostgres {
  /** The server's URL, for the `postgres` database. */
  url: string;
  /** Creates an empty database and returns its URL: one per test keeps tests apart at the cost of ~50 ms. */
  createDatabase(): Promise<string>;
  /** Stops the server as an operator restarting it would (connections cut, data kept). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL; resolves once it accepts connections.
 * @param options `durable`: PostgreSQL's own defaults (fsync, synchronous commits) instead of the tests' fast
 *   settings, for benchmarks
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  if (!BIN_DIR)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pg-'));
  const data = path.join(dir, 'data');
  // As root, PostgreSQL's processes run as `postgres` (spawn sets their ids: signals reach postgres itself).
  const asPostgres: { uid?: number; gid?: number } = AS_ROOT ? postgresIds() : {};
  if (asPostgres.uid !== undefined) fs.chownSync(dir, asPostgres.uid, asPostgres.gid!);
  const init = spawnSync(path.join(BIN_DIR, 'initdb'), initArgs(data), { encoding: 'utf8', ...asPostgres, cwd: dir });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      path.join(BIN_DIR!, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...asPostgres, cwd: dir },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres did not start in 20 s:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited with code ${code}:\n${output}`));
      });
    });
    return child;
  };
  /** Fast shutdown (SIGINT): connections are cut, the data stays for a restart. */
  const stop = (process: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) return resolve();
      process.once('exit', () => resolve());
      process.kill(signal);
    });
  let child = await launch();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    async createDatabase() {
      const name = `t${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await stop(child, 'SIGINT');
    },
    async start() {
      child = await launch();
    },
    async close() {
      // Immediate shutdown: nothing of a throwaway cluster needs to survive.
      await stop(child, 'SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function initArgs(data: string): string[] {
  return ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'];
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no postgres user to run PostgreSQL as root');
  return { uid, gid };
}
