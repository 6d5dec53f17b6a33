import type { TemplatePiece, TemplateSpec } from './TokenizerJson';

/** The tokens of one sequence before special tokens are added. Offsets are code points into that sequence's text. */
export interface SequenceTokens {
  ids: number[];
  tokens: string[];
  offsets: [number, number][];
}

/** The output of `encode`: parallel arrays, one entry per token. */
export interface Encoding {
  ids: number[];
  tokens: string[];
  /** 0 for the first sequence (and its specials), 1 for the second of a pair. */
  typeIds: number[];
  /** 1 for every real token (padding, in batches, gets 0). */
  attentionMask: number[];
  /** `[start, end)` in code points (not UTF-16 units) into the ORIGINAL text; `[0, 0]` for added special tokens. */
  offsets: [number, number][];
}

/**
 * HF's TemplateProcessing post-processor (`<cls> $A <sep>` / `<cls> $A <sep> $B:1 <sep>:1`). Without a template
 * the sequences are just concatenated, the second with type id 1.
 *
 * @example
 * const post = new TemplatePostProcessor(spec.postProcessor);
 * post.apply({ ids: [14], tokens: ['▁'], offsets: [[0, 1]] }, null, true).ids; // [10, 14, 8]
 */
export class TemplatePostProcessor {
  constructor(private readonly spec: TemplateSpec | null) {}

  /** How many special tokens the template adds around one sequence, or a pair. */
  addedTokens(pair: boolean): number {
    if (this.spec === null) return 0;
    let n = 0;
    for (const piece of pair ? this.spec.pair : this.spec.single) {
      if (piece.kind === 'special') n += this.spec.specialTokens.get(piece.token)!.ids.length;
    }
    return n;
  }

  apply(a: SequenceTokens, b: SequenceTokens | null, addSpecialTokens: boolean): Encoding {
    const out: Encoding = { ids: [], tokens: [], typeIds: [], attentionMask: [], offsets: [] };
    const pushSequence = (seq: SequenceTokens, typeId: number) => {
      for (let i = 0; i < seq.ids.length; i++) {
        out.ids.push(seq.ids[i]!);
        out.tokens.push(seq.tokens[i]!);
        out.typeIds.push(typeId);
        out.attentionMask.push(1);
        out.offsets.push(seq.offsets[i]!);
      }
    };
    if (this.spec === null || !addSpecialTokens) {
      pushSequence(a, 0);
      if (b !== null) pushSequence(b, 1);
      return out;
    }
    const template: TemplatePiece[] = b === null ? this.spec.single : this.spec.pair;
    for (const piece of template) {
      if (piece.kind === 'sequence') {
        const seq = piece.sequence === 'A' ? a : b!;
        pushSequence(seq, piece.typeId);
        continue;
      }
      const special = this.spec.specialTokens.get(piece.token)!;
      for (let i = 0; i < special.ids.length; i++) {
        out.ids.push(special.ids[i]!);
        out.tokens.push(special.tokens[i]!);
        out.typeIds.push(piece.typeId);
        out.attentionMask.push(1);
        out.offsets.push([0, 0]);
      }
    }
    return out;
  }
}
