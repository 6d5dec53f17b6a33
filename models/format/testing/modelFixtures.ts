import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixtureJson, fixturePath, type ConvBertFixture } from '../../checkpoint/testing/fixtures';

/** Test helper: a folder holding some files of a ConvBERT fixture, plus extra files (path -> JSON or bytes). */
export function hfFolder(
  dir: string,
  fixture: ConvBertFixture,
  files: readonly string[],
  extra: Record<string, unknown> = {},
): string {
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(fixturePath(fixture, f), join(dir, f));
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content instanceof Uint8Array ? content : JSON.stringify(content));
  }
  return dir;
}

/** The fixture's `unpadded[i]` outputs and the ids, type ids they were computed from (cut to the real length). */
export function unpaddedCases(
  fixture: ConvBertFixture,
): { ids: number[]; typeIds: number[]; cls: number[]; meanPooled: number[] }[] {
  const inputs = fixtureJson(fixture, 'inputs.json') as {
    input_ids: number[][];
    token_type_ids: number[][];
    lengths: number[];
  };
  const expected = fixtureJson(fixture, 'expected.json') as { unpadded: { cls: number[]; mean_pooled: number[] }[] };
  return inputs.lengths.map((length, i) => ({
    ids: inputs.input_ids[i]!.slice(0, length),
    typeIds: inputs.token_type_ids[i]!.slice(0, length),
    cls: expected.unpadded[i]!.cls,
    meanPooled: expected.unpadded[i]!.mean_pooled,
  }));
}

/** Largest absolute difference between two equally long vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Entries of a folder other than the ones given: to check that a failed write left nothing behind. */
export function strayEntries(dir: string, expected: readonly string[]): string[] {
  return readdirSync(dir).filter((e) => !expected.includes(e));
}
