import type { Embedder } from '../../../models/embedding/Embedder';
import { NotSearchableError } from './errors';

/** An embedder and the id of the model behind it. */
export interface IdentifiedEmbedder {
  embedder: Embedder;
  id: string;
}

export interface QueryEmbeddersDeps {
  /** The server's live embedder, read per call (a promotion changes it). */
  live: () => IdentifiedEmbedder;
  /** Starts the embedder a model spec names (a model directory, `bow`, a URL). */
  start: (spec: string) => Promise<IdentifiedEmbedder>;
}

/**
 * The embedders that turn search queries into vectors comparable with a stored analysis': the live embedder when it
 * is the analysis' model, else that model's own embedder, started on the first search and kept for the next ones.
 *
 * @example
 * const queries = new QueryEmbedders({ live: () => ({ embedder: models.service, id: models.info().id }), start });
 * const [vector] = await queries.embed({ id: 'bow-v1', spec: 'bow' }, ['the referee']);
 */
export class QueryEmbedders {
  private readonly started = new Map<string, Promise<IdentifiedEmbedder>>();
  private closed = false;

  constructor(private readonly deps: QueryEmbeddersDeps) {}

  /**
   * Embeds texts with the model `model.id` names.
   * @param model the analysis' model id, and how to start it when it is not the live one (null: unknown)
   * @throws NotSearchableError when the model is not live and cannot be started, or starts as another model
   */
  async embed(model: { id: string; spec: string | null }, texts: readonly string[]): Promise<Float32Array[]> {
    const live = this.deps.live();
    if (live.id === model.id) return live.embedder.embed(texts);
    const own = await this.embedderOf(model);
    return own.embedder.embed(texts);
  }

  /** Closes the embedders started here (not the live one). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.started.values()];
    this.started.clear();
    await Promise.all(all.map((p) => p.then((e) => e.embedder.close()).catch(() => undefined)));
  }

  private embedderOf(model: { id: string; spec: string | null }): Promise<IdentifiedEmbedder> {
    if (this.closed) throw new NotSearchableError('the server is stopping');
    const known = this.started.get(model.id);
    if (known) return known;
    if (model.spec === null)
      throw new NotSearchableError(
        `the analysis was made with model ${model.id}, which is not the server's embedder now and was stored without how to start it: re-run the analysis to search it by meaning`,
      );
    const spec = model.spec;
    const starting = (async () => {
      let started: IdentifiedEmbedder;
      try {
        started = await this.deps.start(spec);
      } catch (err) {
        throw new NotSearchableError(
          `the analysis' model ${model.id} does not start (${(err as Error).message}): cannot embed the query`,
          { cause: err },
        );
      }
      if (started.id !== model.id) {
        await started.embedder.close();
        throw new NotSearchableError(
          `"${spec}" now starts model ${started.id}, not ${model.id} that made the analysis: re-run the analysis to search it by meaning`,
        );
      }
      return started;
    })();
    this.started.set(model.id, starting);
    // A start that failed is tried again by the next search (the model may have been installed since).
    starting.catch(() => this.started.delete(model.id));
    return starting;
  }
}
