import type { CliCommand } from '../CliContext';
import { adminCommand } from './admin';
import { analyzeCommand } from './analyze';
import { configCommand } from './config';
import { embedCommand } from './embed';
import { embedServerCommand } from './embedServer';
import { exportCommand } from './export';
import { importCommand } from './import';
import { modelCommand } from './model';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { streamsCommand } from './streams';
import { trainCommand } from './train';

/** Every CLI command, in the order `chat-topics help` lists them. */
export const commands: readonly CliCommand[] = [
  serveCommand,
  importCommand,
  exportCommand,
  streamsCommand,
  simulateCommand,
  analyzeCommand,
  trainCommand,
  modelCommand,
  embedCommand,
  embedServerCommand,
  adminCommand,
  configCommand,
];
