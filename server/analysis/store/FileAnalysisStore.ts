import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TopicAnalysis } from '../../../contracts/analysis';
import { StoredAnalysisSchema, type StoredAnalysis } from '../../../contracts/http';
import type { AnalysisStore, SaveAnalysisInput, StoredAnalysisEntry } from './AnalysisStore';
import { ANALYSIS_KEY_PATTERN } from './analysisKey';
import { parseStoredDocument, prepareAnalysis } from './storedDocument';
import { CorruptStoredAnalysisError, StoredAnalysisNotFoundError } from './errors';
import { summarizeAnalysis } from './summarizeAnalysis';
import { decodeVectors, type VectorRows } from './vectorFile';
import { writeFileAtomic } from '../../writeFileAtomic';

/** The small file beside each document that the list reads instead of the document. */
const SidecarSchema = z.object({
  summary: StoredAnalysisSchema,
  modelSpec: z.string().nullable(),
  /**
   * The document's revision (see {@link AnalysisStore.revision}) when it was written, validated: while the file is
   * unchanged it is sent without being parsed again. Absent: validate at the first read.
   */
  documentRevision: z.string().optional(),
});
type Sidecar = z.infer<typeof SidecarSchema>;

/** Validated revisions remembered (a few bytes each). */
const VALIDATED_KEPT = 256;

const SUFFIX = { document: '.json', vectors: '.vectors', sidecar: '.summary.json' } as const;

/**
 * Whole-stream analyses stored in a directory (`analysesDir`, or `analyses` under the data directory), keyed by stream, model and parameters:
 * `<dir>/<stream id>/<key>.json` (the document), `<key>.vectors` (its message vectors, see `vectorFile.ts`) and
 * `<key>.summary.json` (what the list shows). Every file is written atomically (temporary file, then rename), the
 * summary last: a crash leaves the old analysis or the new one. Reading a document validates it
 * (`parseTopicAnalysis`); a corrupt file is an error naming it, and the list leaves it out (reported apart) instead
 * of failing.
 *
 * @example
 * const store = new FileAnalysisStore(analysesPath(config));
 * const stored = store.save({ analysis, vectors, modelSpec: 'bow' });
 * store.read(stored.streamId, stored.key); // the document, validated
 */
export class FileAnalysisStore implements AnalysisStore {
  /** Documents already validated, by file, with the revision that was (so a re-open sends the text at once). */
  private readonly validated = new Map<string, string>();

  /** @param dir the store's directory (`analysesPath(config)`); created on the first save */
  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  get label(): string {
    return this.dir;
  }

  close(): void {
    // Nothing is held open between calls.
  }

  /**
   * Stores an analysis (replacing the one of the same stream, model and parameters).
   * @returns its summary, with its key
   */
  save(input: SaveAnalysisInput): StoredAnalysis {
    const { streamId, key, document, vectors, summary } = prepareAnalysis(input);
    const base = this.base(streamId, key);
    if (vectors) writeFileAtomic(base + SUFFIX.vectors, vectors);
    else fs.rmSync(base + SUFFIX.vectors, { force: true });
    writeFileAtomic(base + SUFFIX.document, document);
    this.writeSidecar(base, {
      summary,
      modelSpec: input.modelSpec,
      documentRevision: this.revision(streamId, key),
    });
    return summary;
  }

  /**
   * The stored analyses of a stream, newest first; files that cannot be read are left out and returned apart.
   * A missing or unreadable summary is rebuilt from its document.
   */
  list(streamId: string): { analyses: StoredAnalysis[]; problems: CorruptStoredAnalysisError[] } {
    const dir = this.streamDir(streamId);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return { analyses: [], problems: [] };
    }
    const analyses: StoredAnalysis[] = [];
    const problems: CorruptStoredAnalysisError[] = [];
    for (const name of names) {
      if (!name.endsWith(SUFFIX.document) || name.endsWith(SUFFIX.sidecar)) continue;
      const key = name.slice(0, -SUFFIX.document.length);
      if (!ANALYSIS_KEY_PATTERN.test(key)) continue;
      try {
        analyses.push(this.entry(streamId, key).summary);
      } catch (err) {
        if (err instanceof CorruptStoredAnalysisError) problems.push(err);
        else if (!(err instanceof StoredAnalysisNotFoundError)) throw err;
      }
    }
    analyses.sort((a, b) => b.createdAt - a.createdAt || a.key.localeCompare(b.key));
    return { analyses, problems };
  }

  /**
   * One stored analysis' summary and how its embedder starts.
   * @throws StoredAnalysisNotFoundError; CorruptStoredAnalysisError when its document is corrupt and its summary too
   */
  entry(streamId: string, key: string): StoredAnalysisEntry {
    const base = this.requireBase(streamId, key);
    const searchable = fs.existsSync(base + SUFFIX.vectors);
    try {
      const sidecar = SidecarSchema.parse(JSON.parse(fs.readFileSync(base + SUFFIX.sidecar, 'utf8')));
      return { modelSpec: sidecar.modelSpec, summary: { ...sidecar.summary, searchable } };
    } catch {
      // Missing (a crash between the document and the summary) or damaged: the document tells it all again.
      const analysis = this.read(streamId, key);
      const createdAt = Date.parse(analysis.createdAt);
      const entry: Sidecar = {
        summary: summarizeAnalysis(key, analysis, Number.isFinite(createdAt) ? createdAt : Date.now(), searchable),
        modelSpec: null,
        documentRevision: this.revision(streamId, key),
      };
      this.writeSidecar(base, entry);
      return { summary: entry.summary, modelSpec: entry.modelSpec };
    }
  }

  /**
   * The document's JSON text, validated: what the HTTP route sends as it is.
   * @throws StoredAnalysisNotFoundError; CorruptStoredAnalysisError naming the file
   */
  readText(streamId: string, key: string): { text: string; analysis: TopicAnalysis } {
    const file = this.requireBase(streamId, key) + SUFFIX.document;
    const text = fs.readFileSync(file, 'utf8');
    const analysis = parseStoredDocument(text, this.relative(file), streamId);
    return { text, analysis };
  }

  /**
   * The document's JSON text, validated once per revision: what the HTTP route sends as it is. A document unchanged
   * since it was stored (validated then) or since it was last read is not parsed again (checking a 15k-message
   * document costs a few hundred milliseconds, a 100k one seconds).
   * @throws as {@link readText}
   */
  documentText(streamId: string, key: string): string {
    const file = this.requireBase(streamId, key) + SUFFIX.document;
    const revision = this.revision(streamId, key);
    if (this.validated.get(file) === revision || this.storedRevision(streamId, key) === revision) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        // Replaced or removed between the two calls: read and check it again below.
      }
    }
    const { text } = this.readText(streamId, key);
    this.validated.delete(file);
    this.validated.set(file, revision);
    if (this.validated.size > VALIDATED_KEPT) this.validated.delete(this.validated.keys().next().value!);
    return text;
  }

  /** The document, validated. @throws as {@link readText} */
  read(streamId: string, key: string): TopicAnalysis {
    return this.readText(streamId, key).analysis;
  }

  /**
   * The message vectors stored beside an analysis, or null when it was stored without.
   * @throws StoredAnalysisNotFoundError; CorruptStoredAnalysisError naming the file
   */
  readVectors(streamId: string, key: string): VectorRows | null {
    const file = this.requireBase(streamId, key) + SUFFIX.vectors;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return null;
    }
    try {
      return decodeVectors(bytes);
    } catch (err) {
      throw new CorruptStoredAnalysisError(this.relative(file), (err as Error).message, { cause: err });
    }
  }

  /** Changes whenever the analysis is stored again: for caches of what was read. */
  revision(streamId: string, key: string): string {
    const stat = fs.statSync(this.requireBase(streamId, key) + SUFFIX.document);
    return `${stat.mtimeMs}:${stat.size}`;
  }

  /** The document revision its sidecar records as validated; null when none or unreadable. */
  private storedRevision(streamId: string, key: string): string | null {
    try {
      const sidecar = SidecarSchema.parse(
        JSON.parse(fs.readFileSync(this.base(streamId, key) + SUFFIX.sidecar, 'utf8')),
      );
      return sidecar.documentRevision ?? null;
    } catch {
      return null;
    }
  }

  /** The files of an analysis, less their suffix; throws when it is not stored. */
  private requireBase(streamId: string, key: string): string {
    const base = ANALYSIS_KEY_PATTERN.test(key) ? this.base(streamId, key) : null;
    if (base === null || !fs.existsSync(base + SUFFIX.document))
      throw new StoredAnalysisNotFoundError(`stream "${streamId}" has no stored analysis "${key}"`);
    return base;
  }

  private base(streamId: string, key: string): string {
    return path.join(this.streamDir(streamId), key);
  }

  /** One folder per stream; the id is URL-encoded so that no id can name a path outside the store. */
  private streamDir(streamId: string): string {
    const name = encodeURIComponent(streamId);
    if (name === '' || name === '.' || name === '..')
      throw new StoredAnalysisNotFoundError(`"${streamId}" is not a stream id`);
    return path.join(this.dir, name);
  }

  private relative(file: string): string {
    return path.join(path.basename(this.dir), path.relative(this.dir, file));
  }

  private writeSidecar(base: string, entry: Sidecar): void {
    writeFileAtomic(base + SUFFIX.sidecar, JSON.stringify(entry) + '\n');
  }
}
