import type { JsonRecordParser, SourceEvent } from '../formats/types';
import { JsonScanner, type JsonPlace, type ScannedValue } from './jsonScanner';
import type { ReadPosition } from './lineBatches';

/**
 * Streams a chat JSON file's records through `parser`, one batch of events per text chunk. `JsonScanner` cuts the
 * records out with bounded memory (a record beyond the depth or size limit is reported and skipped, never built);
 * each kept record is parsed with `JSON.parse`, and one that is not valid JSON is reported and skipped too.
 * @param position updated with the line, record and character reached, for reporting a failure part-way.
 * @throws JsonStructureError when the top level is broken (truncated file, text that is not JSON), after the
 *   batch of records completed before it has been yielded.
 */
export async function* jsonBatches(
  chunks: AsyncIterable<string>,
  parser: JsonRecordParser,
  metaKeys: readonly string[],
  position: ReadPosition,
): AsyncGenerator<SourceEvent[]> {
  let out: SourceEvent[] = [];
  let records = 0;
  const parse = (value: ScannedValue): { value: unknown } | { reason: string } => {
    if ('refused' in value) return { reason: value.refused };
    try {
      return { value: JSON.parse(value.text) as unknown };
    } catch (err) {
      return { reason: `not valid JSON (${(err as Error).message.slice(0, 120)})` };
    }
  };
  const scanner = new JsonScanner(
    {
      record(scanned: ScannedValue, at: JsonPlace) {
        const pos = { line: at.line, record: ++records };
        const r = parse(scanned);
        if ('reason' in r) out.push({ type: 'error', ...pos, reason: `record ${r.reason}: skipped` });
        else parser.record(r.value, pos, out);
      },
      meta(key: string, scanned: ScannedValue, at: JsonPlace) {
        const r = parse(scanned);
        if ('reason' in r) out.push({ type: 'error', line: at.line, reason: `\`${key}\` ${r.reason}: ignored` });
        else parser.meta?.(key, r.value, out, { line: at.line });
      },
    },
    metaKeys,
  );
  const tell = () => {
    const place = scanner.place;
    position.line = place.line;
    position.offset = place.offset;
    position.record = records;
  };
  try {
    for await (const chunk of chunks) {
      scanner.push(chunk);
      tell();
      if (out.length) {
        yield out;
        out = [];
      }
    }
    scanner.end();
    tell();
    if (out.length) yield out;
  } catch (err) {
    tell();
    // The records completed before the failure in this chunk are good: hand them over first.
    const done = out;
    out = [];
    if (done.length) yield done;
    throw err;
  }
}
