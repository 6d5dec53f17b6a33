import { jsonParser, type Token } from 'stream-json/core/parser.js';
import type { JsonRecordParser, SourceEvent } from '../formats/types';
import type { ReadPosition } from './lineBatches';

// stream-chain's markers (the tokenizer's return protocol), by their registered symbols.
const NONE = Symbol.for('object-stream.none');
const MANY = Symbol.for('object-stream.many');

/** Builds one JSON value from tokens, like JSON.parse but fed piece by piece. */
class ValueBuilder {
  private readonly stack: (Record<string, unknown> | unknown[])[] = [];
  private key: string | null = null;
  value: unknown = undefined;

  /** @returns true when the value is complete. */
  add(t: Token): boolean {
    switch (t.name) {
      case 'startObject':
        return this.open({});
      case 'startArray':
        return this.open([]);
      case 'endObject':
      case 'endArray': {
        const done = this.stack.pop();
        if (this.stack.length === 0) {
          this.value = done;
          return true;
        }
        return false;
      }
      case 'keyValue':
        this.key = t.value;
        return false;
      case 'stringValue':
        return this.leaf(t.value);
      case 'numberValue':
        return this.leaf(Number(t.value));
      case 'nullValue':
        return this.leaf(null);
      case 'trueValue':
        return this.leaf(true);
      case 'falseValue':
        return this.leaf(false);
      default:
        return false;
    }
  }

  private put(value: unknown): void {
    const parent = this.stack[this.stack.length - 1]!;
    if (Array.isArray(parent)) parent.push(value);
    else if (this.key === '__proto__') Object.defineProperty(parent, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    else parent[this.key!] = value;
  }

  private open(container: Record<string, unknown> | unknown[]): boolean {
    if (this.stack.length > 0) this.put(container);
    this.stack.push(container);
    return false;
  }

  private leaf(value: unknown): boolean {
    if (this.stack.length === 0) {
      this.value = value;
      return true;
    }
    this.put(value);
    return false;
  }
}

type State = 'top' | 'keys' | 'value' | 'records' | 'end';

/**
 * Walks the token stream of a chat JSON file: a top-level array whose elements are records, or a top-level object
 * whose `comments` array holds them. Records are built one at a time (memory stays at one record); `metaKeys`
 * values are built whole for metadata; every other top-level value (TwitchDownloader's `embeddedData`, megabytes
 * of base64 images) is skipped token by token without being built.
 */
class RecordWalker {
  private state: State = 'top';
  private recordsAtTop = false;
  private key = '';
  private skipDepth = 0;
  private builder: ValueBuilder | null = null;
  private building: { kind: 'record'; line: number } | { kind: 'meta'; key: string } | null = null;
  records = 0;
  line = 1;
  out: SourceEvent[] = [];

  constructor(
    private readonly parser: JsonRecordParser,
    private readonly metaKeys: readonly string[],
  ) {}

  token(t: Token): void {
    if (this.builder) {
      if (this.builder.add(t)) this.complete();
      return;
    }
    if (this.skipDepth > 0) {
      if (t.name === 'startObject' || t.name === 'startArray') this.skipDepth++;
      else if (t.name === 'endObject' || t.name === 'endArray') this.skipDepth--;
      return;
    }
    switch (this.state) {
      case 'top':
        if (t.name === 'startArray') {
          this.state = 'records';
          this.recordsAtTop = true;
        } else if (t.name === 'startObject') this.state = 'keys';
        else throw new Error('the JSON value is not an object or an array');
        return;
      case 'keys':
        if (t.name === 'keyValue') {
          this.key = t.value;
          this.state = 'value';
        } else if (t.name === 'endObject') this.state = 'end';
        return;
      case 'value':
        this.state = 'keys';
        if (this.key === 'comments' && t.name === 'startArray') this.state = 'records';
        else if (this.metaKeys.includes(this.key)) this.begin(t, { kind: 'meta', key: this.key });
        else if (t.name === 'startObject' || t.name === 'startArray') this.skipDepth = 1;
        return;
      case 'records':
        if (t.name === 'endArray') this.state = this.recordsAtTop ? 'end' : 'keys';
        else this.begin(t, { kind: 'record', line: this.line });
        return;
      case 'end':
        return;
    }
  }

  private begin(t: Token, what: NonNullable<RecordWalker['building']>): void {
    this.builder = new ValueBuilder();
    this.building = what;
    if (this.builder.add(t)) this.complete();
  }

  private complete(): void {
    const value = this.builder!.value;
    const what = this.building!;
    this.builder = null;
    this.building = null;
    if (what.kind === 'meta') this.parser.meta?.(what.key, value, this.out);
    else this.parser.record(value, { line: what.line, record: ++this.records }, this.out);
  }

  /** Throws when the input ended before the JSON value did. */
  finish(): void {
    if (this.state !== 'end') throw new Error('the JSON ends early (truncated file?)');
  }
}

/**
 * Streams a chat JSON file's records through `parser`, one batch of events per text chunk. Each chunk is fed to
 * stream-json's tokenizer line by line, so every record knows the line it starts on at the cost of one call per
 * line (nothing for minified files, which are one line).
 * @param position updated with the line and record reached, for reporting a failure part-way.
 */
export async function* jsonBatches(
  chunks: AsyncIterable<string>,
  parser: JsonRecordParser,
  metaKeys: readonly string[],
  position: ReadPosition,
): AsyncGenerator<SourceEvent[]> {
  const tokenize = jsonParser({ streamValues: false }) as unknown as (input: string | symbol) => unknown;
  const walker = new RecordWalker(parser, metaKeys);
  const feed = (input: string | symbol) => {
    const result = tokenize(input) as { [MANY]?: 1; values?: Token[] } | symbol;
    if (result === NONE || typeof result === 'symbol') return;
    if (result[MANY] === 1) for (const t of result.values!) walker.token(t);
    else walker.token(result as unknown as Token);
  };
  const tell = () => {
    position.line = walker.line;
    position.record = walker.records;
  };
  try {
    for await (const chunk of chunks) {
      walker.out = [];
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        feed(nl === chunk.length - 1 && start === 0 ? chunk : chunk.slice(start, nl + 1));
        walker.line++;
        start = nl + 1;
      }
      if (start < chunk.length) feed(start === 0 ? chunk : chunk.slice(start));
      tell();
      if (walker.out.length) yield walker.out;
    }
    walker.out = [];
    feed(NONE);
    walker.finish();
    tell();
    if (walker.out.length) yield walker.out;
  } catch (err) {
    tell();
    // The records completed before the failure in this chunk are good: hand them over first.
    const done = walker.out;
    walker.out = [];
    if (done.length) yield done;
    throw err;
  }
}
