import type { UnigramTokenizer } from '../../tokenizer';
import { TrainingError } from '../errors';

/** The ids training needs from a tokenizer. `unk` may be missing (a tokenizer without unknown token). */
export interface SpecialIds {
  pad: number;
  cls: number;
  sep: number;
  mask: number;
  unk: number | null;
}

/**
 * The special ids of a chat tokenizer (`<pad> <cls> <sep> <mask> <unk>`).
 *
 * @throws TrainingError naming the missing token
 */
export function specialIdsOf(tokenizer: UnigramTokenizer): SpecialIds {
  const need = (token: string) => {
    const id = tokenizer.tokenToId(token);
    if (id === undefined) throw new TrainingError(`the tokenizer has no ${token} token`, { field: 'tokenizer' });
    return id;
  };
  return { pad: need('<pad>'), cls: need('<cls>'), sep: need('<sep>'), mask: need('<mask>'), unk: tokenizer.tokenToId('<unk>') ?? null };
}

/** Ids that are never masked nor drawn as random replacements: padding and the structural tokens. */
export function structuralIds(ids: SpecialIds): Set<number> {
  const set = new Set([ids.pad, ids.cls, ids.sep, ids.mask]);
  if (ids.unk !== null) set.add(ids.unk);
  return set;
}
