import type { Logger } from '../../logger';
import { isPostgresUrl } from '../../postgres/postgresUrl';
import { FileJobStore } from './FileJobStore';
import { PgJobStore } from './postgres/PgJobStore';
import type { TrainingJobStore } from './TrainingJobStore';

/**
 * The training jobs' store: the deployment's PostgreSQL database when `databaseUrl` is set, else files in `dir`.
 * @param dir the training directory (checkpoints in either case)
 * @example const store = openJobStore(trainingPath(config), config.databaseUrl ?? null, logger);
 */
export function openJobStore(dir: string, databaseUrl: string | null, logger: Logger): TrainingJobStore {
  if (databaseUrl !== null && isPostgresUrl(databaseUrl)) return PgJobStore.open(databaseUrl, dir, logger);
  return new FileJobStore(dir, logger);
}
