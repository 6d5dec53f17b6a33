import { describe, expect, it } from 'vitest';
import { JsonScanner, JsonStructureError, type JsonPlace, type ScannedValue } from './jsonScanner';

type Seen = { what: string; value: ScannedValue; line: number };

/** Runs the scanner over `text` cut into chunks of `size` characters. */
function scan(text: string, size: number, limits = { maxRecordChars: 200, maxJsonDepth: 4 }) {
  const seen: Seen[] = [];
  const scanner = new JsonScanner(
    {
      record: (value: ScannedValue, at: JsonPlace) => seen.push({ what: 'record', value, line: at.line }),
      meta: (key: string, value: ScannedValue, at: JsonPlace) =>
        seen.push({ what: `meta:${key}`, value, line: at.line }),
    },
    ['streamer'],
    limits,
  );
  for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
  scanner.end();
  return seen;
}

const FILE = [
  '{"FileInfo": {"a": [1, {"b": "}]\\"["}]},',
  ' "streamer": {"name": "chan", "esc": "\\\\"},',
  ' "comments": [',
  '  {"id": 1, "text": "a \\"quoted\\" ] } [ {"},',
  '  {"id": 2, "deep": [[[[[1]]]]]},',
  `  {"id": 3, "big": "${'x'.repeat(300)}"},`,
  '  42, "str", null, -1.5e3,',
  '  {"id": 4, "bad": tru},',
  '  {"id": 5, "emoji": "🎉\\u0000"}',
  ' ],',
  ` "embeddedData": {"skip": ${'['.repeat(50)}"${'y'.repeat(500)}"${']'.repeat(50)}},`,
  ' "after": true',
  '}',
].join('\n');

describe('JsonScanner', () => {
  it('cuts out the same records, metadata and lines whatever the chunk size (strings, escapes, depth, size, scalars)', () => {
    const whole = scan(FILE, FILE.length);
    expect(whole.map((s) => [s.what, s.line, 'text' in s.value ? s.value.text.slice(0, 30) : s.value.refused])).toEqual(
      [
        ['meta:streamer', 2, '{"name": "chan", "esc": "\\\\"}'],
        ['record', 4, '{"id": 1, "text": "a \\"quoted\\'],
        ['record', 5, 'nested deeper than 4 levels'],
        ['record', 6, 'over 0 KB'],
        ['record', 7, '42'],
        ['record', 7, '"str"'],
        ['record', 7, 'null'],
        ['record', 7, '-1.5e3'],
        ['record', 8, '{"id": 4, "bad": tru}'],
        ['record', 9, '{"id": 5, "emoji": "🎉\\u0000"}'],
      ],
    );
    expect(JSON.parse((whole[1]!.value as { text: string }).text)).toEqual({ id: 1, text: 'a "quoted" ] } [ {' });
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(scan(FILE, size), `chunks of ${size}`).toEqual(whole);
  });

  it('reads a top-level array of records', () => {
    expect(scan('[{"a":1},\r\n{"a":2}]', 3).map((s) => s.value)).toEqual([{ text: '{"a":1}' }, { text: '{"a":2}' }]);
    expect(scan('[]', 1)).toEqual([]);
  });

  it.each([
    ['{"comments": [{"a": 1}, {"a"', /the JSON ends early \(truncated file\?\) \(line 1/],
    ['{"comments": [{"a": 1}]} trailing', /text after the end of the JSON value/],
    ['"just a string"', /not an object or an array/],
    ['[0:00:01] name: text', /"0:00:01" is not JSON|expected `,` or `]`/],
    ['{"comments": [{"a": 1} {"a": 2}]}', /expected `,` or `]` after a record/],
    ['[1, 2,\n 3x]', /"3x" is not JSON \(line 2/],
    [`[${'1'.repeat(100)}]`, /a number or literal over 64 characters/],
  ])('refuses a broken top level, naming line and character: %s', (text, message) => {
    expect(() => scan(text, 4)).toThrow(JsonStructureError);
    expect(() => scan(text, 4)).toThrow(message);
  });

  it('keeps memory flat on nesting a million deep (a counter, no stack) and refuses the record', () => {
    const n = 1_000_000;
    const seen = scan(`[${'['.repeat(n)}${']'.repeat(n)}, {"ok": 1}]`, 256 * 1024, {
      maxRecordChars: 1024,
      maxJsonDepth: 64,
    });
    expect(seen.map((s) => s.value)).toEqual([{ refused: 'nested deeper than 64 levels' }, { text: '{"ok": 1}' }]);
  });
});
