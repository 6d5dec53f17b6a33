import { describe, expect, it } from 'vitest';
import { crc32, crc32Portable } from './crc32';
import { buildZip } from './testing/buildZip';
import { fixtureBytes } from './testing/fixtures';
import { looksLikeZip, openZip } from './zipReader';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

const text = (s: string) => new TextEncoder().encode(s);

describe('crc32', () => {
  it('matches the standard check value, natively and portably', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32Portable(text('123456789'))).toBe(0xcbf43926);
    const bytes = fixtureBytes('convbert-tiny', 'pytorch_model.bin');
    expect(crc32Portable(bytes)).toBe(crc32(bytes));
  });
});

describe('openZip', () => {
  it('reads the torch.save fixture: 56 stored entries with data descriptors and padded local headers', () => {
    const zip = openZip(fixtureBytes('convbert-tiny', 'pytorch_model.bin'), 'pytorch_model.bin');
    expect(zip.entries.size).toBe(56);
    expect(zip.entries.get('pytorch_model/data.pkl')).toMatchObject({
      method: 0,
      uncompressedSize: 6231,
      crc32: 0x086115a1,
    });
    expect(new TextDecoder().decode(zip.read('pytorch_model/version')).trim()).toBe('3');
    expect(zip.read('pytorch_model/data/0')).toHaveLength(64);
    expect(zip.read('pytorch_model/data.pkl')[0]).toBe(0x80);
  });

  it('reads stored and deflated entries, and zip64 archives', () => {
    const big = text('ConvBERT '.repeat(500));
    for (const zip64 of [false, true]) {
      const zip = openZip(
        buildZip(
          [
            { name: 'a/stored', data: text('hello') },
            { name: 'a/deflated', data: big, deflate: true },
            { name: 'a/empty', data: new Uint8Array(0) },
          ],
          { zip64 },
        ),
      );
      expect([...zip.entries.keys()]).toEqual(['a/stored', 'a/deflated', 'a/empty']);
      expect(zip.entries.get('a/deflated')!.compressedSize).toBeLessThan(big.length);
      expect(new TextDecoder().decode(zip.read('a/stored'))).toBe('hello');
      expect(zip.read('a/deflated')).toEqual(big);
      expect(zip.read('a/empty')).toHaveLength(0);
    }
  });

  it('refuses what is not a zip, and truncated archives', () => {
    expect(looksLikeZip(text('{"not": "zip"}'))).toBe(false);
    expect(checkpointErrorOf(() => openZip(text('definitely not a zip archive at all'), 'x.bin')).message).toMatch(
      /^x\.bin: not a zip archive/,
    );
    const bytes = fixtureBytes('convbert-tiny', 'pytorch_model.bin');
    expect(checkpointErrorOf(() => openZip(bytes.subarray(0, bytes.length - 10), 'x.bin')).message).toMatch(
      /^x\.bin: truncated or corrupt zip/,
    );
    // A directory that points past the end: cut the data but keep the directory's end record.
    const shifted = new Uint8Array([...bytes.subarray(0, 50_000), ...bytes.subarray(bytes.length - 22)]);
    expect(checkpointErrorOf(() => openZip(shifted, 'x.bin')).message).toMatch(
      /^x\.bin: truncated zip: the central directory/,
    );
  });

  it('checks CRC-32, and names the entry', () => {
    const zip = buildZip([{ name: 'a/data/0', data: text('0123456789abcdef') }]);
    const at = 30 + 'a/data/0'.length + 3; // a byte of the stored data
    zip[at] = zip[at]! ^ 0xff;
    const e = checkpointErrorOf(() => openZip(zip, 'model.bin').read('a/data/0'));
    expect(e.message).toMatch(/^model\.bin: field "a\/data\/0": CRC-32 mismatch/);
    expect(e.field).toBe('a/data/0');
  });

  it('refuses missing entries, corrupt deflate streams and unknown methods', () => {
    const zip = buildZip([{ name: 'd', data: text('x'.repeat(100)), deflate: true }]);
    expect(checkpointErrorOf(() => openZip(zip, 'z').read('nope')).message).toMatch(/field "nope": no such entry/);
    const corrupt = zip.slice();
    corrupt[30 + 1] = 0xff; // first byte of the deflate stream: reserved block type
    corrupt[30 + 2] = 0xff;
    expect(checkpointErrorOf(() => openZip(corrupt, 'z').read('d')).message).toMatch(
      /corrupt deflated entry|CRC-32 mismatch/,
    );
    const method = zip.slice();
    const cd = method.length - 22 - (46 + 1);
    method[cd + 10] = 12; // bzip2
    expect(checkpointErrorOf(() => openZip(method, 'z').read('d')).message).toMatch(
      /unsupported zip compression method 12/,
    );
  });
});
