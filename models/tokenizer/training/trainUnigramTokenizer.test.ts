import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, fixtureJson, fixtureTokenizer } from '../testing';
import { UnigramTokenizer } from '../UnigramTokenizer';
import { TokenizerTrainingError } from './errors';
import { tokenizerJsonToString } from './serializeTokenizerJson';
import { trainUnigramTokenizer, trainUnigramTokenizerAsync, type TrainedTokenizer } from './trainUnigramTokenizer';
import type { UnigramTrainerOptions } from './options';

const corpus = readFileSync(FIXTURE_DIR + 'corpus.txt', 'utf8')
  .split('\n')
  .filter((line) => line.length > 0);
const FIXTURE_EMOTES = ['Kappa', 'KappaPride', 'LUL', 'PogChamp', '<3', ':)', ':D'];
/** The fixture's settings: its vocab size, its emotes and nothing else, every line trained on. */
const fixtureOptions: UnigramTrainerOptions = {
  vocabSize: 260,
  emotes: FIXTURE_EMOTES,
  discoverEmotes: false,
  heldOutShare: 0,
};

function withoutVocabAndIds(json: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, any>;
  delete copy.model.vocab;
  for (const token of copy.added_tokens) delete token.id;
  // The fixture lists Kappa last (its id, 215, is that of a learned piece); compare the tokens by content.
  copy.added_tokens.sort((a: { content: string }, b: { content: string }) => (a.content < b.content ? -1 : 1));
  return copy;
}

/** The keys of every object, in order, as nested arrays (values left out). */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return null;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

function tokensPerLine(tok: UnigramTokenizer): number {
  let n = 0;
  for (const line of corpus) n += tok.encode(line, { addSpecialTokens: false }).ids.length;
  return n / corpus.length;
}

describe('trainUnigramTokenizer on the fixture corpus', () => {
  let trained: TrainedTokenizer;
  let tok: UnigramTokenizer;
  let text: string;

  beforeAll(() => {
    trained = trainUnigramTokenizer(corpus, fixtureOptions);
    tok = UnigramTokenizer.fromJson(trained.json, 'trained');
    text = new TextDecoder().decode(trained.bytes);
  });

  it('writes the layout of the HF fixture (with unk_id) in every part but the vocabulary', () => {
    const reference = fixtureJson('tokenizer.with-unk.json');
    expect(withoutVocabAndIds(trained.json)).toEqual(withoutVocabAndIds(reference));
    // Same key order everywhere: the HF file and ours differ only inside the vocab and in Kappa's id.
    expect(keyOrder(withoutVocabAndIds(trained.json))).toEqual(keyOrder(withoutVocabAndIds(reference)));
    expect(Object.keys(trained.json.model)).toEqual(Object.keys(reference.model));
    expect(trained.json.added_tokens.map((t) => t.id)).toEqual(trained.json.added_tokens.map((_, i) => i));
    expect(trained.json.model.vocab.slice(0, 14)).toEqual(
      [...FIXTURE_EMOTES, '<mask>', '<sep>', '<unk>', '<cls>', '<pad>', '<mention>', '<url>'].map((t) => [t, 0]),
    );
  });

  it('gives bytes that are the serialised object, and loads from them to the same encodings', () => {
    expect(text).toBe(tokenizerJsonToString(trained.json));
    const reloaded = UnigramTokenizer.fromJson(JSON.parse(text), 'reloaded');
    for (const line of corpus) expect(reloaded.encode(line)).toEqual(tok.encode(line));
  });

  it('encodes every corpus line to ids that decode back to the normalised line', () => {
    const reference = fixtureTokenizer('tokenizer.json');
    for (const line of corpus) {
      const { ids } = tok.encode(line, { onUnknown: 'error' });
      const decoded = tok
        .decode(ids, { skipSpecialTokens: false })
        .replace(/^<cls> ?/, '')
        .replace(/<sep>$/, '');
      expect(decoded).toBe(
        reference
          .decode(reference.encode(line).ids, { skipSpecialTokens: false })
          .replace(/^<cls> ?/, '')
          .replace(/<sep>$/, ''),
      );
      if (line === line.trim() && !line.includes('  ')) expect(decoded).toBe(line.normalize('NFKC'));
    }
  });

  it('keeps every character of the corpus text outside the added tokens', () => {
    let rest = corpus.join(' ');
    for (const token of [...trained.json.added_tokens].sort((a, b) => b.content.length - a.content.length))
      rest = rest.replaceAll(token.content, ' ');
    const pieces = new Set(trained.json.model.vocab.map(([piece]) => piece));
    const chars = new Set([...rest.normalize('NFKC')].filter((c) => c !== ' '));
    // The summary also counts '▁', the Metaspace space.
    expect(chars.size + 1).toBe(trained.summary.characters);
    for (const c of chars) expect(pieces.has(c), c).toBe(true);
    expect(pieces.has('\u2581')).toBe(true);
  });

  it('keeps emotes as single tokens and gives the special tokens their ids', () => {
    for (const emote of FIXTURE_EMOTES) {
      const { tokens, ids } = tok.encode(`trop bien${emote}gg ${emote}`, { addSpecialTokens: false });
      expect(tokens.filter((t) => t === emote)).toHaveLength(2);
      expect(ids[tokens.indexOf(emote)]).toBe(FIXTURE_EMOTES.indexOf(emote));
    }
    const { pad, cls, sep, mask, unk } = trained.specialIds;
    expect([mask, sep, unk, cls, pad]).toEqual([7, 8, 9, 10, 11]);
    for (const [name, id] of Object.entries({ '<pad>': pad, '<cls>': cls, '<sep>': sep, '<mask>': mask, '<unk>': unk }))
      expect(tok.tokenToId(name)).toBe(id);
    const ids = tok.encode('salut 🦜').ids;
    expect([ids[0], ids.at(-1), ids.at(-2)]).toEqual([cls, sep, unk]);
    expect(trained.json.model.unk_id).toBe(unk);
  });

  it('lowers the corpus negative log-likelihood with each EM iteration of a round, and prunes to exactly vocabSize', () => {
    const { losses } = trained.summary;
    expect(losses[1]!.loss).toBeLessThan(losses[0]!.loss);
    for (let k = 1; k < losses.length; k++) {
      if (losses[k]!.round === losses[k - 1]!.round)
        expect(losses[k]!.loss).toBeLessThanOrEqual(losses[k - 1]!.loss + 1e-9);
      else expect(losses[k]!.pieces).toBeLessThan(losses[k - 1]!.pieces);
    }
    expect(trained.summary.pruningRounds).toBeGreaterThan(1);
    expect(trained.json.model.vocab).toHaveLength(260);
    expect(trained.summary.vocabSize).toBe(260);
    const smaller = trainUnigramTokenizer(corpus, { ...fixtureOptions, vocabSize: 120 });
    expect(smaller.json.model.vocab).toHaveLength(120);
    expect(smaller.summary.finalLoss).toBeGreaterThan(trained.summary.finalLoss);
  });

  it('learns no piece longer than maxPieceLength code points', () => {
    const longest = (json: TrainedTokenizer['json']) =>
      Math.max(...json.model.vocab.slice(14).map(([piece]) => [...piece].length));
    expect(longest(trained.json)).toBeGreaterThan(3);
    expect(longest(trainUnigramTokenizer(corpus, { ...fixtureOptions, maxPieceLength: 3 }).json)).toBe(3);
  });

  it('compresses the corpus at least about as well as the HF fixture, sharing many of its pieces', () => {
    const reference = fixtureTokenizer('tokenizer.json');
    const ours = tokensPerLine(tok);
    const theirs = tokensPerLine(reference);
    const fixturePieces = new Set(fixtureJson('tokenizer.json').model.vocab.map((v: [string, number]) => v[0]));
    const overlap = trained.json.model.vocab.filter(([piece]) => fixturePieces.has(piece)).length / fixturePieces.size;
    // HF seeds substrings from the distinct words unweighted, so frequent whole words rarely become pieces there;
    // ours weights them by their counts and encodes this corpus in fewer tokens (about 5.4 vs 16.6 per line).
    expect(ours).toBeLessThanOrEqual(theirs * 1.15);
    expect(overlap).toBeGreaterThan(0.25);
    // With nothing held out, the summary measures the first 2000 training messages.
    const first = corpus
      .slice(0, 2000)
      .reduce((n, line) => n + tok.encode(line, { addSpecialTokens: false }).ids.length, 0);
    expect(trained.summary.tokensPerMessage).toBeCloseTo(first / 2000, 9);
  });

  it('is deterministic, sync or async', async () => {
    const again = trainUnigramTokenizer(corpus, fixtureOptions);
    expect(again.bytes).toEqual(trained.bytes);
    const viaAsync = await trainUnigramTokenizerAsync(corpus, fixtureOptions);
    expect(viaAsync.bytes).toEqual(trained.bytes);
  });
});

describe('trainUnigramTokenizer options', () => {
  const small = corpus.slice(0, 400);

  it('holds out a seeded sample, discovers emotes and reports progress', () => {
    const seen: Array<[number, number, number]> = [];
    const result = trainUnigramTokenizer(small, {
      vocabSize: 150,
      emoteMinCount: 3,
      onProgress: (round, size, loss) => seen.push([round, size, loss]),
    });
    expect(result.summary.heldOutMessages).toBeGreaterThan(0);
    expect(result.summary.heldOutMessages + result.summary.trainingMessages).toBe(small.length);
    expect(result.summary.tokensPerMessageOn).toBe('held-out');
    expect(result.summary.emotes).toEqual(expect.arrayContaining(['KappaPride', 'PogChamp', 'LUL']));
    expect(seen).toHaveLength(result.summary.emIterations);
    expect(seen.at(-1)![1]).toBe(150);
    const otherSeed = trainUnigramTokenizer(small, { vocabSize: 150, emoteMinCount: 3, seed: 7 });
    expect(otherSeed.summary.heldOutMessages).not.toBe(0);
    expect(otherSeed.bytes).not.toEqual(result.bytes);
  });

  it('writes unk_id null when asked, as the reference file', () => {
    const result = trainUnigramTokenizer(small, { vocabSize: 150, unkToken: null });
    expect(result.json.model.unk_id).toBeNull();
  });

  it('stops with the abort reason when the signal fires', () => {
    const controller = new AbortController();
    const run = () =>
      trainUnigramTokenizer(small, {
        vocabSize: 150,
        signal: controller.signal,
        onProgress: (round) => round === 1 && controller.abort(new Error('cancelled by admin')),
      });
    expect(run).toThrow('cancelled by admin');
  });

  it.each<[string, Iterable<string>, Partial<UnigramTrainerOptions>, string]>([
    ['a vocabulary smaller than characters + added tokens', small, { vocabSize: 40 }, 'vocabSize'],
    ['an empty corpus', [], {}, 'messages'],
    [
      'a corpus of added tokens and blanks only',
      ['', '<mention>', 'Kappa', 'Kappa<url>'],
      { emotes: ['Kappa'], emoteMinCount: 1 },
      'messages',
    ],
    ['a corpus item that is not a string', [42 as unknown as string], {}, 'messages'],
    ['a vocabSize that is not a positive integer', small, { vocabSize: 10.5 }, 'vocabSize'],
    ['a shrinking factor of 1 or more', small, { shrinkingFactor: 1 }, 'shrinkingFactor'],
    ['special tokens without <pad>', small, { specialTokens: ['<mask>', '<sep>', '<unk>', '<cls>'] }, 'specialTokens'],
  ])('refuses %s with an error naming the option', (_what, messages, options, option) => {
    let error: unknown;
    try {
      trainUnigramTokenizer(messages, { vocabSize: 260, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenizerTrainingError);
    expect((error as TokenizerTrainingError).option).toBe(option);
    expect((error as Error).message).toContain(`"${option}"`);
  });
});
