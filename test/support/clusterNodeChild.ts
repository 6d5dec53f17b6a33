// One node of a multi-node deployment, in its own process (so a test can SIGKILL it): the dashboard server without
// the UI build, on a shared Redis and a fake Twitch IRC server. Prints "ready <url>" once listening.
// Arguments: redisUrl nodeId ircUrl dbPath operatorToken
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/main';
import { closeOnSignals } from '../../server/shutdown';

const [redisUrl, nodeId, ircUrl, db, operatorToken] = process.argv.slice(2);
const config = loadConfig(
  {
    port: 0,
    dbPath: db,
    redisUrl,
    nodeId,
    clusterLeaseSeconds: 2,
    twitchIrcUrl: ircUrl,
    operatorToken,
    demo: false,
    topicsRefitSeconds: 1,
    topicsMinMessages: 20,
  },
  {} as NodeJS.ProcessEnv,
);
const logger = createLogger(process.env.CLUSTER_TEST_LOG ?? 'silent');
const server = await startServer(config, logger, { uiHandler: async (_req, res) => void res.writeHead(204).end() });
closeOnSignals(() => server.close(), logger, process.stdout, 'chat-topics: stopped, archive flushed');
process.stdout.write(`ready ${server.url}\n`);
