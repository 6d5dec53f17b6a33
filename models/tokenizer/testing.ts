import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UnigramTokenizer } from './UnigramTokenizer';

/** Test helpers: the tiny Unigram fixture (test/fixtures/tokenizer-unigram-tiny), built by HF tokenizers 0.23.2. */
export const FIXTURE_DIR = fileURLToPath(new URL('../../test/fixtures/tokenizer-unigram-tiny/', import.meta.url));

export type FixtureFile = 'tokenizer.json' | 'tokenizer.legacy-0.10.json' | 'tokenizer.with-unk.json';

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(FIXTURE_DIR + name, 'utf8'));
}

const cache = new Map<FixtureFile, UnigramTokenizer>();

export function fixtureTokenizer(name: FixtureFile = 'tokenizer.json'): UnigramTokenizer {
  let tok = cache.get(name);
  if (tok === undefined) {
    tok = UnigramTokenizer.fromJson(readFixture(name), name);
    cache.set(name, tok);
  }
  return tok;
}

/** A deep copy of a fixture file, to break in tests. */
export function fixtureJson(name: FixtureFile = 'tokenizer.json'): Record<string, any> {
  return readFixture(name) as Record<string, any>;
}
