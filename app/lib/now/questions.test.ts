import { describe, expect, it } from 'vitest';
import { isQuestion, salientWords } from './questions';

describe('isQuestion', () => {
  it('finds questions that end with "?" and say something', () => {
    for (const text of [
      'tu joues à quoi après ?',
      "j'ai raté quoi ?",
      'il lui reste combien de pv au boss ?',
      'la manette est cassée ?',
      "c'est quoi ta config ?? KEKW",
      't’as quel micro ?',
      'vous avez vu le match hier ? 😂',
    ])
      expect([text, isQuestion(text, 'zerator')]).toEqual([text, true]);
  });

  it('finds French interrogative forms without a "?"', () => {
    for (const text of [
      'est-ce que tu vas finir le jeu ce soir',
      'pourquoi il a pas pris la potion',
      'combien de temps le stream',
      "c'est quoi le jeu",
      "qu'est-ce que tu bois",
      'tu peux monter le son',
      'peux-tu mettre la musique',
      'comment tu fais pour esquiver',
      'quand tu lances la suite',
    ])
      expect([text, isQuestion(text, 'zerator')]).toEqual([text, true]);
  });

  it('finds a question addressed to the streamer by an @-mention', () => {
    expect(isQuestion('@Zerator la suite demain?', 'zerator')).toBe(true);
    expect(isQuestion('@zerator tu stream quand', 'zerator')).toBe(true);
  });

  it('leaves out laughter, reactions and lone punctuation, even with a "?"', () => {
    for (const text of [
      'mdr ?',
      '???',
      '?!',
      'MDR ???',
      'quoi ?',
      'hein ?',
      'ah bon ?',
      'sérieux ?',
      'ptdr quoi ?',
      'KEKW ?',
      'quel clutch',
      'quelle dinguerie',
      'le boss est énorme',
      '@zerator gg',
      '@Zerator KEKW',
    ])
      expect([text, isQuestion(text, 'zerator')]).toEqual([text, false]);
  });

  it('only counts a mention of this channel, not of someone else', () => {
    expect(isQuestion('@kevin quand', 'zerator')).toBe(false);
    expect(isQuestion('@zerator quand', 'zerator')).toBe(true);
  });
});

describe('salientWords', () => {
  it('keeps what tells questions apart, without question words, filler or the channel name', () => {
    expect(salientWords('Tu joues à quel JEU après ?', 'zerator')).toEqual(['joue', 'jeu', 'apre']);
    expect(salientWords("@Zerator c'est quoi ta config ?", 'zerator')).toEqual(['config']);
    expect(salientWords('zerator tu fais quoi ?', 'zerator')).toEqual([]);
  });
});
