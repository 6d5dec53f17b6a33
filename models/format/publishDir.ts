import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ModelFormatError } from './errors';

/** What {@link publishDir} does when the target already exists and is not empty. */
export interface PublishOptions {
  /** Replace an existing non-empty target. Even then only a directory holding `marker` is replaced. */
  overwrite?: boolean;
  /**
   * A file that marks a directory as ours (`manifest.json`): `overwrite` never deletes a non-empty directory
   * without it, so a mistyped `--out .` cannot wipe a home folder.
   */
  marker: string;
}

/**
 * Checks, before any work, that {@link publishDir} may write `target`: absent, an empty directory, or (with
 * `overwrite`) a directory holding `marker`.
 *
 * @throws ModelFormatError naming the target and saying what would have to change
 */
export function assertPublishable(target: string, options: PublishOptions): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new ModelFormatError('exists and is not a directory', { dir: target });
  const entries = readdirSync(target);
  if (entries.length === 0) return;
  if (options.overwrite !== true)
    throw new ModelFormatError('exists and is not empty: pass overwrite (--overwrite) to replace it', { dir: target });
  if (!entries.includes(options.marker)) {
    throw new ModelFormatError(
      `exists, is not empty and has no ${options.marker}: not replacing a directory that is not a model, even with overwrite`,
      {
        dir: target,
      },
    );
  }
}

/**
 * Writes a directory so that it appears complete or not at all: `fill` writes into a temporary sibling
 * (`.<name>.partial-<pid>-<random>`, same file system, so the final rename is atomic), then the sibling is
 * renamed to `target`. A failure (or a crash) before the rename leaves no `target`; the temporary directory is
 * removed on failure. An existing target is moved aside, replaced, then deleted, and put back if the rename fails.
 *
 * @param fill writes the files; receives the temporary directory
 * @throws ModelFormatError when the target may not be written (see {@link assertPublishable}); whatever `fill` throws
 * @example
 * publishDir('models/twitch', { marker: 'manifest.json' }, (tmp) => writeFileDurably(join(tmp, 'a.bin'), bytes));
 */
export function publishDir<T>(target: string, options: PublishOptions, fill: (tmpDir: string) => T): T {
  const finalDir = resolve(target);
  assertPublishable(finalDir, options);
  const parent = dirname(finalDir);
  const createdParent = mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmpDir = join(parent, `.${basename(finalDir)}.partial-${tag}`);
  try {
    mkdirSync(tmpDir);
    const result = fill(tmpDir);
    if (existsSync(finalDir)) {
      const aside = join(parent, `.${basename(finalDir)}.replaced-${tag}`);
      renameSync(finalDir, aside);
      try {
        renameSync(tmpDir, finalDir);
      } catch (error) {
        renameSync(aside, finalDir);
        throw error;
      }
      rmSync(aside, { recursive: true, force: true });
    } else {
      renameSync(tmpDir, finalDir);
    }
    return result;
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    // Folders created only for this output go too: a failed write leaves nothing behind.
    if (createdParent !== undefined) rmSync(createdParent, { recursive: true, force: true });
    throw error;
  }
}

/** Writes a file and flushes it to disk, so a renamed directory never holds files the OS had not written yet. */
export function writeFileDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
