import { writeFileAtomic } from '../writeFileAtomic';

/**
 * Writes `value` as JSON so that readers see the old file or the new one, never half of one (`writeFileAtomic`).
 * Creates the parent folder.
 *
 * @param file the JSON file to write
 * @param value anything `JSON.stringify` accepts
 * @example writeJsonAtomic('data/models/registry.json', { active: null, previous: [], activations: [] });
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}
