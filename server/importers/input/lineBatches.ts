import type { LineParser, SourceEvent } from '../formats/types';

/** A line this long is not chat: the file is not line-based, and holding it would break bounded memory. */
const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** Where reading has got to, for reporting a failure part-way. */
export interface ReadPosition {
  line: number;
  record?: number;
}

/**
 * Splits text chunks into lines (LF or CRLF) and runs `parser` on each non-blank one, yielding the events of each
 * chunk as one batch (one await per chunk rather than per line). The last line needs no final newline, but it is
 * only read when the input ended normally: after a failure it is likely cut short.
 * @param position updated as lines are read.
 */
export async function* lineBatches(chunks: AsyncIterable<string>, parser: LineParser, position: ReadPosition): AsyncGenerator<SourceEvent[]> {
  let rest = '';
  let lineNo = 0;
  const take = (line: string, out: SourceEvent[]) => {
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > 0 && /\S/.test(line)) parser.line(line, lineNo, out);
  };
  for await (const chunk of chunks) {
    const out: SourceEvent[] = [];
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl), out);
      start = nl + 1;
    }
    rest = text.slice(start);
    position.line = lineNo + 1;
    if (rest.length > MAX_LINE_CHARS) throw new Error(`line ${lineNo + 1} is over ${MAX_LINE_CHARS / 1024 / 1024} MB long: not a line-based chat file`);
    if (out.length) yield out;
  }
  const out: SourceEvent[] = [];
  if (rest) take(rest, out);
  parser.end?.(out);
  position.line = lineNo;
  if (out.length) yield out;
}
