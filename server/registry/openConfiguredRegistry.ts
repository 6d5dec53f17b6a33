import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsPath, type AppConfig } from '../config/loadConfig';
import type { Logger } from '../logger';
import { builtinModelDirs } from './builtinModels';
import { ModelRegistry } from './ModelRegistry';
import { PgRegistryState } from './postgres/PgRegistryState';

/** The project directory (where `models/trained/` is), from this file's place in it. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The registry a config names (`modelsDir`, else `<dataDir>/models`, relative to `cwd`) with the install's
 * built-in models: what the server and the CLI's `train` and `model list|promote|rollback` open. With
 * `databaseUrl` its state (the active version) is the deployment's, in PostgreSQL: a promotion anywhere applies to
 * every node whose registry directory holds the version (a directory the nodes share).
 *
 * @example const registry = openConfiguredRegistry(config, ctx.cwd, logger);
 */
export function openConfiguredRegistry(config: AppConfig, cwd: string, logger: Logger): ModelRegistry {
  return ModelRegistry.open(path.resolve(cwd, modelsPath(config)), {
    builtins: builtinModelDirs(PROJECT_ROOT),
    ...(config.databaseUrl ? { state: PgRegistryState.open(config.databaseUrl) } : {}),
    logger,
  });
}
