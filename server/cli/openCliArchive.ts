import path from 'node:path';
import type { Archive } from '../archive/Archive';
import { openArchive } from '../archive/openArchive';
import { archivePath, loadConfig, type AppConfig } from '../config/loadConfig';
import type { CliContext } from './CliContext';

/**
 * The archive a one-shot command works on: `--db`, else the PostgreSQL archive of `CHAT_TOPICS_DATABASE_URL`, else
 * `--data-dir`, else the environment, else `./data`, resolved against the command's working directory. The caller
 * closes it.
 * @example const { archive } = openCliArchive(ctx, { db: values.db, dataDir: values['data-dir'] });
 */
export function openCliArchive(
  ctx: CliContext,
  flags: { db?: string; dataDir?: string },
): { archive: Archive; config: AppConfig } {
  const config = loadConfig({ dbPath: flags.db, dataDir: flags.dataDir }, ctx.env);
  const location =
    flags.db === undefined && config.databaseUrl ? config.databaseUrl : path.resolve(ctx.cwd, archivePath(config));
  return { archive: openArchive(location), config };
}
