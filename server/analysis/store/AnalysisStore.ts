import type { TopicAnalysis } from '../../../contracts/analysis';
import type { StoredAnalysis } from '../../../contracts/http';
import type { CorruptStoredAnalysisError } from './errors';
import type { VectorRows } from './vectorFile';

/** What the list shows of a stored analysis, and how to start the embedder that made it again. */
export interface StoredAnalysisEntry {
  summary: StoredAnalysis;
  /** How to start the embedder that made it again (a model directory, `bow`, a URL), for search by meaning. */
  modelSpec: string | null;
}

export interface SaveAnalysisInput {
  analysis: TopicAnalysis;
  /** Packed rows of `analysis.model.dimension`, in `analysis.messages` order; null: not searchable by meaning. */
  vectors: Float32Array | null;
  /** What started the embedder (see {@link StoredAnalysisEntry.modelSpec}); null when unknown. */
  modelSpec: string | null;
  /** Epoch ms; default now. */
  now?: number;
}

/**
 * Whole-stream analyses (the analyst's workspace), keyed by stream and by a hash of the model and the parameters
 * (`analysisKey`): storing the same run again replaces it. Two back ends with one behaviour (`AnalysisStoreBackends`
 * tests): files in a directory (`FileAnalysisStore`, the default) and PostgreSQL (`PgAnalysisStore`, with
 * `CHAT_TOPICS_DATABASE_URL`, shared by every node). `openAnalysisStore` picks one from a location. Synchronous, like
 * the archive: the routes and jobs that use it read one document at a time.
 */
export interface AnalysisStore {
  /** Where it is: a directory, or a PostgreSQL URL (what a child process is given to open it again). */
  readonly location: string;
  /** `location` fit for messages and logs (a URL without its password). */
  readonly label: string;

  /**
   * Stores an analysis (replacing the one of the same stream, model and parameters). The document is validated
   * first: one that is not an analysis is never stored.
   * @returns its summary, with its key
   * @throws RangeError when the vectors do not match the messages
   */
  save(input: SaveAnalysisInput): StoredAnalysis;

  /** The stored analyses of a stream, newest first; those that cannot be read are left out and returned apart. */
  list(streamId: string): { analyses: StoredAnalysis[]; problems: CorruptStoredAnalysisError[] };

  /** One stored analysis' summary and embedder. @throws StoredAnalysisNotFoundError, CorruptStoredAnalysisError */
  entry(streamId: string, key: string): StoredAnalysisEntry;

  /** The document's JSON text, validated: what the HTTP route sends as it is. @throws as {@link entry} */
  documentText(streamId: string, key: string): string;

  /** The document, validated. @throws as {@link entry} */
  read(streamId: string, key: string): TopicAnalysis;

  /** The message vectors stored with it, or null when stored without. @throws as {@link entry} */
  readVectors(streamId: string, key: string): VectorRows | null;

  /** Changes whenever the analysis is stored again: for caches of what was read. @throws as {@link entry} */
  revision(streamId: string, key: string): string;

  close(): void;
}
