import type { CliCommand } from '../CliContext';
import { openCliArchive } from '../openCliArchive';
import { parseFlags } from '../parseFlags';
import { formatClock } from '../../formatClock';

export const streamsCommand: CliCommand = {
  name: 'streams',
  summary: 'list archived streams',
  usage: `Usage: chat-topics streams [--db FILE] [--data-dir DIR] [--json]

Lists the archive's streams, newest first: id, channel, source, messages ("incomplete": an import cut short), duration, start.`,
  async run(ctx) {
    const { values } = parseFlags(ctx.argv, {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    const { archive } = openCliArchive(ctx, { db: values.db, dataDir: values['data-dir'] });
    try {
      const streams = archive.listStreams();
      if (values.json) {
        ctx.stdout.write(JSON.stringify(streams, null, 2) + '\n');
        return 0;
      }
      if (streams.length === 0) {
        ctx.stdout.write(`no streams in ${archive.label}\n`);
        return 0;
      }
      const rows = streams.map((s) => [
        s.id,
        s.channel,
        s.source + (s.importFormat ? ` (${s.importFormat})` : ''),
        String(s.messageCount) + (s.complete ? '' : ' (incomplete)'),
        formatClock(s.durationSeconds),
        s.absoluteTime ? new Date(s.startedAt).toISOString().slice(0, 19).replace('T', ' ') : '-',
      ]);
      const header = ['ID', 'CHANNEL', 'SOURCE', 'MESSAGES', 'DURATION', 'STARTED (UTC)'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const row of [header, ...rows])
        ctx.stdout.write(
          row
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd() + '\n',
        );
      return 0;
    } finally {
      archive.close();
    }
  },
};
