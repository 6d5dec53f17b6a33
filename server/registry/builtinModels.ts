import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MODEL_FILES } from '../../models/format';

/** Where the install's own trained models live, relative to the project directory. */
export const BUILTIN_MODELS_DIR = path.join('models', 'trained');

/**
 * The model directories shipped with the install: every directory holding a `manifest.json` under
 * `models/trained/` (at depth one or two: `models/trained/<name>/` or `models/trained/<name>/<version>/`).
 * None when the folder does not exist.
 *
 * @param projectRoot the project directory (`PROJECT_ROOT`)
 * @example ModelRegistry.open(modelsPath(config), { builtins: builtinModelDirs(PROJECT_ROOT), logger });
 */
export function builtinModelDirs(projectRoot: string): string[] {
  const root = path.join(projectRoot, BUILTIN_MODELS_DIR);
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (existsSync(path.join(dir, MODEL_FILES.manifest))) {
      found.push(dir);
      return;
    }
    if (depth === 2) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('.')) visit(path.join(dir, e.name), depth + 1);
    }
  };
  if (existsSync(root)) visit(root, 0);
  return found.sort();
}
