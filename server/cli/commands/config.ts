import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../CliContext';
import { configMarkdownTable, replaceConfigTable } from '../../config/configTable';
import { describeSettings } from '../../config/settings';
import { parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics config --markdown [--write FILE]

Prints the configuration table (every setting: environment variable, serve flag, default, meaning) in Markdown,
derived from the configuration schema. --write FILE replaces the table in FILE (the README) instead.`;

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'the configuration table (settings, environment variables, flags) in Markdown',
  usage: USAGE,
  async run(ctx) {
    const { values } = parseFlags(ctx.argv, { markdown: { type: 'boolean' }, write: { type: 'string' } });
    const table = configMarkdownTable(describeSettings());
    if (values.write === undefined) {
      ctx.stdout.write(`${table}\n`);
      return 0;
    }
    const file = path.resolve(ctx.cwd, values.write);
    fs.writeFileSync(file, replaceConfigTable(fs.readFileSync(file, 'utf8'), table));
    ctx.stdout.write(`chat-topics: configuration table written to ${values.write}\n`);
    return 0;
  },
};
