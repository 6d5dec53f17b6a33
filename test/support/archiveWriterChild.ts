// A process that archives messages as fast as live chat would arrive in a flood, reporting what it has
// committed, until it is killed. Used by the hard-kill test.
import { openArchive } from '../../server/archive/openArchive';
import { ArchiveWriter } from '../../server/archive/ArchiveWriter';
import { createLogger } from '../../server/logger';
import { makeMessage } from './messages';

// The archive's location: a SQLite file or a PostgreSQL URL.
const [location, batchSize, flushMs] = process.argv.slice(2);
const archive = openArchive(location!);
const stream = archive.createStream({
  channel: 'kill',
  source: 'live',
  title: 'kill test',
  startedAt: 0,
  absoluteTime: true,
  importFormat: null,
});
const writer = new ArchiveWriter(
  archive,
  { batchSize: Number(batchSize), flushMs: Number(flushMs) },
  createLogger('silent'),
);
let sent = 0;
function burst() {
  const batch = [];
  for (let i = 0; i < 37; i++, sent++)
    batch.push(makeMessage({ id: String(sent), streamId: stream.id, elapsed: sent / 1000, ts: sent }));
  writer.write(batch);
  process.stdout.write(`sent ${sent} committed ${writer.stats().written}\n`);
  setTimeout(burst, 1);
}
burst();
