import { z } from 'zod';
import type { TopicAnalysis } from '../../../../contracts/analysis';
import { StoredAnalysisSchema, type StoredAnalysis } from '../../../../contracts/http';
import { PgThread } from '../../../postgres/PgThread';
import { ANALYSIS_KEY_PATTERN } from '../analysisKey';
import type { AnalysisStore, SaveAnalysisInput, StoredAnalysisEntry } from '../AnalysisStore';
import { AnalysisStoreError, CorruptStoredAnalysisError, StoredAnalysisNotFoundError } from '../errors';
import { firstIssue, parseStoredDocument, prepareAnalysis } from '../storedDocument';
import { decodeVectors, type VectorRows } from '../vectorFile';
import type { AnalysisEntryRow, AnalysisRowInput, AnalysisSummaryRow } from './PgAnalysisTable';

const ENTRY = new URL('./pgAnalysisService.ts', import.meta.url);

/** Saving or reading a 100k-message document (tens of MB) is the slowest call. */
const CALL_TIMEOUT_MS = 120_000;

/**
 * Stored analyses on PostgreSQL (`CHAT_TOPICS_DATABASE_URL`), shared by every node of a deployment: an analysis run
 * on one node is listed, opened and searched on any other. One row per analysis in `chat_topics_analyses`: the
 * document's JSON text, its vectors (the same bytes as the file store's `.vectors` file) and the summary the list
 * reads. Same behaviour as `FileAnalysisStore`; node-postgres runs in the process's database thread (`PgThread`) and each call waits for
 * its answer (`BlockingCalls`), as `PgArchive` does.
 *
 * A document is validated before it is stored and only `save` writes the table, so the text is sent as stored;
 * `read` parses it and names the row if it is not an analysis (a row edited by hand, or written by a newer version).
 *
 * @example
 * const store = PgAnalysisStore.open('postgres://chat:secret@db/chat_topics');
 * const stored = store.save({ analysis, vectors, modelSpec: 'bow' });
 * store.list(stored.streamId).analyses; // on any node
 */
export class PgAnalysisStore implements AnalysisStore {
  private constructor(
    readonly location: string,
    private readonly thread: PgThread,
  ) {}

  get label(): string {
    return this.thread.label;
  }

  /**
   * Connects (creating the table in a database without it) and checks its version.
   * @param url `postgres://user:password@host:port/database`
   * @throws AnalysisStoreError naming the database (password hidden) when it cannot be reached or is too new
   */
  static open(url: string): PgAnalysisStore {
    const thread = PgThread.open({
      entry: ENTRY,
      url,
      what: 'the analysis store',
      opPrefix: 'analyses: ',
      error: AnalysisStoreError,
      callTimeoutMs: CALL_TIMEOUT_MS,
    });
    return new PgAnalysisStore(url, thread);
  }

  private call<T>(op: string, args: unknown[]): T {
    return this.thread.call<T>(op, args);
  }

  /** How an error names a row: its stream and key, and the database. */
  private where(streamId: string, key: string): string {
    return `${streamId}/${key} in ${this.label}`;
  }

  private summaryOf(streamId: string, row: AnalysisSummaryRow): StoredAnalysis {
    try {
      return { ...StoredAnalysisSchema.parse(JSON.parse(row.summary)), searchable: row.searchable };
    } catch (err) {
      const reason = err instanceof z.ZodError ? firstIssue(err) : (err as Error).message;
      throw new CorruptStoredAnalysisError(this.where(streamId, row.key), `its summary is not valid (${reason})`, {
        cause: err,
      });
    }
  }

  save(input: SaveAnalysisInput): StoredAnalysis {
    const { streamId, key, document, vectors, summary } = prepareAnalysis(input);
    this.call('save', [
      {
        streamId,
        key,
        createdAt: summary.createdAt,
        summary: JSON.stringify(summary),
        modelSpec: input.modelSpec,
        document,
        vectors,
      } satisfies AnalysisRowInput,
    ]);
    return summary;
  }

  list(streamId: string): { analyses: StoredAnalysis[]; problems: CorruptStoredAnalysisError[] } {
    const analyses: StoredAnalysis[] = [];
    const problems: CorruptStoredAnalysisError[] = [];
    for (const row of this.call<AnalysisSummaryRow[]>('list', [streamId])) {
      try {
        analyses.push(this.summaryOf(streamId, row));
      } catch (err) {
        if (err instanceof CorruptStoredAnalysisError) problems.push(err);
        else throw err;
      }
    }
    return { analyses, problems };
  }

  entry(streamId: string, key: string): StoredAnalysisEntry {
    const row = this.rowCall<AnalysisEntryRow | null>('entry', streamId, key);
    if (!row) throw this.notFound(streamId, key);
    return { summary: this.summaryOf(streamId, row), modelSpec: row.model_spec };
  }

  documentText(streamId: string, key: string): string {
    return this.document(streamId, key).document;
  }

  read(streamId: string, key: string): TopicAnalysis {
    return parseStoredDocument(this.document(streamId, key).document, this.where(streamId, key), streamId);
  }

  readVectors(streamId: string, key: string): VectorRows | null {
    const bytes = this.rowCall<Uint8Array | null | undefined>('vectors', streamId, key);
    if (bytes === undefined) throw this.notFound(streamId, key);
    if (bytes === null) return null;
    try {
      return decodeVectors(bytes);
    } catch (err) {
      throw new CorruptStoredAnalysisError(this.where(streamId, key), `vectors: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  revision(streamId: string, key: string): string {
    const revision = this.rowCall<number | null>('revision', streamId, key);
    if (revision === null || revision === undefined) throw this.notFound(streamId, key);
    return String(revision);
  }

  close(): void {
    this.thread.close();
  }

  private document(streamId: string, key: string): { document: string; revision: number } {
    const row = this.rowCall<{ document: string; revision: number } | null>('document', streamId, key);
    if (!row) throw this.notFound(streamId, key);
    return row;
  }

  /** A call about one row; undefined, without asking the database, for what cannot be a key. */
  private rowCall<T>(op: string, streamId: string, key: string): T | undefined {
    return ANALYSIS_KEY_PATTERN.test(key) ? this.call<T>(op, [streamId, key]) : undefined;
  }

  private notFound(streamId: string, key: string): StoredAnalysisNotFoundError {
    return new StoredAnalysisNotFoundError(`stream "${streamId}" has no stored analysis "${key}"`);
  }
}
