import { AlignedBuilder, AlignedText } from './alignedText';
import { prependTo } from './normalizer';
import type { MetaspaceSpec } from './TokenizerJson';

/**
 * HF's Metaspace pre-tokenizer: spaces become the replacement character (`▁`), which is prepended to the text
 * (scheme `always`; `first`: only for the text that starts the input; `never`), and, with `split`, each `▁` starts a
 * new word (`"▁le▁boss"` -> `"▁le"`, `"▁boss"`). Each piece of text between added tokens goes through it on its own,
 * so each gets its own `▁`.
 *
 * @example
 * const pre = new MetaspacePreTokenizer({ replacement: '▁', prependScheme: 'always', split: true });
 * pre.words(AlignedText.original('le boss'), true).map((w) => w.text); // ['▁le', '▁boss']
 */
export class MetaspacePreTokenizer {
  private readonly replacement: string;
  private readonly prependScheme: MetaspaceSpec['prependScheme'];
  private readonly split: boolean;

  constructor(spec: MetaspaceSpec) {
    this.replacement = spec.replacement;
    this.prependScheme = spec.prependScheme;
    this.split = spec.split;
  }

  /**
   * The words of one normalised piece of text.
   * @param atStart whether the piece's first character is the input's first (matters for the `first` scheme)
   */
  words(piece: AlignedText, atStart: boolean): AlignedText[] {
    if (piece.length === 0) return [];
    const rep = this.replacement;
    let t = piece;
    if (t.text.includes(' ')) {
      if (rep.length === 1) t = new AlignedText(t.text.replaceAll(' ', rep), t.starts, t.ends);
      else {
        const out = new AlignedBuilder(t.length * 2);
        let run = 0;
        for (let i = 0; i < t.length; i++) {
          if (t.text.charCodeAt(i) !== 0x20) continue;
          out.copy(t, run, i);
          out.push(rep, t.starts[i]!, t.ends[i]!);
          run = i + 1;
        }
        out.copy(t, run, t.length);
        t = out.build();
      }
    }
    const prepend = this.prependScheme === 'always' || (this.prependScheme === 'first' && atStart);
    if (prepend && !t.text.startsWith(rep)) t = prependTo(t, rep);
    if (!this.split) return [t];
    const words: AlignedText[] = [];
    let from = 0;
    let at = t.text.indexOf(rep, rep.length > 0 ? 1 : 0);
    while (at > 0) {
      words.push(t.slice(from, at));
      from = at;
      at = t.text.indexOf(rep, at + rep.length);
    }
    words.push(t.slice(from, t.length));
    return words;
  }
}
