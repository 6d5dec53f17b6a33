import fs from 'node:fs';
import path from 'node:path';
import { EmbedCommandError } from './errors';

/** Token-id sequences to embed, with their type ids when the file gives them. */
export interface TokenIdsInput {
  sequences: number[][];
  typeIds?: number[][];
}

/**
 * Reads a JSON file of token ids: either a list of id lists, or the fixture shape
 * `{ "input_ids": [[…]], "attention_mask": [[…]], "token_type_ids"?: [[…]] }` where each row is right-padded and
 * is cut to its mask (the 1s, which must come first).
 *
 * @throws EmbedCommandError naming the file and the field (`input_ids[1][3] must be an integer`)
 * @example
 * readTokenIdsFile('test/fixtures/convbert-tiny/inputs.json').sequences[0]; // [3, 52, 88, 43, 4]
 */
export function readTokenIdsFile(file: string): TokenIdsInput {
  const name = path.basename(file);
  const fail = (message: string) => new EmbedCommandError(`${name}: ${message}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw fail(err instanceof SyntaxError ? `not valid JSON: ${reason}` : `cannot read it: ${reason}`);
  }
  if (Array.isArray(json)) return { sequences: intRows(json, 'ids', fail) };
  if (typeof json !== 'object' || json === null)
    throw fail('expected a list of token-id lists, or {"input_ids": [[…]], "attention_mask": [[…]]}');
  const record = json as Record<string, unknown>;
  if (record.input_ids === undefined) throw fail('input_ids is missing');
  const ids = intRows(record.input_ids, 'input_ids', fail);
  const mask = record.attention_mask === undefined ? null : intRows(record.attention_mask, 'attention_mask', fail);
  const types = record.token_type_ids === undefined ? null : intRows(record.token_type_ids, 'token_type_ids', fail);
  for (const [other, field] of [
    [mask, 'attention_mask'],
    [types, 'token_type_ids'],
  ] as const) {
    if (other === null) continue;
    if (other.length !== ids.length) throw fail(`${field} has ${other.length} rows, input_ids ${ids.length}`);
    other.forEach((row, r) => {
      if (row.length !== ids[r]!.length)
        throw fail(`${field}[${r}] has ${row.length} values, input_ids[${r}] ${ids[r]!.length}`);
    });
  }
  const lengths = ids.map((row, r) => (mask === null ? row.length : maskLength(mask[r]!, r, fail)));
  const out: TokenIdsInput = { sequences: ids.map((row, r) => row.slice(0, lengths[r])) };
  if (types !== null) out.typeIds = types.map((row, r) => row.slice(0, lengths[r]));
  return out;
}

function intRows(value: unknown, field: string, fail: (message: string) => Error): number[][] {
  if (!Array.isArray(value)) throw fail(`${field} must be a list of lists of integers`);
  return value.map((row: unknown, r) => {
    if (!Array.isArray(row)) throw fail(`${field}[${r}] must be a list of integers`);
    row.forEach((x: unknown, i) => {
      if (!Number.isInteger(x)) throw fail(`${field}[${r}][${i}] must be an integer`);
    });
    return row as number[];
  });
}

/** The number of leading 1s of a right-padded mask row. */
function maskLength(row: readonly number[], r: number, fail: (message: string) => Error): number {
  let length = 0;
  while (length < row.length && row[length] === 1) length++;
  const stray = row.findIndex((x, i) => i >= length && x !== 0);
  if (stray >= 0) throw fail(`attention_mask[${r}][${stray}] is ${row[stray]}: expected right padding (1s, then 0s)`);
  return length;
}
