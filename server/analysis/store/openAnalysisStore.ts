import path from 'node:path';
import { isPostgresUrl } from '../../postgres/postgresUrl';
import type { AnalysisStore } from './AnalysisStore';
import { FileAnalysisStore } from './FileAnalysisStore';
import { PgAnalysisStore } from './postgres/PgAnalysisStore';

/**
 * The analysis store at a location: a `postgres://` URL opens the table in that database, anything else is a
 * directory. What a child process is given to open the same store (`AnalysisStore.location`).
 * @param location `analysesPath(config)`
 * @param cwd what a relative directory is resolved against
 * @throws AnalysisStoreError when the database cannot be opened
 * @example openAnalysisStore(analysesPath(config)).list(streamId)
 */
export function openAnalysisStore(location: string, cwd = process.cwd()): AnalysisStore {
  return isPostgresUrl(location) ? PgAnalysisStore.open(location) : new FileAnalysisStore(path.resolve(cwd, location));
}
