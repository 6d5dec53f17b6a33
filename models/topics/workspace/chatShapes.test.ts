import { describe, expect, it } from 'vitest';
import { foldMessage, isEmoteToken, isGreeting, isNotice, isVote } from './chatShapes';

describe('chat shapes', () => {
  it('folds case, accents and stretched letters', () => {
    expect(foldMessage('  Saluuuut   À TOUS ')).toBe('salut a tous');
  });

  it('sees a greeting at the start only', () => {
    expect(['salut', 'yo le chat', 'bonne nuit', 'hey salut', 're'].map((t) => isGreeting(foldMessage(t)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['il a dit salut à sa mère hier', 'retour', 'coucher'].map((t) => isGreeting(foldMessage(t)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('takes a whole message as a vote, never a sentence with a number in it', () => {
    expect(['+1', '2', '2 !!', 'F', 'b', 'oui', '1 1 1'].every((t) => isVote(foldMessage(t)))).toBe(true);
    expect(['je vote 2', 'top 10', '12 ans'].some((t) => isVote(foldMessage(t)))).toBe(false);
  });

  it('sees subs, bits and money, not words that contain them', () => {
    expect(
      ['merci pour le sub', 'cheer100', '5€ pour toi', 'abonnez-vous'].every((t) => isNotice(foldMessage(t))),
    ).toBe(true);
    expect(['substance', 'orbite', 'le bitume'].some((t) => isNotice(foldMessage(t)))).toBe(false);
  });

  it('counts named, known and shaped emotes, emoji and smileys, not capitalised words', () => {
    const none = new Set<string>();
    expect(['KEKW', 'catJAM', '😂', '<3', ':)'].every((t) => isEmoteToken(t, none))).toBe(true);
    expect(isEmoteToken('Bonjour', none)).toBe(false);
    expect(isEmoteToken('MDR', none)).toBe(false);
    expect(isEmoteToken('Bonjour', new Set(['Bonjour']))).toBe(true);
  });
});
