import { describe, expect, it } from 'vitest';
import { countWholeWords, selectEmotes } from './emoteSelection';

const options = { candidates: [] as string[], discover: true, minCount: 3, max: 10, exclude: new Set(['<mention>']) };

function repeat(message: string, times: number): string[] {
  return Array.from({ length: times }, () => message);
}

describe('selectEmotes', () => {
  it('keeps frequent camelCase and all-caps emotes, most frequent first', () => {
    const words = countWholeWords([
      ...repeat('KEKW trop fort', 5),
      ...repeat('massietBonjour les amis', 4),
      'LUL',
      'LUL',
    ]);
    expect(selectEmotes(words, options).map((e) => e.content)).toEqual(['KEKW', 'massietBonjour']);
  });

  it('leaves out shouted words: more frequent in lower case, or only seen in shouted messages', () => {
    const words = countWholeWords([
      ...repeat('MDR', 4),
      ...repeat('mdr', 5),
      ...repeat('ON A BESOIN DE VOUS', 6),
      ...repeat('LUL ok', 3),
    ]);
    expect(selectEmotes(words, options).map((e) => e.content)).toEqual(['LUL']);
  });

  it('keeps the candidates seen often enough first, in their order, then the discovered ones, up to max', () => {
    const words = countWholeWords([
      ...repeat('<3 :) Kappa', 3),
      ...repeat('PogChamp', 9),
      ':D',
      '<mention>',
      '<mention>',
      '<mention>',
    ]);
    const chosen = selectEmotes(words, { ...options, candidates: [':)', ':D', '<3', 'Kappa', '<mention>'] });
    expect(chosen).toEqual([
      { content: ':)', count: 3 },
      { content: '<3', count: 3 },
      { content: 'Kappa', count: 3 },
      { content: 'PogChamp', count: 9 },
    ]);
    expect(selectEmotes(words, { ...options, candidates: [':)', '<3'], max: 1 }).map((e) => e.content)).toEqual([':)']);
    expect(selectEmotes(words, { ...options, discover: false }).map((e) => e.content)).toEqual([]);
  });
});
