import { describe, expect, it } from 'vitest';
import { AlignedText } from './alignedText';
import { preprocessChat, preprocessChatAligned } from './chatPreprocess';

describe('preprocessChat', () => {
  it('replaces @mentions and URLs with their tokens', () => {
    expect(preprocessChat('@Bob_42 regarde https://clips.twitch.tv/abc !')).toBe('<mention> regarde <url> !');
    expect(preprocessChat('go www.twitch.tv/x et HTTP://A.B maintenant')).toBe('go <url> et <url> maintenant');
    expect(preprocessChat('merci @Élodie et @zack_fc')).toBe('merci <mention> et <mention>');
  });

  it('leaves sentence punctuation after a URL, e-mail addresses and lone markers alone', () => {
    expect(preprocessChat('voir https://x.io/a.')).toBe('voir <url>.');
    expect(preprocessChat('(https://x.io/a)')).toBe('(<url>)');
    expect(preprocessChat('écris à mail@exemple.fr')).toBe('écris à mail@exemple.fr');
    expect(preprocessChat('salut@bob @@bob')).toBe('salut@bob @@bob');
    expect(preprocessChat('@ toi, https:// et www.')).toBe('@ toi, https:// et www.');
    expect(preprocessChat('')).toBe('');
    expect(preprocessChat('rien à changer Kappa')).toBe('rien à changer Kappa');
  });

  it('aligns each placeholder with the whole mention or URL (code points)', () => {
    const t = preprocessChatAligned(AlignedText.original('😀 @bob https://x.io ok'));
    expect(t.text).toBe('😀 <mention> <url> ok');
    const at = (s: string) => t.text.indexOf(s);
    expect([t.starts[at('<mention>')], t.ends[at('<mention>') + 8]]).toEqual([2, 6]);
    expect([t.starts[at('<url>')], t.ends[at('<url>') + 4]]).toEqual([7, 19]);
    expect([t.starts[at('ok')], t.ends[at('ok') + 1]]).toEqual([20, 22]);
  });
});
