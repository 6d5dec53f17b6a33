// Imports one file in a fresh process and prints its peak resident memory (maxRSS) as JSON.
import { SqliteArchive } from '../server/archive/SqliteArchive';
import { importChatFile } from '../server/importers/importChatFile';

const [file, db] = process.argv.slice(2);
const baselineRssMb = process.memoryUsage().rss / 1e6;
const archive = SqliteArchive.open(db!);
const t0 = performance.now();
const report = await importChatFile(archive, { path: file! });
const seconds = (performance.now() - t0) / 1000;
archive.close();
console.log(
  JSON.stringify({
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb,
    imported: report.imported,
    seconds,
  }),
);
