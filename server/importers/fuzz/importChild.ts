// Imports files into an archive and prints one JSON line per file, then this process's peak memory. Run by the
// fuzz test under `--max-old-space-size` to show that hostile files import in bounded memory.
import { SqliteArchive } from '../../archive/SqliteArchive';
import { importChatFile } from '../importChatFile';

const [db, ...files] = process.argv.slice(2);
const archive = SqliteArchive.open(db!);
for (const file of files) {
  const started = Date.now();
  try {
    const r = await importChatFile(archive, { path: file });
    const line = {
      file,
      imported: r.imported,
      errorCount: r.errorCount,
      complete: r.complete,
      fatal: r.fatal,
      errors: r.errors.slice(0, 3),
      ms: Date.now() - started,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  } catch (err) {
    process.stdout.write(JSON.stringify({ file, refused: (err as Error).message, ms: Date.now() - started }) + '\n');
  }
}
archive.close();
process.stdout.write(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
