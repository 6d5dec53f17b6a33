import path from 'node:path';
import type { CliCommand, CliContext } from '../CliContext';
import { parseFlags } from '../parseFlags';
import { openCliArchive } from '../openCliArchive';
import { UsageError } from '../../errors';
import { FORMAT_NAMES, isFormatName } from '../../importers/formats';
import { importChatFile, type ImportReport } from '../../importers/importChatFile';
import { formatIssue } from '../../importers/parseChatFile';

/** Bad lines printed; the report holds more (`--json`). */
const PRINTED_ERRORS = 10;

const USAGE = `Usage: chat-topics import <file> [--format F] [--channel C] [--title T] [--db FILE] [--data-dir DIR] [--json]

Imports an archived chat file (plain or .gz) into the archive as a new stream, and prints its id and counts.
Bad lines are skipped and listed with their line numbers. Exit status 0 when the whole file was read and
messages were imported; 1 when the file was refused (unknown format, unreadable): nothing is written then; 2 when
the file stopped part-way (truncated, corrupt gzip or JSON): what came before is imported, but the stream is
listed as incomplete (delete it and import a whole file).

Options:
  --format F     one of ${FORMAT_NAMES.join(', ')}
                 (default: detected from the content)
  --channel C    channel login (default: from the file, else from its name)
  --title T      stream title (default: the file name)
  --db FILE      archive file (default ./data/archive.sqlite; env CHAT_TOPICS_DB_PATH)
  --data-dir DIR directory of the default archive (env CHAT_TOPICS_DATA_DIR)
  --json         print the import report as JSON`;

function printReport(ctx: CliContext, report: ImportReport): void {
  const out = (line: string) => ctx.stdout.write(line + '\n');
  out(`stream: ${report.stream.id}`);
  out(`format: ${report.format}`);
  out(`imported: ${report.imported}`);
  const parts = [`${report.errorCount} bad`];
  if (report.duplicates) parts.push(`${report.duplicates} duplicate ids`);
  out(`skipped: ${report.skipped}${report.skipped ? ` (${parts.join(', ')})` : ''}`);
  if (report.deleted) out(`deleted by moderation: ${report.deleted}`);
  if (!report.stream.absoluteTime) out('times: relative to the video start (the file has no dates)');
  if (report.errorCount > 0) {
    const shown = report.errors.slice(0, PRINTED_ERRORS);
    out(`errors (first ${shown.length} of ${report.errorCount}):`);
    for (const issue of shown) out(`  ${formatIssue(issue)}`);
  }
  if (!report.complete) {
    const last = report.lastGoodLine === null ? 'none' : `line ${report.lastGoodLine}`;
    out(`INCOMPLETE: stopped early: ${report.fatal} (messages before it were imported; last good message: ${last})`);
  }
}

/** `chat-topics import <file>`: a chat file into the archive (see `importChatFile`). */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a chat file (TwitchDownloader, chat-downloader, Chatterino, IRC, CSV, JSONL) as a stream',
  usage: USAGE,
  async run(ctx) {
    const { values, positionals } = parseFlags(ctx.argv, {
      format: { type: 'string' },
      channel: { type: 'string' },
      title: { type: 'string' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? 'expected the file to import' : `expected one file, got ${positionals.length}`,
      );
    const format = values.format === 'auto' ? undefined : values.format;
    if (format !== undefined && !isFormatName(format))
      throw new UsageError(`--format: unknown format "${format}" (one of: ${FORMAT_NAMES.join(', ')})`);
    const file = path.resolve(ctx.cwd, positionals[0]!);
    const { archive, config } = openCliArchive(ctx, { db: values.db, dataDir: values['data-dir'] });
    try {
      const report = await importChatFile(archive, {
        path: file,
        format,
        channel: values.channel,
        title: values.title,
        botNames: config.botNames,
      });
      if (values.json) ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else printReport(ctx, report);
      // An import cut short is not a success, whatever it imported: scripts must not take it for the whole file.
      if (!report.complete) return 2;
      return report.imported > 0 ? 0 : 1;
    } finally {
      archive.close();
    }
  },
};
