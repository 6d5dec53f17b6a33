#!/usr/bin/env node
// Runs the TypeScript CLI through tsx in this same process, so signals (Ctrl-C, SIGTERM) reach the server.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { runCli } = await import(pathToFileURL(path.join(here, '..', 'server', 'cli', 'main.ts')).href);
const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
if (code !== -1) process.exitCode = code;
