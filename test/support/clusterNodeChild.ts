// One node of a multi-node deployment, in its own process (so a test or a benchmark can SIGKILL it): the dashboard
// server without the UI build. Argument: the settings as one JSON object (redisUrl, nodeId, twitchIrcUrl, dbPath...).
// Prints "ready <url>" once listening.
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/main';
import { closeOnSignals } from '../../server/shutdown';

const settings = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const config = loadConfig({ port: 0, demo: false, ...settings }, {} as NodeJS.ProcessEnv);
const logger = createLogger(process.env.CLUSTER_NODE_LOG ?? 'silent');
const server = await startServer(config, logger, { uiHandler: async (_req, res) => void res.writeHead(204).end() });
closeOnSignals(() => server.close(), logger, process.stdout, 'chat-topics: stopped, archive flushed');
process.stdout.write(`ready ${server.url}\n`);
