import fs from 'node:fs';
import path from 'node:path';
import type { ChatMessage, StreamInfo } from '../../contracts/chat';
import type { Archive } from '../archive/Archive';
import { SqliteArchive } from '../archive/SqliteArchive';
import { UsageError } from '../errors';
import type { FormatName } from '../importers/formats';
import { importChatFile } from '../importers/importChatFile';
import { formatIssue } from '../importers/parseChatFile';

export interface AnalysisInput {
  stream: StreamInfo;
  messages: ChatMessage[];
  /** Lines of the file that could not be read (file input only), as `line N: reason`. */
  issues: string[];
}

/**
 * Reads a chat file (any import format, plain or gzip) without touching the user's archive: it is imported into
 * an in-memory archive, so moderation events and bot flags are applied exactly as `chat-topics import` would.
 *
 * @throws ImportFormatError when the file cannot be read or has no known format
 */
export async function loadChatFileForAnalysis(
  file: string,
  options: { format?: FormatName; channel?: string; botNames: readonly string[] },
): Promise<AnalysisInput> {
  const archive = SqliteArchive.open(':memory:');
  try {
    const report = await importChatFile(archive, {
      path: file,
      format: options.format,
      channel: options.channel,
      botNames: options.botNames,
    });
    const issues = report.errors.map(formatIssue);
    if (report.fatal) issues.push(`stopped early: ${report.fatal}`);
    return { stream: report.stream, messages: [...archive.iterateMessages(report.stream.id)], issues };
  } finally {
    archive.close();
  }
}

/** Reads an archived stream by id. @throws UsageError naming the id when the archive has no such stream. */
export function loadArchivedStreamForAnalysis(archive: Archive, streamId: string): AnalysisInput {
  const stream = archive.getStream(streamId);
  if (!stream) throw new UsageError(`no file and no archived stream named "${streamId}" (see chat-topics streams)`);
  return { stream, messages: [...archive.iterateMessages(streamId)], issues: [] };
}

/** True when `source` names an existing file (relative to cwd): then it is read as a chat file, else as a stream id. */
export function isChatFile(source: string, cwd: string): boolean {
  return fs.statSync(path.resolve(cwd, source), { throwIfNoEntry: false })?.isFile() ?? false;
}
