// A dashboard server without the UI build, stopped by signals like `chat-topics serve`: for shutdown tests.
// Prints "ready <url>" once listening.
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/main';
import { closeOnSignals } from '../../server/shutdown';

const [db, flushMs] = process.argv.slice(2);
// Huge batches and a long flush delay: only the shutdown flush can put the demo's chat in the archive.
const config = loadConfig(
  { port: 0, dbPath: db, demoRate: 200, archiveBatchSize: 1_000_000, archiveFlushMs: Number(flushMs) },
  process.env,
);
const logger = createLogger('silent');
const server = await startServer(config, logger, { uiHandler: async (_req, res) => void res.writeHead(204).end() });
closeOnSignals(() => server.close(), logger, process.stdout, 'chat-topics: stopped, archive flushed');
process.stdout.write(`ready ${server.url}\n`);
