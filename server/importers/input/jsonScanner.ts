import { ChatTopicsError, type ErrorKind } from '../../errors';
import { IMPORT_LIMITS } from '../limits';

/** Where a JSON value starts or a failure is: 1-based line, 0-based character offset in the decoded text. */
export interface JsonPlace {
  line: number;
  offset: number;
}

/** The structure of a chat JSON file is broken (truncated, not JSON): reading cannot go on past `place`. */
export class JsonStructureError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';

  constructor(
    readonly reason: string,
    readonly place: JsonPlace,
  ) {
    super(`${reason} (line ${place.line}, character ${place.offset})`);
  }
}

/** A value cut out of the file: its text, or why it was not kept (too deep, too large). */
export type ScannedValue = { text: string } | { refused: string };

export interface JsonScanHandlers {
  /** An element of the records array (the top-level array, or the top-level object's `comments`). */
  record(value: ScannedValue, at: JsonPlace): void;
  /** A top-level key the caller asked for (`metaKeys`), with its value. */
  meta(key: string, value: ScannedValue, at: JsonPlace): void;
}

type Top = 'start' | 'keyOrEnd' | 'key' | 'colon' | 'value' | 'objNext' | 'recOrEnd' | 'rec' | 'recNext' | 'end';

/** A value being cut out: where it started, how deep it is, and its text so far (not kept when it is skipped). */
interface Capture {
  kind: 'record' | 'meta' | 'skip' | 'key';
  at: JsonPlace;
  depth: number;
  maxDepth: number;
  inString: boolean;
  escaped: boolean;
  /** A number or literal (`true`, `null`): ends at the first delimiter. */
  scalar: boolean;
  pieces: string[];
  size: number;
  tooBig: boolean;
}

const STRUCTURAL = /["{}[\]]/g;
const STRING_END = /["\\]/g;
const SCALAR_END = /[^\w.+-]/g;
/** A JSON number or literal: what may stand outside brackets and quotes. */
const SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
/** Longest number or literal read: anything longer is not chat data. */
const MAX_SCALAR_CHARS = 64;

/**
 * Cuts a chat JSON file into its records with bounded memory, whatever the file holds. It follows only the top
 * level (an array of records, or an object whose `comments` array holds them) and, inside a value, strings and
 * bracket depth: each record's text is kept up to `maxRecordChars` and handed over whole (the caller parses it with
 * `JSON.parse`, which is native and fast); a record nested deeper than `maxJsonDepth` or larger than
 * `maxRecordChars` is cut out without being kept and handed over as refused, so reading goes on with the next
 * record. Top-level values not asked for (TwitchDownloader's `embeddedData`, megabytes of base64) are skipped
 * without being kept. Memory: one record plus one chunk; nesting costs a counter, not a stack.
 *
 * Brackets are counted, not matched (a record whose brackets do not match fails `JSON.parse` and is reported);
 * what is checked here is the top level, and that the text ends where the JSON does.
 */
export class JsonScanner {
  private top: Top = 'start';
  private recordsAtTop = false;
  private key = '';
  private cap: Capture | null = null;
  private line = 1;
  private offset = 0;
  /** Position in the current chunk up to which `line` counts newlines. */
  private counted = 0;
  private chunk = '';

  constructor(
    private readonly handlers: JsonScanHandlers,
    private readonly metaKeys: readonly string[],
    private readonly limits: { maxRecordChars: number; maxJsonDepth: number } = IMPORT_LIMITS,
  ) {}

  /** Line and character offset of the end of what has been read. */
  get place(): JsonPlace {
    return { line: this.line, offset: this.offset };
  }

  /** Reads the next piece of text. @throws JsonStructureError when the top level is not a chat JSON file. */
  push(chunk: string): void {
    this.chunk = chunk;
    this.counted = 0;
    let i = 0;
    while (i < chunk.length) i = this.cap ? this.scanValue(i) : this.scanTop(i);
    this.placeAt(chunk.length);
    this.offset += chunk.length;
    this.chunk = '';
  }

  /** End of input. @throws JsonStructureError when the JSON ends early (truncated file). */
  end(): void {
    if (this.cap?.scalar && !this.cap.inString) this.finishValue(0);
    if (this.top !== 'end' || this.cap)
      throw new JsonStructureError('the JSON ends early (truncated file?)', this.place);
  }

  /** Brings `line` up to position `i` of the current chunk. */
  private placeAt(i: number): JsonPlace {
    for (let nl = this.chunk.indexOf('\n', this.counted); nl >= 0 && nl < i; nl = this.chunk.indexOf('\n', nl + 1))
      this.line++;
    this.counted = Math.max(this.counted, i);
    return { line: this.line, offset: this.offset + i };
  }

  private fail(reason: string, i: number): never {
    throw new JsonStructureError(reason, this.placeAt(i));
  }

  /** One character of the top level. @returns the next position. */
  private scanTop(i: number): number {
    const c = this.chunk[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') return i + 1;
    switch (this.top) {
      case 'start':
        if (c === '[') {
          this.top = 'recOrEnd';
          this.recordsAtTop = true;
        } else if (c === '{') this.top = 'keyOrEnd';
        else this.fail('the JSON value is not an object or an array', i);
        return i + 1;
      case 'keyOrEnd':
      case 'key':
        if (c === '}' && this.top === 'keyOrEnd') {
          this.top = 'end';
          return i + 1;
        }
        if (c !== '"') this.fail('expected a key in the top-level object', i);
        return this.begin('key', i);
      case 'colon':
        if (c !== ':') this.fail('expected `:` after a top-level key', i);
        this.top = 'value';
        return i + 1;
      case 'value':
        if (this.key === 'comments' && c === '[') {
          this.top = 'recOrEnd';
          return i + 1;
        }
        this.top = 'objNext';
        return this.begin(this.metaKeys.includes(this.key) ? 'meta' : 'skip', i);
      case 'objNext':
        if (c === ',') this.top = 'key';
        else if (c === '}') this.top = 'end';
        else this.fail('expected `,` or `}` in the top-level object', i);
        return i + 1;
      case 'recOrEnd':
      case 'rec':
        if (c === ']' && this.top === 'recOrEnd') {
          this.top = this.recordsAtTop ? 'end' : 'objNext';
          return i + 1;
        }
        if (c === ',' || c === ']' || c === '}' || c === ':') this.fail(`unexpected \`${c}\` in the records array`, i);
        this.top = 'recNext';
        return this.begin('record', i);
      case 'recNext':
        if (c === ',') this.top = 'rec';
        else if (c === ']') this.top = this.recordsAtTop ? 'end' : 'objNext';
        else this.fail('expected `,` or `]` after a record', i);
        return i + 1;
      case 'end':
        this.fail('text after the end of the JSON value', i);
    }
  }

  private begin(kind: Capture['kind'], i: number): number {
    const c = this.chunk[i]!;
    this.cap = {
      kind,
      at: this.placeAt(i),
      depth: 0,
      maxDepth: 0,
      inString: false,
      escaped: false,
      scalar: c !== '{' && c !== '[' && c !== '"',
      pieces: [],
      size: 0,
      tooBig: false,
    };
    return this.scanValue(i);
  }

  /** Scans the captured value from position `i` to its end or the chunk's end. @returns the next position. */
  private scanValue(from: number): number {
    const cap = this.cap!;
    const text = this.chunk;
    let i = from;
    if (cap.scalar) {
      SCALAR_END.lastIndex = i;
      const m = SCALAR_END.exec(text);
      const end = m ? m.index : text.length;
      this.keep(from, end);
      if (m) this.finishValue(end);
      return end;
    }
    for (;;) {
      if (cap.inString) {
        if (cap.escaped) {
          cap.escaped = false;
          i++;
          if (i > text.length) i = text.length;
        }
        STRING_END.lastIndex = i;
        const m = STRING_END.exec(text);
        if (!m) {
          this.keep(from, text.length);
          return text.length;
        }
        if (m[0] === '\\') {
          cap.escaped = true;
          i = m.index + 1;
          if (i >= text.length) {
            this.keep(from, text.length);
            return text.length;
          }
          continue;
        }
        cap.inString = false;
        i = m.index + 1;
        if (cap.depth === 0) {
          this.keep(from, i);
          this.finishValue(i);
          return i;
        }
        continue;
      }
      STRUCTURAL.lastIndex = i;
      const m = STRUCTURAL.exec(text);
      if (!m) {
        this.keep(from, text.length);
        return text.length;
      }
      i = m.index + 1;
      const c = m[0];
      if (c === '"') cap.inString = true;
      else if (c === '{' || c === '[') {
        cap.depth++;
        if (cap.depth > cap.maxDepth) cap.maxDepth = cap.depth;
      } else if (--cap.depth <= 0) {
        this.keep(from, i);
        this.finishValue(i);
        return i;
      }
    }
  }

  /** Keeps text of the captured value, unless it is skipped or past the limits (then only its size is counted). */
  private keep(from: number, to: number): void {
    const cap = this.cap!;
    cap.size += to - from;
    if (cap.scalar) {
      // Numbers and literals are checked here, for every kind: one that is not JSON means the file is not.
      if (cap.size > MAX_SCALAR_CHARS) this.fail(`a number or literal over ${MAX_SCALAR_CHARS} characters`, to);
      cap.pieces.push(this.chunk.slice(from, to));
      return;
    }
    if (cap.kind === 'skip' || cap.tooBig || to <= from) return;
    if (
      cap.size > (cap.kind === 'key' ? 1024 : this.limits.maxRecordChars) ||
      cap.maxDepth > this.limits.maxJsonDepth
    ) {
      cap.tooBig = true;
      cap.pieces = [];
      return;
    }
    cap.pieces.push(this.chunk.slice(from, to));
  }

  private finishValue(i: number): void {
    const cap = this.cap!;
    this.cap = null;
    if (cap.scalar) {
      const text = cap.pieces.join('');
      if (!SCALAR.test(text)) this.fail(`${JSON.stringify(text.slice(0, 20) || this.chunk.charAt(i))} is not JSON`, i);
    }
    if (cap.kind === 'skip') return;
    const value: ScannedValue =
      cap.maxDepth > this.limits.maxJsonDepth
        ? { refused: `nested deeper than ${this.limits.maxJsonDepth} levels` }
        : cap.tooBig
          ? { refused: `over ${Math.round(this.limits.maxRecordChars / 1024)} KB` }
          : { text: cap.pieces.join('') };
    if (cap.kind === 'key') {
      if (!('text' in value)) this.fail('a top-level key is over 1 KB', i);
      try {
        this.key = JSON.parse(value.text) as string;
      } catch {
        this.fail('a top-level key is not a JSON string', i);
      }
      this.top = 'colon';
    } else if (cap.kind === 'meta') this.handlers.meta(this.key, value, cap.at);
    else this.handlers.record(value, cap.at);
  }
}
