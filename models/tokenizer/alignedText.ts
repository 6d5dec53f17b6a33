/**
 * A string whose every UTF-16 unit knows which code points of the ORIGINAL text it came from: unit `i` of `text`
 * comes from original code points `[starts[i], ends[i])`. Both units of a surrogate pair carry the same range.
 * Every normalisation step maps an AlignedText to a new one, so token offsets can always be traced back.
 */
export class AlignedText {
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
  ) {}

  get length(): number {
    return this.text.length;
  }

  /** Units `[from, to)` (a view: alignments are not copied). */
  slice(from: number, to: number): AlignedText {
    if (from === 0 && to === this.text.length) return this;
    return new AlignedText(this.text.slice(from, to), this.starts.subarray(from, to), this.ends.subarray(from, to));
  }

  /** The original code-point range covered by units `[from, to)`; `[0, 0]`-like empty range when `from === to`. */
  originalRange(from: number, to: number): [number, number] {
    if (to <= from) {
      const at = from < this.starts.length ? this.starts[from]! : from > 0 ? this.ends[from - 1]! : 0;
      return [at, at];
    }
    return [this.starts[from]!, this.ends[to - 1]!];
  }

  /**
   * Wraps an original text. Lone surrogates must already be replaced (see {@link wellFormed}); each code point
   * counts one, as Python counts them.
   */
  static original(text: string): AlignedText {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    let cp = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      starts[i] = cp;
      ends[i] = cp + 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          starts[i] = cp;
          ends[i] = cp + 1;
        }
      }
      cp++;
    }
    return new AlignedText(text, starts, ends);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/**
 * Replaces lone (invalid) surrogates with U+FFFD, as a UTF-8 encoder would: the text keeps its length, and the Nmt
 * normaliser later turns U+FFFD into a space.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Whether `text` has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  return !HAS_LONE_SURROGATE.test(text);
}

/** Appends pieces of text with their alignments; grows as needed. */
export class AlignedBuilder {
  private parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;

  constructor(capacity = 16) {
    this.starts = new Int32Array(Math.max(capacity, 4));
    this.ends = new Int32Array(Math.max(capacity, 4));
  }

  private reserve(extra: number): void {
    if (this.n + extra <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.n + extra);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.n));
    ends.set(this.ends.subarray(0, this.n));
    this.starts = starts;
    this.ends = ends;
  }

  /** Appends `str`, every unit of it aligned to `[start, end)`. */
  push(str: string, start: number, end: number): void {
    const k = str.length;
    if (k === 0) return;
    this.reserve(k);
    this.starts.fill(start, this.n, this.n + k);
    this.ends.fill(end, this.n, this.n + k);
    this.n += k;
    this.parts.push(str);
  }

  /** Appends units `[from, to)` of `src`, keeping their alignments. */
  copy(src: AlignedText, from: number, to: number): void {
    const k = to - from;
    if (k <= 0) return;
    this.reserve(k);
    this.starts.set(src.starts.subarray(from, to), this.n);
    this.ends.set(src.ends.subarray(from, to), this.n);
    this.n += k;
    this.parts.push(src.text.slice(from, to));
  }

  build(): AlignedText {
    return new AlignedText(this.parts.join(''), this.starts.subarray(0, this.n), this.ends.subarray(0, this.n));
  }
}
