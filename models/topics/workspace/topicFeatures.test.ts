import { describe, expect, it } from 'vitest';
import { topicFeatures, type TypedMessage } from './topicFeatures';

const by = (...texts: string[]): TypedMessage[] => texts.map((text, i) => ({ text, user: `u${i % 2}` }));

describe('topicFeatures', () => {
  it('measures length, emote share (named, known, shaped, emoji) and distinct users', () => {
    const f = topicFeatures([
      { text: 'trop bien zeraHype', user: 'a', emotes: [] },
      { text: 'KEKW 😂', user: 'b' },
      { text: 'monEmote ok', user: 'a', emotes: ['monEmote'] },
    ]);
    expect(f.messages).toBe(3);
    expect(f.meanWords).toBeCloseTo(7 / 3, 12);
    expect(f.emoteShare).toBeCloseTo(4 / 7, 12);
    expect(f.userRatio).toBeCloseTo(2 / 3, 12);
  });

  it('counts a repeat once folded: case, accents and stretched letters do not make a message new', () => {
    expect(topicFeatures(by('Ça passe', 'ca passe', 'ÇA PASSEEEE', 'autre chose')).repetition).toBe(0.75);
    expect(topicFeatures(by('un', 'deux', 'trois')).repetition).toBe(0);
  });

  it('reads questions past trailing emotes and from question words, mentions, "!"', () => {
    const f = topicFeatures(by('c quoi ? KEKW', 'pourquoi il fait ça', 'il est fort', '@lea regarde !'));
    expect(f.questionShare).toBe(0.5);
    expect(f.mentionShare).toBe(0.25);
    expect(f.exclaimShare).toBe(0.25);
  });

  it('recognises greetings, votes and donation talk, and leaves lookalikes out', () => {
    const f = topicFeatures(
      by(
        'salut à tous',
        're',
        'bonne nuit chat',
        'resalut',
        '+1',
        '2 !',
        'F',
        'je vote 2',
        'merci pour le sub',
        '10€ de dono',
        'substance',
      ),
    );
    expect(f.greetingShare).toBeCloseTo(3 / 11, 12);
    expect(f.voteShare).toBeCloseTo(3 / 11, 12);
    expect(f.noticeShare).toBeCloseTo(2 / 11, 12);
  });

  it('refuses an empty topic', () => {
    expect(() => topicFeatures([])).toThrow(RangeError);
  });
});
