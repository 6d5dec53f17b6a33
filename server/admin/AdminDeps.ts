import type {
  FillMaskCandidate,
  HubImportRequest,
  LossPoint,
  ModelVersionInfo,
  TrainingJob,
  TrainingJobRequest,
  TrainingLogLine,
  TrainingPresetInfo,
  TrainingProgress,
} from '../../contracts/training';

/**
 * What the admin section needs of the rest of the server, as narrow interfaces (the model registry, training
 * jobs and model switcher satisfy them). Methods may answer synchronously or with a promise.
 */
type MaybePromise<T> = T | Promise<T>;

export interface AdminModelRegistry {
  list(): ModelVersionInfo[];
  activeId(): string | null;
  /** The model directory of a registry id; throws for an unknown id. */
  resolve(id: string): string;
  /** Adds a model directory as a new version (`move`: take the directory instead of copying it). */
  install(dir: string, options?: { move?: boolean }): MaybePromise<ModelVersionInfo>;
  /** Called after an install or a change of the active version (read {@link list} then). */
  onChange(listener: () => void): () => void;
}

/** Listeners of training events; each one optional. */
export interface TrainingEventListener {
  job?(job: TrainingJob): void;
  progress?(progress: TrainingProgress): void;
  loss?(jobId: string, points: LossPoint[]): void;
  log?(jobId: string, line: TrainingLogLine): void;
}

export interface AdminTrainingJobs {
  start(request: TrainingJobRequest): MaybePromise<TrainingJob>;
  cancel(id: string): MaybePromise<TrainingJob>;
  list(): TrainingJob[];
  detail(id: string): MaybePromise<{ job: TrainingJob; loss: LossPoint[]; logs: TrainingLogLine[] }>;
  subscribe(listener: TrainingEventListener): () => void;
}

/** Switches the live embedder; the registry's list says the outcome (the admin API answers with it). */
export interface AdminModelSwitcher {
  /** Makes a registry version the live embedder; throws for an unknown id or a model that does not start. */
  promote(id: string): Promise<unknown>;
  /** Back to the version active before the current one; throws when nothing was ever promoted. */
  rollback(): Promise<unknown>;
}

/** Runs the fill-mask playground on a model directory. */
export type AdminFillMask = (dir: string, text: string, top: number) => Promise<FillMaskCandidate[]>;

/** Downloads a hub repo and converts it into a model directory under `workDir`; returns that directory. */
export type AdminHubImporter = (request: HubImportRequest, workDir: string) => Promise<string>;

/** The parts of the server the admin API and socket namespace use; a null part answers 503 "not available". */
export interface AdminServices {
  registry: AdminModelRegistry | null;
  training: AdminTrainingJobs | null;
  switcher: AdminModelSwitcher | null;
  presets: () => MaybePromise<TrainingPresetInfo[]>;
  fillMask: AdminFillMask;
  hubImport: AdminHubImporter;
}
