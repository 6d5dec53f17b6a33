import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { CliCommand } from '../CliContext';
import { parseFlags } from '../parseFlags';
import { openCliArchive } from '../openCliArchive';
import { UsageError } from '../../errors';
import { exportStreamJsonl } from '../../export/exportStreamJsonl';

const USAGE = `Usage: chat-topics export <stream-id> [--format jsonl] [--out FILE] [--db FILE] [--data-dir DIR]

Writes an archived stream as JSONL (a stream header line, then one message per line in time order), to stdout
or to FILE. \`chat-topics import\` reads it back. \`chat-topics streams\` lists the stream ids.

Options:
  --format jsonl  output format (the only one)
  --out FILE      write to FILE instead of stdout
  --db FILE       archive file (default ./data/archive.sqlite; env CHAT_TOPICS_DB_PATH)
  --data-dir DIR  directory of the default archive (env CHAT_TOPICS_DATA_DIR)`;

/** `chat-topics export <stream-id>`: a stream as JSONL (see `exportStreamJsonl`). */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export an archived stream as JSONL',
  usage: USAGE,
  async run(ctx) {
    const { values, positionals } = parseFlags(ctx.argv, {
      format: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? 'expected a stream id' : `expected one stream id, got ${positionals.length}`,
      );
    if ((values.format ?? 'jsonl') !== 'jsonl')
      throw new UsageError(`--format: only jsonl is supported, got "${values.format}"`);
    if (values.out === '') throw new UsageError('--out: expected a file name');
    const streamId = positionals[0]!;
    const { archive } = openCliArchive(ctx, { db: values.db, dataDir: values['data-dir'] });
    try {
      archive.requireStream(streamId); // before creating the output file
      if (values.out === undefined) {
        try {
          await exportStreamJsonl(archive, streamId, ctx.stdout);
        } catch (err) {
          // The reader went away (`export ... | head`): not an error of ours.
          if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
        }
        return 0;
      }
      const file = path.resolve(ctx.cwd, values.out);
      const out = fs.createWriteStream(file);
      const done = finished(out);
      try {
        const { messages } = await exportStreamJsonl(archive, streamId, out);
        out.end();
        await done;
        ctx.stderr.write(`exported ${messages} messages of ${streamId} to ${values.out}\n`);
        return 0;
      } catch (err) {
        out.destroy();
        await done.catch(() => undefined);
        fs.rmSync(file, { force: true }); // no half file that looks complete
        throw err;
      }
    } finally {
      archive.close();
    }
  },
};
