import { describe, expect, it } from 'vitest';
import { CheckpointError } from './errors';
import { readSafetensors } from './safetensors';
import type { Tensor } from './Tensor';
import { buildZip } from './testing/buildZip';
import { CONVBERT_FIXTURES, fixtureBytes, rawBytes } from './testing/fixtures';
import {
  asm,
  global,
  PROTO2,
  REDUCE,
  STOP,
  str,
  torchStateDictPickle,
  TUPLE1,
  type TorchTensorSpec,
} from './testing/pickleAsm';
import { readTorchBin } from './torchBin';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

const f32 = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);

/** A torch.save-like archive: `<root>/data.pkl`, `<root>/data/<key>`, `<root>/version`. */
function torchZip(
  pickle: Uint8Array,
  storages: Record<string, Uint8Array>,
  options: { root?: string; deflate?: boolean; byteorder?: string } = {},
): Uint8Array {
  const root = options.root ?? 'archive';
  return buildZip([
    { name: `${root}/data.pkl`, data: pickle, deflate: options.deflate },
    ...(options.byteorder !== undefined
      ? [{ name: `${root}/byteorder`, data: new TextEncoder().encode(options.byteorder) }]
      : []),
    ...Object.entries(storages).map(([key, data]) => ({ name: `${root}/data/${key}`, data, deflate: options.deflate })),
    { name: `${root}/version`, data: new TextEncoder().encode('3\n') },
  ]);
}

const spec = (s: Partial<TorchTensorSpec> & { name: string }): TorchTensorSpec => ({
  storageType: 'FloatStorage',
  key: '0',
  numel: 6,
  offset: 0,
  size: [6],
  stride: [1],
  ...s,
});

describe('readTorchBin on the fixtures', () => {
  it.each(CONVBERT_FIXTURES)('%s: 54 unprefixed tensors, the int64 position_ids buffer, no MLM head', (folder) => {
    const tensors = readTorchBin(fixtureBytes(folder, 'pytorch_model.bin'), 'pytorch_model.bin');
    expect(tensors.size).toBe(54);
    const ids = tensors.get('embeddings.position_ids')!;
    expect(ids.dtype).toBe('int64');
    expect(ids.shape).toEqual([1, 64]);
    expect([...(ids.data as BigInt64Array)]).toEqual(Array.from({ length: 64 }, (_, i) => BigInt(i)));
    for (const [name, t] of tensors) {
      expect(name.startsWith('convbert.')).toBe(false);
      expect(name.startsWith('generator_')).toBe(false);
      if (name !== 'embeddings.position_ids') expect(t.dtype).toBe('float32');
    }
  });

  it.each(CONVBERT_FIXTURES)(
    '%s: every tensor is bit-identical to the safetensors encoder tensor of the same name',
    (folder) => {
      const bin = readTorchBin(fixtureBytes(folder, 'pytorch_model.bin'));
      const st = readSafetensors(fixtureBytes(folder, 'model.safetensors'));
      const encoderNames = [...st.keys()]
        .filter((n) => n.startsWith('convbert.'))
        .map((n) => n.slice('convbert.'.length));
      expect([...bin.keys()].filter((n) => n !== 'embeddings.position_ids').sort()).toEqual(encoderNames.sort());
      for (const name of encoderNames) {
        const a = bin.get(name)!;
        const b = st.get(`convbert.${name}`)!;
        expect(a.shape).toEqual(b.shape);
        expect(rawBytes(a.data).equals(rawBytes(b.data))).toBe(true);
      }
    },
  );
});

describe('readTorchBin on crafted archives', () => {
  it('honours storage offsets (tensors sharing a storage), parameters, deflated entries and any root folder', () => {
    const pickle = torchStateDictPickle([
      spec({ name: 'a', size: [2], offset: 1 }),
      spec({ name: 'b', size: [1, 3], stride: [3, 1], offset: 3, parameter: true }),
    ]);
    for (const deflate of [false, true]) {
      const t = readTorchBin(
        torchZip(pickle, { '0': f32(0, 1, 2, 3, 4, 5) }, { root: 'my_model', deflate, byteorder: 'little' }),
      );
      expect([...t.keys()]).toEqual(['a', 'b']);
      expect([...(t.get('a')!.data as Float32Array)]).toEqual([1, 2]);
      expect(t.get('b')!.shape).toEqual([1, 3]);
      expect([...(t.get('b')!.data as Float32Array)]).toEqual([3, 4, 5]);
    }
  });

  it('widens float16 and bfloat16 storages to float32, keeps int32', () => {
    const half = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3800]).buffer);
    const bf = new Uint8Array(new Uint16Array([0x3f80, 0x4000]).buffer);
    const i32 = new Uint8Array(new Int32Array([-5, 7]).buffer);
    const pickle = torchStateDictPickle([
      spec({ name: 'h', storageType: 'HalfStorage', key: 'h', numel: 3, size: [3] }),
      spec({ name: 'b', storageType: 'BFloat16Storage', key: 'b', numel: 2, size: [2] }),
      spec({ name: 'i', storageType: 'IntStorage', key: 'i', numel: 2, size: [2] }),
    ]);
    const t = readTorchBin(torchZip(pickle, { h: half, b: bf, i: i32 }));
    expect(t.get('h')).toMatchObject({ dtype: 'float32', data: new Float32Array([1, -2, 0.5]) });
    expect(t.get('b')).toMatchObject({ dtype: 'float32', data: new Float32Array([1, 2]) });
    expect(t.get('i')).toMatchObject({ dtype: 'int32', data: new Int32Array([-5, 7]) });
  });

  it('refuses non-contiguous tensors, naming the tensor', () => {
    const transposed = torchStateDictPickle([spec({ name: 'w.T', size: [2, 3], stride: [1, 2] })]);
    const e = checkpointErrorOf(() =>
      readTorchBin(torchZip(transposed, { '0': f32(0, 1, 2, 3, 4, 5) }), 'pytorch_model.bin'),
    );
    expect(e.message).toMatch(
      /^pytorch_model\.bin: tensor "w\.T": is not contiguous \(size \[2, 3\], stride \[1, 2\]\)/,
    );
    // Size-1 dimensions may have any stride.
    const unit = torchStateDictPickle([spec({ name: 'u', size: [1, 6], stride: [1, 1] })]);
    expect(readTorchBin(torchZip(unit, { '0': f32(0, 1, 2, 3, 4, 5) })).get('u')!.shape).toEqual([1, 6]);
  });

  it('refuses storages too small for their tensor, and unsupported dtypes', () => {
    const tooBig = torchStateDictPickle([spec({ name: 'w', size: [4], offset: 3 })]);
    expect(
      checkpointErrorOf(() => readTorchBin(torchZip(tooBig, { '0': f32(0, 1, 2, 3, 4, 5) }), 'm.bin')).message,
    ).toMatch(/^m\.bin: tensor "w": truncated storage/);
    const shortEntry = torchStateDictPickle([spec({ name: 'w' })]);
    expect(checkpointErrorOf(() => readTorchBin(torchZip(shortEntry, { '0': f32(0, 1) }), 'm.bin')).message).toMatch(
      /tensor "w": truncated storage/,
    );
    const double = torchStateDictPickle([spec({ name: 'd', storageType: 'DoubleStorage', numel: 1, size: [1] })]);
    expect(
      checkpointErrorOf(() => readTorchBin(torchZip(double, { '0': new Uint8Array(8) }), 'm.bin')).message,
    ).toMatch(/tensor "d": unsupported dtype float64 \(torch\.DoubleStorage\)/);
  });

  it('refuses an archive whose storage entry is missing, naming the tensor and the entry', () => {
    const pickle = torchStateDictPickle([spec({ name: 'w', key: '7' })]);
    const e = checkpointErrorOf(() => readTorchBin(torchZip(pickle, {}), 'pytorch_model.bin'));
    expect(e.message).toMatch(/^pytorch_model\.bin: tensor "w": its storage entry "archive\/data\/7" is missing/);
  });

  it('refuses a malicious pickle inside an otherwise valid archive', () => {
    const evil = asm(PROTO2, global('subprocess', 'check_output'), str('id'), TUPLE1, REDUCE, STOP);
    const e = checkpointErrorOf(() => readTorchBin(torchZip(evil, {}), 'pytorch_model.bin'));
    expect(e.message).toMatch(
      /^pytorch_model\.bin: field "archive\/data\.pkl": pickle: disallowed global "subprocess\.check_output"/,
    );
  });

  it('refuses a pickle that is not a state dict of tensors', () => {
    expect(checkpointErrorOf(() => readTorchBin(torchZip(asm(PROTO2, str('x'), STOP), {}), 'm.bin')).message).toMatch(
      /holds a string, not a state dict/,
    );
  });

  it('refuses a big-endian archive', () => {
    const pickle = torchStateDictPickle([spec({ name: 'w' })]);
    expect(
      checkpointErrorOf(() =>
        readTorchBin(torchZip(pickle, { '0': f32(0, 1, 2, 3, 4, 5) }, { byteorder: 'big' }), 'm.bin'),
      ).message,
    ).toMatch(/byte order "big" is not supported/);
  });
});

describe('readTorchBin refuses broken files', () => {
  const bin = () => fixtureBytes('convbert-tiny', 'pytorch_model.bin');

  it('not a zip, or the legacy format', () => {
    expect(
      checkpointErrorOf(() => readTorchBin(fixtureBytes('convbert-tiny', 'model.safetensors'), 'model.bin')).message,
    ).toMatch(/^model\.bin: not a zip archive/);
    const legacy = new Uint8Array([
      0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e,
    ]);
    expect(checkpointErrorOf(() => readTorchBin(legacy, 'old.bin')).message).toMatch(
      /legacy \(pre-1\.6, non-zip\) torch\.save format/,
    );
  });

  it('truncated', () => {
    const bytes = bin();
    expect(checkpointErrorOf(() => readTorchBin(bytes.subarray(0, 60_000), 'pytorch_model.bin')).message).toMatch(
      /^pytorch_model\.bin: truncated or corrupt zip/,
    );
  });

  it('a corrupted storage fails its CRC check, naming the entry', () => {
    const bytes = bin().slice();
    // Flip one bit inside the 4096-byte storage pytorch_model/data/11. The first occurrence of its name is in its
    // local header; the data follows within 64 bytes of padding.
    const name = new TextEncoder().encode('pytorch_model/data/11');
    const at = Buffer.from(bytes).indexOf(Buffer.from(name)) + name.length + 100;
    bytes[at] = bytes[at]! ^ 0x01;
    const e = checkpointErrorOf(() => readTorchBin(bytes, 'pytorch_model.bin'));
    expect(e.message).toMatch(/^pytorch_model\.bin: field "pytorch_model\/data\/11": CRC-32 mismatch/);
  });

  it('no data.pkl', () => {
    expect(
      checkpointErrorOf(() => readTorchBin(buildZip([{ name: 'x/other', data: new Uint8Array(1) }]), 'm.bin')).message,
    ).toMatch(/no <root>\/data\.pkl entry/);
  });

  it('returns nothing half-loaded: a late failure throws instead of returning the tensors read so far', () => {
    const pickle = torchStateDictPickle([spec({ name: 'ok' }), spec({ name: 'broken', key: 'missing' })]);
    let result: Map<string, Tensor> | undefined;
    expect(() => {
      result = readTorchBin(torchZip(pickle, { '0': f32(0, 1, 2, 3, 4, 5) }));
    }).toThrow(CheckpointError);
    expect(result).toBeUndefined();
  });
});
