// Guards the single error root: an error class of models/ or server/ that extends Error directly would escape the
// kind -> HTTP status and kind -> exit code mappings (it would answer 500 and crash the CLI with a stack).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT_FILE = path.join('models', 'errors', 'ChatTopicsError.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe('one error root', () => {
  it('no error class in models/ or server/ extends Error directly, but the root', () => {
    const direct = [...sources('models'), ...sources('server')]
      .filter((file) => file !== ROOT_FILE)
      .flatMap((file) =>
        [...fs.readFileSync(path.join(repo, file), 'utf8').matchAll(/class (\w+) extends Error\b/g)].map(
          (m) => `${file}: ${m[1]}`,
        ),
      );
    expect(direct).toEqual([]);
  });
});
