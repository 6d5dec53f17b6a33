import { convBertArchitecture } from './convbert';
import type { ModelArchitecture } from './ModelArchitecture';

/**
 * The architectures a model directory may name, by `manifest.json`'s `architecture.type`. The manifest schema, the
 * embedder kinds and model ids derive from this table: adding an architecture is one entry here (and, for it to
 * embed, its entry in `MODEL_EMBEDDERS`, which the compiler asks for) plus its folder.
 */
export const ARCHITECTURES = {
  convbert: convBertArchitecture,
} as const satisfies ArchitectureRegistry;

/** A table of architectures by name: {@link ARCHITECTURES}, or a test's copy with one more. */
export type ArchitectureRegistry = Readonly<Record<string, ModelArchitecture>>;

/** The name of a built-in architecture: `'convbert'`. */
export type ArchitectureName = keyof typeof ARCHITECTURES;

/** The config of a built-in architecture, as its `readConfig` returns it. */
export type ArchitectureConfig = ReturnType<(typeof ARCHITECTURES)[ArchitectureName]['readConfig']>;

/** The names of a registry, in table order. */
export function architectureNames(registry: ArchitectureRegistry = ARCHITECTURES): string[] {
  return Object.keys(registry);
}
