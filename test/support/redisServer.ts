// A real Redis server for the tests of a multi-node deployment: Debian's redis-server on a free loopback port, nothing
// saved to disk. CI installs it (.ci/run); elsewhere the tests that need it are skipped when it is missing.
import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './freePort';

/** Whether `redis-server` can be started here. In CI it must be (the tests fail rather than skip). */
export const HAS_REDIS = process.env.CI ? true : spawnSync('redis-server', ['--version']).status === 0;

export interface TestRedis {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Waits until the owner of `channel` has recorded at least `count` messages at a lease renewal (what a node taking the
 * channel over goes on from): a test kills the owner only after that, or the count it checks would depend on timing.
 */
export async function waitForRecordedCount(url: string, channel: string, count: number, timeoutMs = 10_000) {
  const redis = new Redis(url);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = JSON.parse((await redis.get(`chat-topics:seen:${channel}`)) ?? '{}') as { count?: number };
      if ((record.count ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(`the owner of ${channel} did not record ${count} messages in time`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    redis.disconnect();
  }
}

/** Starts a throwaway Redis; resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s:\n${output}`)), 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
