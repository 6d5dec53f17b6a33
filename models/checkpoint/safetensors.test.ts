import { describe, expect, it } from 'vitest';
import { readSafetensors, readSafetensorsHeader, writeSafetensors } from './safetensors';
import type { Tensor } from './Tensor';
import { CONVBERT_FIXTURES, fixtureBytes, rawBytes } from './testing/fixtures';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

/** A safetensors file with a hand-written header (padded to 8 bytes) and `data` as the data block. */
function craft(header: unknown, data: Uint8Array | number = 0): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const block = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + headerLength + block.length).fill(0x20, 8, 8 + headerLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.set(block, 8 + headerLength);
  return out;
}

describe('readSafetensors on the fixtures', () => {
  it.each(CONVBERT_FIXTURES)('%s: 58 float32 tensors, MLM head included, tied decoder weight not stored', (folder) => {
    const tensors = readSafetensors(fixtureBytes(folder, 'model.safetensors'), 'model.safetensors');
    expect(tensors.size).toBe(58);
    expect([...tensors.keys()]).toEqual([...tensors.keys()].sort());
    for (const [name, t] of tensors) {
      expect(t.name).toBe(name);
      expect(t.dtype).toBe('float32');
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
    expect(tensors.get('convbert.embeddings.word_embeddings.weight')?.shape).toEqual([120, 16]);
    expect(tensors.has('generator_lm_head.bias')).toBe(true);
    expect(tensors.has('generator_lm_head.weight')).toBe(false);
    expect([...tensors.keys()].filter((n) => !n.startsWith('convbert.'))).toHaveLength(5);
  });

  it('reads the header and metadata without decoding', () => {
    const header = readSafetensorsHeader(fixtureBytes('convbert-tiny', 'model.safetensors'));
    expect(header.metadata).toEqual({ format: 'pt' });
    expect(header.tensors[0]).toEqual({
      name: 'convbert.embeddings.LayerNorm.bias',
      dtype: 'F32',
      shape: [16],
      dataOffsets: [0, 64],
    });
  });
});

describe('writeSafetensors', () => {
  it.each(CONVBERT_FIXTURES)('%s: rewriting the fixture gives the same bytes', (folder) => {
    const original = fixtureBytes(folder, 'model.safetensors');
    const tensors = readSafetensors(original);
    const { metadata } = readSafetensorsHeader(original);
    expect(Buffer.compare(Buffer.from(writeSafetensors(tensors, metadata ?? undefined)), Buffer.from(original))).toBe(
      0,
    );
    // Order of the input does not matter: the writer sorts by name.
    const reversed = [...tensors.values()].reverse();
    expect(Buffer.compare(Buffer.from(writeSafetensors(reversed, { format: 'pt' })), Buffer.from(original))).toBe(0);
  });

  it('round-trips bit for bit: NaN payloads, -0, int32, int64, scalars and empty tensors', () => {
    const f = new Float32Array([1.5, -0, Infinity, 3e-45, 0]);
    new Uint32Array(f.buffer)[4] = 0x7fc01234; // a NaN with a payload
    const tensors: Tensor[] = [
      { name: 'z.float', dtype: 'float32', shape: [5], data: f },
      { name: 'a.int64', dtype: 'int64', shape: [2, 2], data: new BigInt64Array([-1n, 2n ** 62n, 0n, -(2n ** 63n)]) },
      { name: 'm.int32', dtype: 'int32', shape: [3], data: new Int32Array([-2147483648, 7, 2147483647]) },
      { name: 'scalar', dtype: 'float32', shape: [], data: new Float32Array([42]) },
      { name: 'empty', dtype: 'float32', shape: [0, 3], data: new Float32Array(0) },
    ];
    const bytes = writeSafetensors(tensors);
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect([...back.keys()]).toEqual(['a.int64', 'empty', 'm.int32', 'scalar', 'z.float']);
    for (const t of tensors) {
      const r = back.get(t.name)!;
      expect(r.dtype).toBe(t.dtype);
      expect(r.shape).toEqual(t.shape);
      expect(rawBytes(r.data).equals(rawBytes(t.data))).toBe(true);
    }
    expect(readSafetensorsHeader(bytes).metadata).toBeNull();
  });

  it('refuses duplicate names, reserved names and data that does not match the shape', () => {
    const t: Tensor = { name: 'w', dtype: 'float32', shape: [2], data: new Float32Array(2) };
    expect(checkpointErrorOf(() => writeSafetensors([t, t])).message).toMatch(/tensor "w": duplicate/);
    expect(checkpointErrorOf(() => writeSafetensors([{ ...t, name: '__metadata__' }])).message).toMatch(/reserved/);
    expect(checkpointErrorOf(() => writeSafetensors([{ ...t, shape: [3] }])).message).toMatch(
      /tensor "w": shape \[3\] needs 3 elements, data has 2/,
    );
    expect(checkpointErrorOf(() => writeSafetensors(new Map([['v', t]]))).message).toMatch(/map key differs/);
  });
});

describe('readSafetensors decodes half precision', () => {
  it('widens F16 (subnormals, infinities, NaN) and BF16 exactly', () => {
    const half = new Uint16Array([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x8000, 0x7e00]);
    const bf16 = new Uint16Array([0x3f80, 0xc049, 0x0001]);
    const data = new Uint8Array([...new Uint8Array(half.buffer), ...new Uint8Array(bf16.buffer)]);
    const file = craft(
      {
        h: { dtype: 'F16', shape: [10], data_offsets: [0, 20] },
        b: { dtype: 'BF16', shape: [3], data_offsets: [20, 26] },
      },
      data,
    );
    const t = readSafetensors(file);
    expect(t.get('h')?.dtype).toBe('float32');
    const h = [...(t.get('h')!.data as Float32Array)];
    expect(h.slice(0, 9)).toEqual([1, -2, 0.5, 65504, 2 ** -24, 1023 * 2 ** -24, Infinity, -Infinity, -0]);
    expect(Number.isNaN(h[9])).toBe(true);
    const b = t.get('b')!.data as Float32Array;
    expect(b[0]).toBe(1);
    expect(b[1]).toBeCloseTo(-3.140625, 6);
    expect(new Uint32Array(b.buffer)[2]).toBe(0x00010000);
  });
});

describe('readSafetensors refuses broken files, naming the file and the tensor', () => {
  const fixture = () => fixtureBytes('convbert-tiny', 'model.safetensors');

  it('a file shorter than the length prefix', () => {
    expect(checkpointErrorOf(() => readSafetensors(new Uint8Array(5), 'x.safetensors')).message).toMatch(
      /^x\.safetensors: truncated: 5 bytes/,
    );
  });

  it('a header length beyond the end of the file', () => {
    const bytes = fixture().subarray(0, 4000);
    const e = checkpointErrorOf(() => readSafetensors(bytes, 'model.safetensors'));
    expect(e.message).toMatch(
      /^model\.safetensors: truncated: header length 6600 goes beyond the end of the file \(4000 bytes\)/,
    );
    expect(e.file).toBe('model.safetensors');
  });

  it('data offsets beyond the end of the file (a truncated data block)', () => {
    const bytes = fixture().subarray(0, 92_000);
    const e = checkpointErrorOf(() => readSafetensors(bytes, 'model.safetensors'));
    expect(e.tensor).toBe('generator_predictions.dense.weight');
    expect(e.message).toMatch(
      /^model\.safetensors: tensor "generator_predictions\.dense\.weight": truncated: data_offsets \[83760, 85808\] go beyond/,
    );
  });

  it('a header that is not JSON', () => {
    expect(checkpointErrorOf(() => readSafetensors(craft('{"a": [1, 2', 0), 'm.st')).message).toMatch(
      /^m\.st: header is not valid UTF-8 JSON/,
    );
    expect(checkpointErrorOf(() => readSafetensors(craft('[1, 2, 3]', 0), 'm.st')).message).toMatch(
      /must start with "\{"/,
    );
    const bad = craft('{"a":"\u00e9"}', 0);
    bad[bad.indexOf(0xc3)] = 0xff; // invalid UTF-8
    expect(checkpointErrorOf(() => readSafetensors(bad, 'm.st')).message).toMatch(/not valid UTF-8 JSON/);
  });

  it('overlapping offsets', () => {
    const header = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      b: { dtype: 'F32', shape: [4], data_offsets: [8, 24] },
    };
    const e = checkpointErrorOf(() => readSafetensors(craft(header, 24), 'm.st'));
    expect(e.message).toMatch(/^m\.st: tensor "b": data_offsets \[8, 24\] overlap tensor "a"/);
  });

  it('offsets that leave a gap, or leave bytes after the last tensor', () => {
    const gap = {
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      b: { dtype: 'F32', shape: [2], data_offsets: [12, 20] },
    };
    expect(checkpointErrorOf(() => readSafetensors(craft(gap, 20), 'm.st')).message).toMatch(
      /tensor "b": .* leave a gap/,
    );
    const tail = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
    expect(checkpointErrorOf(() => readSafetensors(craft(tail, 12), 'm.st')).message).toMatch(
      /cover 8 bytes but the data block has 12/,
    );
  });

  it('offsets whose span does not match dtype x shape (misaligned)', () => {
    const header = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 14] },
      b: { dtype: 'F32', shape: [1], data_offsets: [14, 18] },
    };
    const e = checkpointErrorOf(() => readSafetensors(craft(header, 18), 'm.st'));
    expect(e.message).toMatch(/tensor "a": data_offsets \[0, 14\] span 14 bytes but F32 \[4\] needs 16/);
    const reversed = { a: { dtype: 'F32', shape: [0], data_offsets: [8, 0] } };
    expect(checkpointErrorOf(() => readSafetensors(craft(reversed, 8), 'm.st')).message).toMatch(
      /end before they begin/,
    );
  });

  it('an unsupported dtype', () => {
    const header = { d: { dtype: 'F64', shape: [1], data_offsets: [0, 8] } };
    const e = checkpointErrorOf(() => readSafetensors(craft(header, 8), 'm.st'));
    expect(e.message).toMatch(/^m\.st: tensor "d": unsupported dtype "F64"/);
  });

  it('malformed entries and metadata', () => {
    expect(
      checkpointErrorOf(() =>
        readSafetensors(craft({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }), 'm.st'),
      ).message,
    ).toMatch(/tensor "a": invalid shape/);
    expect(
      checkpointErrorOf(() => readSafetensors(craft({ a: { dtype: 'F32', shape: [1] } }, 4), 'm.st')).message,
    ).toMatch(/tensor "a": data_offsets must be/);
    expect(checkpointErrorOf(() => readSafetensors(craft({ __metadata__: { n: 1 } }), 'm.st')).message).toMatch(
      /field "__metadata__\.n": values must be strings/,
    );
  });
});
