import type { z } from 'zod';
import type { TopicAnalysis } from '../../../contracts/analysis';
import type { AnalysisSearchQuerySchema, AnalysisSearchResult } from '../../../contracts/http';
import type { AnalysisStore } from '../store/AnalysisStore';
import { CorruptStoredAnalysisError } from '../store/errors';
import type { VectorRows } from '../store/vectorFile';
import { NotSearchableError } from './errors';
import { foldTokens } from './foldTokens';
import { meaningSearch, rowNorms } from './meaningSearch';
import type { QueryEmbedders } from './QueryEmbedders';
import type { Scored, SearchScope } from './searchTypes';
import { textSearch } from './textSearch';

export type AnalysisSearchQuery = z.output<typeof AnalysisSearchQuerySchema>;

/** A stored analysis as search keeps it between queries. */
interface Loaded {
  revision: string;
  analysis: TopicAnalysis;
  modelSpec: string | null;
  vectors: VectorRows | null;
  /** Computed on the first query that needs them. */
  norms: Float32Array | null;
  folded: ReadonlySet<string>[] | null;
}

export interface AnalysisSearchDeps {
  store: AnalysisStore;
  queries: QueryEmbedders;
  /** Analyses kept in memory (default 2: the one open in a page, and one to compare it with). */
  cacheSize?: number;
  now?: () => number;
}

/**
 * Searches a stored analysis' messages and topics, by words or by meaning (see `textSearch`, `meaningSearch`).
 * The last few analyses searched stay in memory with their vectors and folded words, so that every query after
 * the first costs only the ranking; a re-stored analysis is read again.
 *
 * @example
 * const search = new AnalysisSearch({ store, queries });
 * await search.search('chan-20250101-120000', key, { q: 'arbitre', mode: 'meaning', limit: 50 });
 */
export class AnalysisSearch {
  private readonly cache = new Map<string, Loaded>();

  constructor(private readonly deps: AnalysisSearchDeps) {}

  /**
   * @throws StoredAnalysisNotFoundError; NotSearchableError (meaning mode on an analysis without vectors, or whose
   *   model cannot embed here); CorruptStoredAnalysisError
   */
  async search(streamId: string, key: string, query: AnalysisSearchQuery): Promise<AnalysisSearchResult> {
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const loaded = this.load(streamId, key);
    const { messages } = loaded.analysis;
    const from = query.from ?? -Infinity;
    const to = query.to ?? Infinity;
    const inRange: number[] = [];
    for (let i = 0; i < messages.length; i++) {
      const e = messages[i]!.elapsed;
      if (e >= from && e <= to) inRange.push(i);
    }
    const scope: SearchScope = { messages, inRange, limit: query.limit };
    let found: { messages: Scored[]; topics: Scored[] };
    if (query.mode === 'text') {
      loaded.folded ??= messages.map((m) => new Set(foldTokens(m.text)));
      found = textSearch(query.q, scope, loaded.folded);
    } else {
      const vectors = loaded.vectors;
      if (!vectors)
        throw new NotSearchableError(
          'analysis stored without vectors: search by meaning needs them (run the analysis again to keep them)',
        );
      const [vector] = await this.deps.queries.embed({ id: loaded.analysis.model.id, spec: loaded.modelSpec }, [
        query.q,
      ]);
      if (!vector || vector.length !== vectors.dimension)
        throw new NotSearchableError(
          `the query's vector has ${vector?.length ?? 0} dimensions, the analysis' ${vectors.dimension}`,
        );
      loaded.norms ??= rowNorms(vectors);
      found = meaningSearch(vector, scope, vectors, loaded.norms);
    }
    return {
      mode: query.mode,
      messages: found.messages.map((m) => ({ index: m.id, score: m.score })),
      topics: found.topics.map((t) => ({ topic: t.id, score: t.score })),
      ms: Math.max(0, now() - started),
    };
  }

  private load(streamId: string, key: string): Loaded {
    const id = `${streamId}\n${key}`;
    const revision = this.deps.store.revision(streamId, key);
    const cached = this.cache.get(id);
    if (cached && cached.revision === revision) {
      // Most recently used last: the first entry is the one to drop.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const analysis = this.deps.store.read(streamId, key);
    const vectors = this.deps.store.readVectors(streamId, key);
    if (vectors && (vectors.rows !== analysis.messages.length || vectors.dimension !== analysis.model.dimension))
      throw new CorruptStoredAnalysisError(
        `${key}.vectors`,
        `${vectors.rows} rows of ${vectors.dimension} for ${analysis.messages.length} messages of ${analysis.model.dimension} dimensions`,
      );
    const loaded: Loaded = {
      revision,
      analysis,
      modelSpec: this.deps.store.entry(streamId, key).modelSpec,
      vectors,
      norms: null,
      folded: null,
    };
    this.cache.delete(id);
    this.cache.set(id, loaded);
    while (this.cache.size > (this.deps.cacheSize ?? 2)) this.cache.delete(this.cache.keys().next().value!);
    return loaded;
  }
}
