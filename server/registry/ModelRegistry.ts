import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StageMetricsSchema, TopicEvalSummarySchema, type ModelVersionInfo } from '../../contracts/training';
import { loadModelDir, MODEL_FILES, parseModelManifest, type ModelManifest } from '../../models/format';
import { publishDir } from '../../models/format/publishDir';
import type { Logger } from '../logger';
import { ModelExistsError, ModelRegistryError, UnknownModelError } from './errors';
import type { RegistryState } from './registryState';
import { FileRegistryState, type RegistryStateStore } from './RegistryStateStore';

export { REGISTRY_FILE } from './RegistryStateStore';

/** Tries of a state change against other processes' writes before giving up. */
const STATE_WRITE_ATTEMPTS = 5;

export interface ModelRegistryOptions {
  /** Model directories shipped with the install: listed with source `builtin`, never deleted or replaced. */
  builtins?: readonly string[];
  /**
   * Where the active version and its history are kept: default `registry.json` in the directory. A shared store
   * (`PgRegistryState`) makes one active version for every node, which each learns of through `onChange`.
   */
  state?: RegistryStateStore;
  logger: Logger;
}

/** A model version the registry found, with where it lives. */
interface FoundModel {
  id: string;
  dir: string;
  manifest: ModelManifest;
  builtin: boolean;
}

const ManifestMetricsSchema = z.object({
  preset: z.string().optional(),
  stageMetrics: z.array(StageMetricsSchema).optional(),
  topicEval: TopicEvalSummarySchema.optional(),
});

/** `<name>@<version>`: how the registry, the CLI and the admin API name a model version. */
export function registryId(manifest: Pick<ModelManifest, 'name' | 'version'>): string {
  return `${manifest.name}@${manifest.version}`;
}

/**
 * The model registry: a directory of model versions (`<name>/<version>/`, each a model directory in our format)
 * and `registry.json` (the active version and the history of activations, written atomically), plus the built-in
 * models shipped with the install. Versions are immutable: installing a `name@version` already present is refused.
 *
 * Nothing is created on disk until something is installed or activated, so opening a registry that does not exist
 * yet (a fresh data directory) is free.
 *
 * @example
 * const registry = ModelRegistry.open(modelsPath(config), { builtins: builtinModelDirs(PROJECT_ROOT), logger });
 * const info = registry.install(trainedDir, { move: true });
 * registry.setActive(info.id);
 */
export class ModelRegistry {
  private state: RegistryState;
  private readonly stateStore: RegistryStateStore;
  private readonly unwatch: () => void;
  private readonly listeners = new Set<() => void>();
  private readonly builtins: readonly string[];
  private readonly logger: Logger;

  private constructor(
    readonly dir: string,
    options: ModelRegistryOptions,
  ) {
    this.builtins = (options.builtins ?? []).map((d) => path.resolve(d));
    this.logger = options.logger;
    this.stateStore = options.state ?? new FileRegistryState(dir);
    this.state = this.stateStore.read();
    this.unwatch = this.stateStore.onExternalChange(() => this.reload());
  }

  /** Another node changed the active version: read it again and tell the listeners. */
  private reload(): void {
    try {
      this.state = this.stateStore.read();
    } catch (err) {
      this.logger.warn({ err }, 'model registry: the shared state changed but cannot be read');
      return;
    }
    this.logger.info(
      { model: this.state.active ?? '(configured embedder)' },
      'model registry: changed by another node',
    );
    this.emit();
  }

  /** Stops following a shared state and closes it. */
  close(): void {
    this.unwatch();
    this.stateStore.close();
  }

  /**
   * Opens the registry in `dir` (which may not exist yet).
   * @param dir the registry directory (`modelsPath(config)`)
   * @throws ModelRegistryError when its state (`registry.json`, or the shared store) exists but is not valid
   */
  static open(dir: string, options: ModelRegistryOptions): ModelRegistry {
    return new ModelRegistry(path.resolve(dir), options);
  }

  /** Every version, newest first (by manifest creation time), with its metrics and whether it is active. */
  list(): ModelVersionInfo[] {
    const active = this.state.active;
    return this.found()
      .map((m) => describe(m, m.id === active))
      .sort((a, b) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id));
  }

  /** The active version's id; null when the server embeds with the configured embedder (`embedModel`). */
  activeId(): string | null {
    return this.state.active;
  }

  /**
   * The model directory of a version.
   * @throws UnknownModelError for an id the registry does not hold
   */
  resolve(id: string): string {
    const found = this.found().find((m) => m.id === id);
    if (!found) throw new UnknownModelError(id, this.dir);
    return found.dir;
  }

  /**
   * Verifies a model directory (every file's size and sha256, config, tokenizer) and copies it into the registry
   * (or moves it with `move`, for a directory nobody else needs, e.g. a training job's output). The version appears
   * complete or not at all.
   *
   * @param dir a model directory in our format
   * @throws ModelFormatError when `dir` is not a valid model; ModelExistsError when its `name@version` is present
   */
  install(dir: string, options: { move?: boolean } = {}): ModelVersionInfo {
    const model = loadModelDir(dir);
    const id = registryId(model.manifest);
    if (this.found().some((m) => m.id === id)) throw new ModelExistsError(id, this.dir);
    const target = path.join(this.dir, model.manifest.name, model.manifest.version);
    publishDir(target, { marker: MODEL_FILES.manifest }, (tmp) => {
      if (options.move) {
        try {
          // Same file system: a rename, no copy. The empty temporary directory is replaced by the moved one.
          rmSync(tmp, { recursive: true });
          renameSync(model.dir, tmp);
          return;
        } catch {
          // Another file system: copy below, remove the source after.
        }
      }
      cpSync(model.dir, tmp, { recursive: true });
    });
    if (options.move && existsSync(model.dir)) rmSync(model.dir, { recursive: true, force: true });
    this.logger.info({ model: id, dir: target }, 'model registry: installed');
    this.emit();
    return describe({ id, dir: target, manifest: model.manifest, builtin: false }, false);
  }

  /**
   * Makes a version the active one (null: the configured embedder), remembering the one before for
   * {@link rollback}. Persisted at once: the next server start embeds with it. The server switches its live
   * embedder through `ModelSwitcher`, which calls this once the new model runs.
   *
   * @param options `rollback`: this activation undoes the last one (the version before it is forgotten from the
   *   rollback stack rather than pushed on it)
   * @throws UnknownModelError for an id the registry does not hold
   */
  setActive(id: string | null, options: { rollback?: boolean } = {}): void {
    if (id !== null) this.resolve(id);
    this.state = this.changeState((next) => {
      if (options.rollback) next.previous.pop();
      else if (next.active !== id) next.previous.push(next.active);
      next.active = id;
      next.activations.push({ id, at: new Date().toISOString(), ...(options.rollback ? { rollback: true } : {}) });
    });
    this.logger.info(
      { model: id ?? '(configured embedder)', rollback: options.rollback === true },
      'model registry: active version set',
    );
    this.emit();
  }

  /**
   * Applies a change to the stored state as it is now and writes it back unless another process (a promotion on
   * another node) wrote in between; then it starts again from that process's state, so that neither change is lost.
   * @returns the state written
   * @throws ModelRegistryError when the state kept changing under it
   */
  private changeState(change: (state: RegistryState) => void): RegistryState {
    for (let attempt = 0; attempt < STATE_WRITE_ATTEMPTS; attempt++) {
      const { state, version } = this.stateStore.readVersioned();
      change(state);
      if (this.stateStore.writeIf(state, version)) return state;
    }
    throw new ModelRegistryError(
      `model registry ${this.stateStore.label}: the active version kept changing while this change was written; try again`,
    );
  }

  /**
   * The version a rollback returns to: the one active before the current one, or null (the configured embedder)
   * when there is none. `undefined` when nothing was ever activated (nothing to roll back).
   */
  rollbackTarget(): string | null | undefined {
    const previous = this.state.previous;
    if (previous.length === 0) return this.state.active === null ? undefined : null;
    return previous[previous.length - 1]!;
  }

  /** Ids activated so far, oldest first (activations of the configured embedder are left out). */
  history(): string[] {
    return this.state.activations.flatMap((a) => (a.id === null ? [] : [a.id]));
  }

  /** Calls `listener` after an install or a change of the active version. @returns unsubscribe */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.logger.warn({ err }, 'model registry: a change listener failed');
      }
    }
  }

  /** Installed versions, then built-ins not shadowed by one of them; unreadable ones are logged and skipped. */
  private found(): FoundModel[] {
    const models: FoundModel[] = [];
    const seen = new Set<string>();
    const add = (dir: string, builtin: boolean) => {
      const manifest = this.readManifest(dir);
      if (!manifest) return;
      const id = registryId(manifest);
      if (seen.has(id)) return;
      seen.add(id);
      models.push({ id, dir, manifest, builtin });
    };
    for (const name of subdirs(this.dir)) {
      for (const version of subdirs(path.join(this.dir, name))) add(path.join(this.dir, name, version), false);
    }
    for (const dir of this.builtins) add(dir, true);
    return models;
  }

  private readManifest(dir: string): ModelManifest | null {
    const file = path.join(dir, MODEL_FILES.manifest);
    if (!existsSync(file)) return null;
    try {
      return parseModelManifest(JSON.parse(readFileSync(file, 'utf8')), { dir });
    } catch (err) {
      this.logger.warn({ err, dir }, 'model registry: skipping a directory whose manifest.json is not valid');
      return null;
    }
  }
}

/** Sub-directories, hidden ones (partial installs) left out. */
function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

function describe(model: FoundModel, active: boolean): ModelVersionInfo {
  const { manifest } = model;
  const metrics = ManifestMetricsSchema.safeParse(manifest.metrics ?? {});
  const m = metrics.success ? metrics.data : {};
  const manifestBytes = statSync(path.join(model.dir, MODEL_FILES.manifest)).size;
  return {
    id: model.id,
    name: manifest.name,
    version: manifest.version,
    created: manifest.created,
    source: model.builtin ? 'builtin' : manifest.source.kind,
    preset: m.preset ?? null,
    bytes: manifest.files.reduce((sum, f) => sum + f.bytes, manifestBytes),
    active,
    hasMlmHead: manifest.mlmHead,
    stageMetrics: m.stageMetrics ?? [],
    topicEval: m.topicEval ?? null,
  };
}
