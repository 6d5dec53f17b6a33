import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatTopicsError } from '../errors';
import type { Logger } from '../logger';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Sources whose change makes a production build stale. */
const UI_SOURCES = ['app', 'contracts', 'next.config.js'];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when `.next` has no production build or the UI sources changed after it was made. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return UI_SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Runs `next build` in `root`, with its output on our stderr (stdout stays for the CLI's own lines). */
export async function buildUi(root: string, logger: Logger): Promise<void> {
  const nextBin = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
  logger.info('running next build');
  // A person is waiting at the terminal: say why in words, not in a JSON log line.
  process.stderr.write('chat-topics: building the dashboard (next build), about a minute the first time...\n');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new ChatTopicsError(`next build failed with exit code ${code}`);
}

/**
 * Prepares Next's request handler (production build, or dev mode with hot reload).
 * @param root the project directory (where `app/` and `.next/` are)
 */
export async function prepareNext(
  root: string,
  options: { dev: boolean; buildIfNeeded: boolean },
  logger: Logger,
): Promise<RequestHandler> {
  if (!options.dev && buildIsStale(root)) {
    if (!options.buildIfNeeded) {
      throw new ChatTopicsError(
        'the dashboard is not built (or is older than its sources): run `npm run build`, or serve with --build-if-needed',
      );
    }
    await buildUi(root, logger);
  }
  const { default: next } = await import('next');
  const app = next({ dev: options.dev, dir: root, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => handle(req, res);
}
