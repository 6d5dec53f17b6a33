import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsPath, type AppConfig } from '../config/loadConfig';
import type { Logger } from '../logger';
import { builtinModelDirs } from './builtinModels';
import { ModelRegistry } from './ModelRegistry';

/** The project directory (where `models/trained/` is), from this file's place in it. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The registry a config names (`modelsDir`, else `<dataDir>/models`, relative to `cwd`) with the install's
 * built-in models: what the server and the CLI's `train` and `model list|promote|rollback` open.
 *
 * @example const registry = openConfiguredRegistry(config, ctx.cwd, logger);
 */
export function openConfiguredRegistry(config: AppConfig, cwd: string, logger: Logger): ModelRegistry {
  return ModelRegistry.open(path.resolve(cwd, modelsPath(config)), {
    builtins: builtinModelDirs(PROJECT_ROOT),
    logger,
  });
}
