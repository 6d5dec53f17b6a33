import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `value` as JSON so that readers see the old file or the new one, never half of one: a temporary sibling is
 * written, flushed to disk, then renamed over the target (atomic on one file system). Creates the parent folder.
 *
 * @param file the JSON file to write
 * @param value anything `JSON.stringify` accepts
 * @example writeJsonAtomic('data/models/registry.json', { active: null, previous: [], activations: [] });
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(value, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
