import { describe, expect, it } from 'vitest';
import { findMoments } from './findMoments';
import { isReaction } from './isReaction';

describe('isReaction', () => {
  const emotes = new Set(['Kappa', 'PogChamp']);

  it('counts emotes, laughter in any spelling, punctuation and single characters as a reaction', () => {
    for (const text of [
      'MDRRR',
      'ptdr',
      'LUL LUL LUL',
      'KEKW',
      'hahahahhahaha',
      'Kappa PogChamp',
      '???',
      'xD',
      '😂😂😂',
      '+1',
    ])
      expect(isReaction(text, emotes), text).toBe(true);
  });

  it('does not count a message with one real word, an empty message, or an emote name it was not told', () => {
    for (const text of ['mdr le vote', 'la chasse LUL', 'Kappa pourquoi', '', '   '])
      expect(isReaction(text, emotes), text).toBe(false);
    expect(isReaction('FeelsBadMan', emotes)).toBe(false);
    expect(isReaction('FeelsBadMan', new Set(['FeelsBadMan']))).toBe(true);
  });
});

describe('findMoments with reactions', () => {
  // A slip at 0-20 s in words, the laughing wave at 45-65 s (too late to join it by time with no word in common), and
  // an unrelated thread of other words at 150-160 s.
  const messages: [number, string][] = [
    [0, 'il a dit quoi le streamer'],
    [5, 'le streamer a glissé sur le mot'],
    [10, 'le streamer vient de se tromper de mot'],
    [15, 'quel lapsus du streamer'],
    [20, 'le mot du streamer mdr'],
    [45, 'MDRRR'],
    [48, 'LUL LUL'],
    [51, 'ptdr'],
    [55, 'hahahaha'],
    [60, 'KEKW'],
    [65, 'xD'],
    [150, 'la réforme des retraites passe'],
    [155, 'les retraites vont baisser'],
    [160, 'réforme des retraites encore'],
  ];
  const elapsed = messages.map(([t]) => t);
  const texts = messages.map(([, text]) => text);
  const params = { textWeight: 0.5, timeScaleSeconds: 120, maxGapSeconds: 240, cut: 0.65, minSize: 3 };
  const reactions = texts.map((t) => isReaction(t, new Set()));

  it('puts a laughing wave with what it laughs at when reactions are compared by time', () => {
    const { labels } = findMoments(elapsed, texts, { ...params, reactionTextDistance: 0.5 }, reactions);
    const slip = labels[0]!;
    expect(slip).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= 10; i++) expect(labels[i], texts[i]).toBe(slip);
    expect(labels[11]).not.toBe(slip);
  });

  it('keeps the wave apart from it by words alone (the rule off)', () => {
    const { labels } = findMoments(elapsed, texts, { ...params, reactionTextDistance: null }, reactions);
    expect(labels[5]).toBeGreaterThanOrEqual(0);
    expect(labels[5]).not.toBe(labels[0]);
  });
});
