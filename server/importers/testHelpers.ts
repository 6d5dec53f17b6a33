import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ChatMessage } from '../../contracts/chat';
import { SqliteArchive } from '../archive/SqliteArchive';
import { parseChatFile, type ImportIssue, type ParseOptions } from './parseChatFile';
import type { StreamDeletion, StreamDraft } from './normalise';

/** Test helper: a temporary directory for small chat files and a real SQLite archive; `cleanup()` removes it. */
export function tempWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-topics-import-test-'));
  const archives: SqliteArchive[] = [];
  return {
    dir,
    /** Writes `content` to `name` in the directory; `gzip` compresses it. @returns the path. */
    write(name: string, content: string | Buffer, gzip = false): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, gzip ? gzipSync(content) : content);
      return file;
    },
    /** A fresh archive file in the directory. */
    archive(name = 'archive.sqlite'): SqliteArchive {
      const archive = SqliteArchive.open(path.join(dir, name));
      archives.push(archive);
      return archive;
    },
    cleanup(): void {
      for (const a of archives) a.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Test helper: everything `parseChatFile` yields, sorted by kind. */
export async function parseAll(file: string, options: ParseOptions = {}) {
  const messages: ChatMessage[] = [];
  const issues: ImportIssue[] = [];
  const deletions: StreamDeletion[] = [];
  let stream: StreamDraft | null = null;
  let fatal: string | null = null;
  for await (const item of parseChatFile(file, options)) {
    if (item.type === 'message') messages.push(item.message);
    else if (item.type === 'issue') issues.push(item.issue);
    else if (item.type === 'deletion') deletions.push(item.deletion);
    else if (item.type === 'stream') stream = item.stream;
    else fatal = item.reason;
  }
  return { messages, issues, deletions, stream: stream as StreamDraft | null, fatal };
}

/** Test helper: the emote names as the contract defines them, `[...text].slice(start, end)`. */
export function emoteSlices(m: ChatMessage): string[] {
  const cps = [...m.text];
  return m.emotes.map((e) => cps.slice(e.start, e.end).join(''));
}
