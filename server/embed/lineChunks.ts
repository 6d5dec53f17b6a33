import type { Readable } from 'node:stream';
import { EmbedCommandError } from './errors';

/** A line this long is not a chat message; refusing it keeps memory bounded whatever the input. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * The lines of a UTF-8 stream (LF or CRLF; a leading BOM dropped; the last line needs no newline), in arrays of at
 * most `size`, read as they arrive: memory holds one array and one partial line, whatever the input's length.
 * Every line counts, empty ones too, so line i of the input is text i.
 *
 * @example
 * for await (const lines of lineChunks(fs.createReadStream('chat.txt'), 512)) await embed(lines);
 */
export async function* lineChunks(input: Readable, size: number): AsyncGenerator<string[]> {
  input.setEncoding('utf8');
  let rest = '';
  let lines: string[] = [];
  let first = true;
  let done = 0;
  for await (const piece of input as AsyncIterable<string>) {
    let text = rest + piece;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.push(text.slice(start, text[nl - 1] === '\r' ? nl - 1 : nl));
      start = nl + 1;
      if (lines.length === size) {
        done += lines.length;
        yield lines;
        lines = [];
      }
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      throw new EmbedCommandError(
        `line ${done + lines.length + 1} of the input is over ${MAX_LINE_CHARS} characters: not one message per line`,
      );
    }
  }
  if (rest.length > 0) lines.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  if (lines.length > 0) yield lines;
}
