import { describe, expect, it } from 'vitest';
import { readableLabel, topicKind } from './topicKinds';

const terms = (...list: string[]) => list.map((term, i) => ({ term, score: 1 / (i + 1) }));

describe('topicKind', () => {
  it('calls greetings greetings, whatever the word or emote chat greets with', () => {
    for (const label of [
      ['salut', 'salut chat', 'chat'],
      ['bonjour', 'tout le monde'],
      ['coucou', 'les amis'],
      ['yo'],
      ['hello', 'everyone'],
      ['bonsoir', 'chat'],
      ['wesh'],
      ['slt', 'ça va'],
      ['cc', 'tout'],
      ['re'],
      ['peepoHey', 'peepoHey peepoHey'],
      ['VoHiYo'],
      ['HeyGuys'],
      ['saluuut'],
      ['amis', 'bonjour chat', 'coucou'],
      ['loulous', 'hello'],
    ])
      expect([label, topicKind(terms(...label))]).toEqual([label, 'greeting']);
  });

  it('calls emote and laughter waves emote waves', () => {
    for (const label of [['KEKW', 'KEKW KEKW'], ['catJAM'], ['mdr', 'ptdr', 'LUL'], ['PogChamp', 'Pog'], ['😂😂']])
      expect([label, topicKind(terms(...label))]).toEqual([label, 'emote']);
  });

  it('keeps subjects as subjects, even when a greeting or an emote comes second', () => {
    for (const label of [
      ['manette', 'cassée', 'salut'],
      ['match', 'psg', 'KEKW'],
      ['examen', 'demain'],
      ['chat', 'noir'],
      ['les amis', 'pizza', 'ananas'],
      ['abos', 'coucou', 'hello loulous', 'prime'],
      ['ça va', 'toi'],
      [],
    ])
      expect([label, topicKind(terms(...label))]).toEqual([label, 'subject']);
  });

  it('lets the scores decide when greetings and a subject share a label', () => {
    const label = [
      { term: 'salut', score: 0.2 },
      { term: 'boss', score: 0.6 },
      { term: 'dur', score: 0.5 },
    ];
    expect(topicKind(label)).toBe('subject');
  });
});

describe('readableLabel', () => {
  it('shows the first terms without scores, a two-word term in place of its words', () => {
    expect(readableLabel(terms('manette', 'manette cassée', 'sav', 'cassée', 'ps5'))).toBe(
      'manette cassée · sav · ps5',
    );
    expect(readableLabel(terms('carte mère', 'prix'))).toBe('carte mère · prix');
    expect(readableLabel([])).toBe('');
  });
});
