// The dashboard server of the load benchmark, in its own process so the load generator and the observers never
// share its event loop. Config overrides come as one JSON argument; prints "ready <url>" once listening and stops
// (archive flushed) on SIGTERM like `chat-topics serve`.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/main';
import { closeOnSignals } from '../../server/shutdown';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const config = loadConfig({ port: 0, demo: false, ...overrides }, process.env);
const logger = createLogger(process.env.LOAD_LOG_LEVEL ?? 'warn');
const server = await startServer(config, logger, { uiHandler: async (_req, res) => void res.writeHead(204).end() });
// How long the event loop stalls: the figure behind every other one (ingest, delivery, /api/config).
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const utilisationAtStart = performance.eventLoopUtilization();
process.once('SIGTERM', () => {
  delay.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const loop = {
    delayP50Ms: ms(delay.percentile(50)),
    delayP99Ms: ms(delay.percentile(99)),
    delayMaxMs: ms(delay.max),
    utilisation: Math.round(performance.eventLoopUtilization(utilisationAtStart).utilization * 100) / 100,
  };
  process.stdout.write(`loop ${JSON.stringify(loop)}\n`);
});
closeOnSignals(() => server.close(), logger, process.stdout, 'stopped');
process.stdout.write(`ready ${server.url}\n`);
