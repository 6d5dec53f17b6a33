import type { CliCommand } from '../CliContext';
import { exportCommand } from './export';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { streamsCommand } from './streams';

/** Every CLI command, in the order `chat-topics help` lists them. */
export const commands: readonly CliCommand[] = [serveCommand, importCommand, exportCommand, streamsCommand, simulateCommand];
