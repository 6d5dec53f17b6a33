import type { LineParser, SourceEvent } from '../formats/types';
import { IMPORT_LIMITS } from '../limits';

/** Where reading has got to, for reporting a failure part-way. */
export interface ReadPosition {
  line: number;
  record?: number;
  /** Characters read (UTF-16 code units of the decoded text), for JSON files that are one long line. */
  offset?: number;
}

/** Line breaks of a file: decided by its first break, so that a stray CR inside a message of a LF file stays text. */
type Breaks = 'lf' | 'cr';

/**
 * Splits text into lines as they arrive in chunks, with bounded memory: LF and CRLF files split on LF (a CR before
 * it is dropped); a file whose first line break is a lone CR (old Mac tools) splits on CR. A line longer than
 * `maxLineChars` is never held: it is skipped up to its end and reported by number.
 */
export class LineSplitter {
  private rest = '';
  private breaks: Breaks | null = null;
  /** Number of the line `rest` belongs to, minus one. */
  private lineNo = 0;
  /** The line being skipped for its length, or null. */
  private skipping: number | null = null;

  constructor(
    private readonly onLine: (line: string, lineNo: number) => void,
    private readonly onTooLong: (lineNo: number) => void,
    private readonly maxChars: number = IMPORT_LIMITS.maxLineChars,
  ) {}

  /** Number of the line being read (1-based). */
  get current(): number {
    return this.lineNo + 1;
  }

  push(chunk: string): void {
    let text = this.rest + chunk;
    this.rest = '';
    let start = 0;
    for (;;) {
      if (this.breaks === null) {
        const cr = text.indexOf('\r', start);
        const lf = text.indexOf('\n', start);
        if (lf >= 0 && (cr < 0 || lf < cr || lf === cr + 1)) this.breaks = 'lf';
        else if (cr >= 0 && cr + 1 < text.length) this.breaks = 'cr';
        else break; // no break yet, or a CR at the very end: wait for the next character
      }
      const sep = this.breaks === 'lf' ? '\n' : '\r';
      const at = text.indexOf(sep, start);
      // A CR at the end of a CR file may be the first half of a CRLF: keep it for the next chunk.
      if (at < 0 || (sep === '\r' && at === text.length - 1)) break;
      this.take(text.slice(start, at));
      start = at + 1;
      if (sep === '\r' && text[start] === '\n') start++;
    }
    text = start === 0 ? text : text.slice(start);
    if (this.skipping !== null) return; // the rest belongs to the long line: dropped
    if (text.length > this.maxChars) {
      this.skipping = this.lineNo + 1;
      return;
    }
    this.rest = text;
  }

  /** End of input: the last line needs no final break. */
  end(): void {
    if (this.skipping !== null) this.finishSkip();
    else if (this.rest) this.take(this.rest);
    this.rest = '';
  }

  private take(line: string): void {
    if (this.skipping !== null) {
      this.finishSkip();
      return;
    }
    this.lineNo++;
    if (line.length > this.maxChars) this.onTooLong(this.lineNo);
    else this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line, this.lineNo);
  }

  private finishSkip(): void {
    this.lineNo = this.skipping!;
    this.skipping = null;
    this.onTooLong(this.lineNo);
  }
}

/** A line that holds only blanks, a byte-order mark or NULs (the padding a crashed writer leaves): not a record. */
const BLANK = /^[\s\uFEFF\u0000]*$/;

/**
 * Splits text chunks into lines (see `LineSplitter`) and runs `parser` on each non-blank one, yielding the events of
 * each chunk as one batch (one await per chunk rather than per line). The last line needs no final newline, but it
 * is only read when the input ended normally: after a failure it is likely cut short.
 * @param position updated as lines are read.
 */
export async function* lineBatches(
  chunks: AsyncIterable<string>,
  parser: LineParser,
  position: ReadPosition,
): AsyncGenerator<SourceEvent[]> {
  let out: SourceEvent[] = [];
  const maxMb = IMPORT_LIMITS.maxLineChars / 1024 / 1024;
  const splitter = new LineSplitter(
    (line, lineNo) => {
      if (BLANK.test(line)) return;
      // A byte-order mark inside the file (files concatenated with `cat`) is not text either.
      parser.line(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, lineNo, out);
    },
    (lineNo) =>
      out.push({ type: 'error', line: lineNo, reason: `line is over ${maxMb} MB long: skipped (not a chat line)` }),
  );
  for await (const chunk of chunks) {
    splitter.push(chunk);
    position.line = splitter.current;
    position.offset = (position.offset ?? 0) + chunk.length;
    if (out.length) {
      yield out;
      out = [];
    }
  }
  splitter.end();
  parser.end?.(out);
  position.line = splitter.current - 1;
  if (out.length) yield out;
}
