import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The ConvBERT fixture folders under test/fixtures/. */
export const CONVBERT_FIXTURES = ['convbert-tiny', 'convbert-tiny-groups2'] as const;
export type ConvBertFixture = (typeof CONVBERT_FIXTURES)[number];

/** Path of a fixture folder (or of a file in it), resolved from this file so tests run from any directory. */
export function fixturePath(folder: ConvBertFixture, file = ''): string {
  return fileURLToPath(new URL(`../../../test/fixtures/${folder}/${file}`, import.meta.url));
}

export function fixtureBytes(folder: ConvBertFixture, file: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(folder, file)));
}

export function fixtureJson(folder: ConvBertFixture, file: string): unknown {
  return JSON.parse(readFileSync(fixturePath(folder, file), 'utf8'));
}

/** The bytes of a typed array's elements, for bit-for-bit comparisons (NaN payloads and -0 included). */
export function rawBytes(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
