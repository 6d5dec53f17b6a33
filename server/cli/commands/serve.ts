import type { CliCommand } from '../CliContext';
import { loadConfig } from '../../config/loadConfig';
import { createLogger } from '../../logger';
import { startServer } from '../../main';
import { closeOnSignals } from '../../shutdown';
import { parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics serve [options]

Starts the dashboard (Next.js + socket.io on one port) with the demo channel and any live channels.

Options (each also settable as an environment variable, see the README):
  --port N              HTTP port (default 3000; 0 = any free port)
  --host H              interface to bind (default 127.0.0.1)
  --data-dir DIR        state directory (default ./data)
  --db FILE             archive file (default <data-dir>/archive.sqlite)
  --channel NAME        join a live Twitch channel (repeatable)
  --no-demo             do not start the simulated demo channel
  --demo-rate R         demo messages per second (default 4)
  --demo-seed S         demo simulator seed (default 42)
  --embed-model M       message embedder: bow (default, the baseline), a model directory, or an embed-server URL
  --embed-threads N     ONNX Runtime threads of a model (default 2)
  --no-topics           do not run the live topic engine
  --topics-refit-seconds S   seconds between topic refits (default 30)
  --topics-min-messages N    messages a channel needs before its first topics (default 100)
  --topics-window-minutes M  live topic window, minutes of stream time (default 10)
  --topics-window-messages N live topic window, most messages (default 10000)
  --admin-password P    unlock the admin section with this password (kept hashed in memory; prefer the
                        environment variable CHAT_TOPICS_ADMIN_PASSWORD or adminPasswordHash, which the process
                        list does not show)
  --log-level L         fatal|error|warn|info|debug|trace|silent (default warn)
  --dev                 Next development mode (hot reload)
  --build-if-needed     run \`next build\` first when the build is missing or stale
The Twitch login and token come from CHAT_TOPICS_TWITCH_USERNAME / CHAT_TOPICS_TWITCH_TOKEN (never flags: they
would show in the process list).`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the dashboard server (default)',
  usage: USAGE,
  async run(ctx) {
    const { values } = parseFlags(ctx.argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
      channel: { type: 'string', multiple: true },
      'no-demo': { type: 'boolean' },
      'demo-rate': { type: 'string' },
      'demo-seed': { type: 'string' },
      'log-level': { type: 'string' },
      'no-topics': { type: 'boolean' },
      'topics-refit-seconds': { type: 'string' },
      'topics-min-messages': { type: 'string' },
      'topics-window-minutes': { type: 'string' },
      'topics-window-messages': { type: 'string' },
      'embed-model': { type: 'string' },
      'embed-threads': { type: 'string' },
      dev: { type: 'boolean' },
      'build-if-needed': { type: 'boolean' },
      'admin-password': { type: 'string' },
    });
    const config = loadConfig(
      {
        port: values.port,
        host: values.host,
        dataDir: values['data-dir'],
        dbPath: values.db,
        channels: values.channel,
        demo: values['no-demo'] ? false : undefined,
        demoRate: values['demo-rate'],
        demoSeed: values['demo-seed'],
        logLevel: values['log-level'],
        topics: values['no-topics'] ? false : undefined,
        topicsRefitSeconds: values['topics-refit-seconds'],
        topicsMinMessages: values['topics-min-messages'],
        topicsWindowMinutes: values['topics-window-minutes'],
        topicsWindowMessages: values['topics-window-messages'],
        embedModel: values['embed-model'],
        embedThreads: values['embed-threads'],
        dev: values.dev,
        buildIfNeeded: values['build-if-needed'],
        adminPassword: values['admin-password'],
      },
      ctx.env,
    );
    const logger = createLogger(config.logLevel);
    const server = await startServer(config, logger);
    ctx.stdout.write(`chat-topics: dashboard at ${server.url}\n`);
    ctx.stdout.write(`chat-topics: embedder ${server.embedderInfo.description}\n`);
    closeOnSignals(() => server.close(), logger, ctx.stdout, 'chat-topics: stopped, archive flushed');
    return -1;
  },
};
