import type { FillMaskCandidate } from '../../contracts/training';
import { FillMaskModel } from './FillMaskModel';

/**
 * Loaded fill-mask models by directory, the most recently used kept (building the graph takes a while; the
 * playground asks again and again of the same model). A model that fails to load is not cached.
 *
 * @example
 * const cache = new FillMaskCache();
 * await cache.fillMask(dir, '<mask> tt le monde !', 5);
 */
export class FillMaskCache {
  private readonly models = new Map<string, Promise<FillMaskModel>>();

  /** @param maxModels models kept loaded at once (default 2: the active one and one being compared) */
  constructor(private readonly maxModels = 2) {}

  /** The loaded model of `dir`, loading it on first use. */
  get(dir: string): Promise<FillMaskModel> {
    let pending = this.models.get(dir);
    if (pending !== undefined) {
      this.models.delete(dir);
      this.models.set(dir, pending); // most recently used last
      return pending;
    }
    pending = FillMaskModel.load(dir);
    this.models.set(dir, pending);
    pending.catch(() => this.models.delete(dir));
    while (this.models.size > this.maxModels) {
      const [oldest, model] = this.models.entries().next().value!;
      this.models.delete(oldest);
      void model.then(
        (m) => m.close(),
        () => undefined,
      );
    }
    return pending;
  }

  /** {@link FillMaskModel.predict} on the cached model of `dir`. */
  async fillMask(dir: string, text: string, top?: number): Promise<FillMaskCandidate[]> {
    return (await this.get(dir)).predict(text, top);
  }

  /** Closes every loaded model. */
  async close(): Promise<void> {
    const all = [...this.models.values()];
    this.models.clear();
    await Promise.all(
      all.map((p) =>
        p.then(
          (m) => m.close(),
          () => undefined,
        ),
      ),
    );
  }
}
