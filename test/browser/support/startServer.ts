import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/freePort';

/** The repository root (this file is test/browser/support/startServer.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface StartedServer {
  /** `http://127.0.0.1:<port>`, as the server announced it. */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after a grace period; removes the data directory. */
  stop(): Promise<void>;
  /** SIGKILL now, as a lost machine (the data directory stays until `stop`); resolves once the process is gone. */
  kill(): Promise<void>;
}

function tail(text: string, max = 4000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `node bin/chat-topics.js serve --port <free> --data-dir <tmp> [...args]` (a production `next build` must
 * exist) and resolves once it prints `chat-topics: dashboard at <url>`. Rejects with the server's stderr if it exits
 * first or is not ready within `timeoutMs`.
 */
export async function startServer(
  options: { args?: string[]; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<StartedServer> {
  const { args = [], timeoutMs = 120_000 } = options;
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-topics-browser-'));
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'chat-topics.js'), 'serve', '--port', String(port), '--data-dir', dataDir, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 12_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`server not ready after ${timeoutMs} ms.\nstdout:\n${tail(stdout)}\nstderr:\n${tail(stderr)}`),
          ),
        timeoutMs,
      );
      child.stdout!.on('data', (chunk: string) => {
        stdout += chunk;
        const m = /chat-topics: dashboard at (http:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `server exited (code ${code}, signal ${signal}) before it was ready.\nstdout:\n${tail(stdout)}\nstderr:\n${tail(stderr)}`,
          ),
        );
      });
    });
    const kill = async () => {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    };
    return { url, port, dataDir, stderr: () => stderr, stop, kill };
  } catch (err) {
    await stop();
    throw err;
  }
}
