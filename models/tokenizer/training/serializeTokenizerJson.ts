/**
 * A float as Rust's `ryu` (serde_json) writes it: the shortest digits that read back to the same number, laid out
 * `-1.5`, `0.0001`, `1e-6`, `1.25e-7`, `12.0`, `1e16`. JavaScript finds the same shortest digits but lays them out
 * differently (`12`, `0.000001`, `10000000000000000`), so only the layout is redone here.
 */
export function formatRustFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a JSON float must be finite, got ${value}`);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  // ryu's decimal exponent: value = 0.d1d2...dn * 10^kk
  const kk = Number(exp) + 1;
  if (length <= kk && kk <= 16) return `${sign}${digits}${'0'.repeat(kk - length)}.0`;
  if (0 < kk && kk <= 16) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (-5 < kk && kk <= 0) return `${sign}0.${'0'.repeat(-kk)}${digits}`;
  const e = kk - 1;
  return length === 1 ? `${sign}${digits}e${e}` : `${sign}${digits[0]}.${digits.slice(1)}e${e}`;
}

/** Whether the value at `path` is a float in HF's file: the score of a `model.vocab` entry. */
function isFloatPath(path: readonly (string | number)[]): boolean {
  return path.length === 4 && path[0] === 'model' && path[1] === 'vocab' && path[3] === 1;
}

function write(value: unknown, path: (string | number)[], indent: string, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      // JSON.stringify escapes strings as serde_json does (quote, backslash, control characters as \n or \u00xx).
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (isFloatPath(path) || !Number.isInteger(value)) out.push(formatRustFloat(value));
      else out.push(String(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`tokenizerJsonToString: cannot write a ${typeof value} at ${path.join('.') || '(root)'}`);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner);
      write(item, [...path, i], inner, out);
      out.push(i + 1 < value.length ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  entries.forEach(([key, item], i) => {
    out.push(`${inner}${JSON.stringify(key)}: `);
    write(item, [...path, key], inner, out);
    out.push(i + 1 < entries.length ? ',\n' : '\n');
  });
  out.push(`${indent}}`);
}

/**
 * Writes a `tokenizer.json` object the way HF `tokenizers` saves it (`tokenizer.save(path, pretty=True)`): serde_json's
 * pretty printer (two-space indent, `"key": value`, no trailing newline), keys in the object's order, vocab scores
 * as Rust floats (`0.0`, `-3.9149860100983638`), non-ASCII text unescaped. Re-serialising the HF fixture gives its
 * exact bytes.
 *
 * @param json a tokenizer.json object (keys already in HF's order, as `buildTokenizerJson` makes them)
 * @example
 * tokenizerJsonToString({ model: { vocab: [['▁', 0]] } }); // '{\n  "model": {\n    "vocab": [\n      [\n        "▁",\n        0.0\n ...'
 */
export function tokenizerJsonToString(json: unknown): string {
  const out: string[] = [];
  write(json, [], '', out);
  return out.join('');
}
