import { AlignedBuilder, AlignedText } from './alignedText';
import type { NormalizerSpec } from './TokenizerJson';

/** One normalisation step: a new text whose alignments still point into the original. */
export type Normalizer = (input: AlignedText) => AlignedText;

/**
 * Builds the normaliser a `tokenizer.json` describes (null: identity). Alignments follow HF `tokenizers`: a
 * character mapped to another keeps its original position; a decomposition (`ﬁ` -> `fi`) gives every output
 * character the source character; a composition (`e` + U+0301 -> `é`) aligns to the base character; a Replace
 * match gives its replacement the position of the last character it replaced (`"   "` -> `" "` at 2..3).
 *
 * @example
 * const normalize = compileNormalizer({ type: 'Sequence', normalizers: [{ type: 'Nmt' }, { type: 'NFKC' }] });
 * normalize(AlignedText.original('ﬁn\tdu')).text; // 'fin du'
 */
export function compileNormalizer(spec: NormalizerSpec | null): Normalizer {
  if (spec === null) return (t) => t;
  switch (spec.type) {
    case 'Sequence': {
      const steps = spec.normalizers.map(compileNormalizer);
      return (t) => {
        for (const step of steps) t = step(t);
        return t;
      };
    }
    case 'Nmt':
      return nmt;
    case 'NFKC':
    case 'NFC':
    case 'NFD':
    case 'NFKD': {
      const form = spec.type;
      return (t) => unicodeNormalize(t, form);
    }
    case 'Lowercase':
      return lowercase;
    case 'Replace': {
      const { pattern, content } = spec;
      return (t) => replace(t, pattern, content);
    }
    case 'Strip': {
      const { left, right } = spec;
      return (t) => strip(t, left, right);
    }
    case 'Prepend': {
      const { prepend } = spec;
      return (t) => (t.length === 0 ? t : prependTo(t, prepend));
    }
  }
}

// --- Nmt -------------------------------------------------------------------------------------------------------

/** Characters Nmt removes (ASCII/C1 controls) or maps to a space (tab, newlines, zero-width, U+2581, BOM, U+FFFD). */
const NMT_ANY = /[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f\t\n\f\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]/;

function nmtAction(c: number): 0 | 1 | 2 {
  // 0 keep, 1 remove, 2 space
  if (c < 0x20) {
    if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) return 2;
    return c === 0 ? 0 : 1;
  }
  if (c === 0x7f || c === 0x8f || c === 0x9f) return 1;
  if (
    c === 0x1680 ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x2581 ||
    c === 0xfeff ||
    c === 0xfffd
  )
    return 2;
  return 0;
}

/** HF's Nmt normaliser: removes control characters, maps other odd spaces and separators to a plain space. */
export function nmt(input: AlignedText): AlignedText {
  const s = input.text;
  if (!NMT_ANY.test(s)) return input;
  const out = new AlignedBuilder(s.length);
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const action = nmtAction(s.charCodeAt(i));
    if (action === 0) continue;
    out.copy(input, run, i);
    if (action === 2) out.push(' ', input.starts[i]!, input.ends[i]!);
    run = i + 1;
  }
  out.copy(input, run, s.length);
  return out.build();
}

// --- Unicode normalisation forms -----------------------------------------------------------------------------

const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Code points that may combine with what precedes them: marks, half-width (semi-)voiced marks, Hangul V/T jamo. */
const CONTINUES = /^[\p{M}\uff9e\uff9f\u1160-\u11ff\ud7b0-\ud7ff]$/u;

interface Cluster {
  from: number;
  to: number;
}

/** NFKC / NFC / NFD / NFKD with alignments (see {@link compileNormalizer}). ASCII text is returned as is. */
export function unicodeNormalize(input: AlignedText, form: 'NFKC' | 'NFC' | 'NFD' | 'NFKD'): AlignedText {
  const s = input.text;
  if (ASCII_ONLY.test(s)) return input;
  const whole = s.normalize(form);
  if (whole === s) return input;

  // Split into clusters (a starter and the marks that follow it) and normalise each on its own.
  const clusters: Cluster[] = [];
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const last = clusters[clusters.length - 1];
    if (last !== undefined && CONTINUES.test(String.fromCodePoint(cp))) last.to = i + width;
    else clusters.push({ from: i, to: i + width });
    i += width;
  }
  const out = new AlignedBuilder(whole.length);
  const pieces: string[] = [];
  for (const { from, to } of clusters) {
    const src = s.slice(from, to);
    const dst = src.normalize(form);
    pieces.push(dst);
    if (dst === src) out.copy(input, from, to);
    else alignCluster(out, input, from, to, dst);
  }
  if (pieces.join('') === whole) return out.build();
  // Normalisation crossed cluster boundaries (rare scripts): align the whole text as one cluster.
  const fallback = new AlignedBuilder(whole.length);
  alignCluster(fallback, input, 0, s.length, whole);
  return fallback.build();
}

/**
 * Aligns the normalised form `dst` of units `[from, to)`. With n source and m output code points: if m <= n the first
 * output takes the first source (the base a composition absorbed marks into) and output k >= 1 takes source
 * k + n - m; if m > n (a decomposition) output k takes source min(k, n - 1). This is what HF `tokenizers` reports.
 */
function alignCluster(out: AlignedBuilder, input: AlignedText, from: number, to: number, dst: string): void {
  const srcUnits: number[] = [];
  for (let i = from; i < to;) {
    srcUnits.push(i);
    i += input.text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  const n = srcUnits.length;
  const outCps = Array.from(dst);
  const m = outCps.length;
  for (let k = 0; k < m; k++) {
    const srcIndex = m <= n ? (k === 0 ? 0 : k + n - m) : Math.min(k, n - 1);
    const unit = srcUnits[srcIndex]!;
    out.push(outCps[k]!, input.starts[unit]!, input.ends[unit]!);
  }
}

// --- Other steps ---------------------------------------------------------------------------------------------

function lowercase(input: AlignedText): AlignedText {
  const s = input.text;
  const lower = s.toLowerCase();
  if (lower === s) return input;
  const out = new AlignedBuilder(lower.length);
  for (let i = 0; i < s.length;) {
    const width = s.codePointAt(i)! > 0xffff ? 2 : 1;
    const ch = s.slice(i, i + width);
    const lc = ch.toLowerCase();
    if (lc === ch) out.copy(input, i, i + width);
    else out.push(lc, input.starts[i]!, input.ends[i]!);
    i += width;
  }
  return out.build();
}

/** Replaces every match of `pattern` (a global RegExp); the replacement takes the last replaced unit's alignment. */
export function replace(input: AlignedText, pattern: RegExp, content: string): AlignedText {
  const s = input.text;
  pattern.lastIndex = 0;
  if (!pattern.test(s)) {
    pattern.lastIndex = 0;
    return input;
  }
  pattern.lastIndex = 0;
  const out = new AlignedBuilder(s.length);
  let last = 0;
  for (const match of s.matchAll(pattern)) {
    const from = match.index;
    const to = from + match[0].length;
    if (to === from) continue;
    out.copy(input, last, from);
    out.push(content, input.starts[to - 1]!, input.ends[to - 1]!);
    last = to;
  }
  out.copy(input, last, s.length);
  return out.build();
}

function strip(input: AlignedText, left: boolean, right: boolean): AlignedText {
  const s = input.text;
  let from = 0;
  let to = s.length;
  if (left) while (from < to && /\s/.test(s[from]!)) from++;
  if (right) while (to > from && /\s/.test(s[to - 1]!)) to--;
  return input.slice(from, to);
}

/** Puts `prefix` in front of a non-empty text, aligned like its first character. */
export function prependTo(input: AlignedText, prefix: string): AlignedText {
  const out = new AlignedBuilder(input.length + prefix.length);
  out.push(prefix, input.starts[0]!, input.ends[0]!);
  out.copy(input, 0, input.length);
  return out.build();
}
