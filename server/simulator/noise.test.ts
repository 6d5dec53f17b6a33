import { describe, expect, it } from 'vitest';
import { TokenBuffer, TokenKind } from './grammar';
import { applyStyle, assemble, codePointLength, stretch, stripAccents, typo, type WritingStyle } from './noise';
import { Sfc32 } from '../../models/random';

const plain: WritingStyle = {
  accents: 1,
  typo: 0,
  abbrev: 0,
  stretch: 0,
  capitalize: 0,
  spaceBeforePunct: 1,
  dropPunct: 0,
  shout: 1,
};

describe('writing style', () => {
  it('strips accents, stretches, makes typos of the same length class', () => {
    expect(stripAccents('déjà là, ça va ? œuf')).toBe('deja la, ca va ? oeuf');
    const r = new Sfc32(1);
    expect(stretch('oui', r)).toMatch(/^ouii{2,}$/);
    expect(stretch('mdr', r)).toMatch(/^mdrr{2,}$/);
    for (let i = 0; i < 50; i++) {
      const t = typo('clavier', r);
      expect(Math.abs(t.length - 7)).toBeLessThanOrEqual(1);
    }
    expect(typo('oui', r)).toBe('oui');
  });

  it('never alters emotes, commands or mentions, and caps hype words', () => {
    const buf = new TokenBuffer();
    buf.push('quel', TokenKind.Word);
    buf.push('clutch', TokenKind.Word);
    buf.push('PogChamp', TokenKind.Emote);
    buf.push('!uptime', TokenKind.Raw);
    const shouty: WritingStyle = { ...plain, typo: 1, accents: 0, shout: 10 };
    applyStyle(buf, shouty, new Sfc32(2), 1);
    expect(buf.tokens.slice(2, 4)).toEqual(['PogChamp', '!uptime']);
    expect(buf.tokens[0]).toBe(buf.tokens[0]!.toUpperCase());
  });

  it('counts code points and places emote ranges after emoji', () => {
    expect(codePointLength('😂a')).toBe(2);
    expect(codePointLength('🙋‍♂️')).toBe(4);
    const buf = new TokenBuffer();
    buf.push('🙋‍♂️😂', TokenKind.Raw);
    buf.push('salut', TokenKind.Word);
    buf.push('Kappa', TokenKind.Emote);
    buf.push('?', TokenKind.Punct);
    buf.push('❤️', TokenKind.Raw);
    buf.push('KEKW', TokenKind.Emote);
    const ids = new Map([
      ['Kappa', 'k1'],
      ['KEKW', 'k2'],
    ]);
    const { text, emotes } = assemble(buf, ids, plain, new Sfc32(3));
    expect(text).toBe('🙋‍♂️😂 salut Kappa ? ❤️ KEKW');
    expect(emotes.map((e) => [...text].slice(e.start, e.end).join(''))).toEqual(['Kappa', 'KEKW']);
    expect(emotes[0]).toEqual({ id: 'k1', name: 'Kappa', start: 12, end: 17 });
  });

  it('glues punctuation to words but not to emotes', () => {
    const buf = new TokenBuffer();
    buf.push('ça', TokenKind.Word);
    buf.push('va', TokenKind.Word);
    buf.push('?', TokenKind.Punct);
    buf.push('LUL', TokenKind.Emote);
    buf.push('!', TokenKind.Punct);
    const { text } = assemble(buf, new Map([['LUL', 'l']]), { ...plain, spaceBeforePunct: 0 }, new Sfc32(4));
    expect(text).toBe('ça va? LUL !');
  });
});
