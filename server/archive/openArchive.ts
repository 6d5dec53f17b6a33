import type { Archive } from './Archive';
import { PgArchive } from './postgres/PgArchive';
import { isPostgresUrl } from '../postgres/postgresUrl';
import { SqliteArchive } from './SqliteArchive';

/**
 * Opens the archive a location names: a `postgres://` URL opens the PostgreSQL back end, anything else is a SQLite file
 * (`:memory:` a throwaway one). Threads and child processes open the same archive from `archive.location`.
 * @example const archive = openArchive(config.databaseUrl ?? archivePath(config));
 */
export function openArchive(location: string): Archive {
  return isPostgresUrl(location) ? PgArchive.open(location) : SqliteArchive.open(location);
}
