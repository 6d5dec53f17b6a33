import type { CliCommand } from '../CliContext';
import { loadConfig } from '../../config/loadConfig';
import { describeSettings } from '../../config/settings';
import { createLogger } from '../../logger';
import { startServer } from '../../main';
import { closeOnSignals } from '../../shutdown';
import { parseFlags } from '../parseFlags';
import { settingFlagOptions, settingFlagUsage, settingOverrides } from '../settingFlags';

const SETTINGS = describeSettings();

const USAGE = `Usage: chat-topics serve [options]

Starts the dashboard (Next.js + socket.io on one port) with the demo channel and any live channels.

Options: every setting of the configuration, also settable as its environment variable (CHAT_TOPICS_ + the name in
SCREAMING_SNAKE_CASE; \`chat-topics config --markdown\` lists them). Flags win over the environment.
${settingFlagUsage(SETTINGS)}
From the environment only (flags show in the process list): ${SETTINGS.filter((s) => s.flag === null)
  .map((s) => s.env)
  .join(', ')}.`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the dashboard server (default)',
  usage: USAGE,
  async run(ctx) {
    const { values } = parseFlags(ctx.argv, settingFlagOptions(SETTINGS));
    const config = loadConfig(settingOverrides(SETTINGS, values), ctx.env);
    const logger = createLogger(config.logLevel);
    const server = await startServer(config, logger);
    ctx.stdout.write(`chat-topics: dashboard at ${server.url}\n`);
    ctx.stdout.write(`chat-topics: embedder ${server.embedderInfo.description}\n`);
    closeOnSignals(() => server.close(), logger, ctx.stdout, 'chat-topics: stopped, archive flushed');
    return -1;
  },
};
