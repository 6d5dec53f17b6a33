import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ModelRegistryError } from './errors';

/** `registry.json`: which version is active, the versions to roll back to, and every activation with its time. */
export const RegistryStateSchema = z.object({
  /** Registry id of the active version; null: the configured embedder (`embedModel`, e.g. `bow`). */
  active: z.string().nullable(),
  /** The versions active before the current one, oldest first: `rollback` goes back to the last. */
  previous: z.array(z.string().nullable()),
  /** Every change of the active version, oldest first. */
  activations: z.array(z.object({ id: z.string().nullable(), at: z.string(), rollback: z.boolean().optional() })),
});
export type RegistryState = z.infer<typeof RegistryStateSchema>;

export const EMPTY_REGISTRY_STATE: RegistryState = { active: null, previous: [], activations: [] };

/**
 * Reads `registry.json`; an absent file is a registry nobody changed yet.
 * @throws ModelRegistryError naming the file and the field when it is not valid JSON or not a registry state
 */
export function readRegistryState(file: string): RegistryState {
  if (!existsSync(file)) return structuredClone(EMPTY_REGISTRY_STATE);
  return parseRegistryState(readFileSync(file, 'utf8'), file);
}

/**
 * Parses a registry state's JSON text.
 * @param where what names it in an error (a file, a database)
 * @throws ModelRegistryError naming `where` and the field when it is not valid JSON or not a registry state
 */
export function parseRegistryState(text: string, where: string): RegistryState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ModelRegistryError(`${where}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = RegistryStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelRegistryError(`${where}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return parsed.data;
}
