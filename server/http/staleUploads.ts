import fs from 'node:fs';
import path from 'node:path';

/** Prefix of the directories the import route writes uploads to. */
export const UPLOAD_DIR_PREFIX = 'chat-topics-upload-';

/** An upload directory older than this belongs to a process that died mid-import (no import runs a day). */
const STALE_MS = 24 * 3600 * 1000;

/**
 * Removes upload directories left by a server that died mid-import: a `finally` cleans every upload of a living
 * process, but a process killed (out of memory, SIGKILL) cannot run it. Only directories older than a day are
 * touched, so another server sharing the temporary directory keeps its running uploads.
 * @returns how many were removed.
 */
export function sweepStaleUploads(tmpDir: string, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(UPLOAD_DIR_PREFIX)) continue;
    const dir = path.join(tmpDir, name);
    try {
      if (now - fs.statSync(dir).mtimeMs < STALE_MS) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone already, or not ours to remove: nothing to do.
    }
  }
  return removed;
}
