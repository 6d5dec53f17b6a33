import { describe, expect, it } from 'vitest';
import { ChatTermTokenizer } from './ChatTermTokenizer';
import { SurfaceForms } from './SurfaceForms';
import { LabelsError } from './errors';

const unigrams = new ChatTermTokenizer({ ngramRange: [1, 1] });
const words = (text: string, emotes?: { name: string }[]) => unigrams.terms(text, emotes);

describe('ChatTermTokenizer words', () => {
  it('lowercases and folds accents', () => {
    expect(words('Élection ÉNORME Château garçon Œuvre')).toEqual([
      'election',
      'enorme',
      'chateau',
      'garcon',
      'oeuvre',
    ]);
  });

  it('drops elided particles, straight or curly apostrophe, but keeps aujourd\u2019hui whole', () => {
    expect(words("j'aime l'équipe")).toEqual(['aime', 'equipe']);
    expect(words('j\u2019adore qu\u2019il joue')).toEqual(['adore', 'joue']);
    expect(words("c'est jusqu'au bout")).toEqual(['bout']);
    // a stop word with its apostrophe ("d'accord" = ok) goes whole; the bare noun stays
    expect(words("d'accord avec l'accord")).toEqual(['accord']);
    expect(words("aujourd'hui")).toEqual(["aujourd'hui"]);
    expect(words('Aujourd\u2019hui')).toEqual(["aujourd'hui"]);
  });

  it('drops English contractions and clitics', () => {
    expect(words("it's gonna rain, don't panic, the streamer's cat")).toEqual(['rain', 'panic', 'streamer', 'cat']);
  });

  it('collapses letters stretched 3+ times to one, keeping two for a one-letter word', () => {
    expect(words('joueeeeé allezzzzz bieeeen')).toEqual(['joue', 'allez']);
    expect(words('GGGGGG')).toEqual(['gg']);
    expect(words('MDRRRRR ptdrrrr ouaiiiis nooooon')).toEqual([]);
    // doubled once is spelling, not a stretch
    expect(words('boss passe')).toEqual(['boss', 'passe']);
  });

  it('drops laughter of any length', () => {
    expect(words('hahahaha ahahah hihi xDDD xptdr loooool lmaooo')).toEqual([]);
  });

  it('drops numbers, ordinals and punctuation but keeps words with digits', () => {
    expect(words('phase 2 en 1v1, le 3eme ... 2023 !!! ps5')).toEqual(['phase', '1v1', 'ps5']);
  });

  it('splits on hyphens and underscores', () => {
    expect(words('Jean-Luc super_fan')).toEqual(['jean', 'luc', 'super', 'fan']);
  });

  it('drops French and English stop words and chat filler', () => {
    expect(words('je pense que le boss est vraiment trop fort mdr lol ptn ouais')).toEqual(['pense', 'boss', 'fort']);
    expect(words('what is this game about')).toEqual(['game']);
    expect(words('jai vu ça hier, genre bref tkt frr')).toEqual(['hier']);
  });

  it('keeps the words that mark chat events', () => {
    expect(words('gg wp rip ez clutch salut bonjour merci')).toEqual([
      'gg',
      'wp',
      'rip',
      'ez',
      'clutch',
      'salut',
      'bonjour',
      'merci',
    ]);
  });

  it('adds extra stop words, folded', () => {
    const t = new ChatTermTokenizer({ ngramRange: [1, 1], stopWords: ['Fromâge', 'boss'] });
    expect(t.terms('fromage FROMAGE Boss soleil')).toEqual(['soleil']);
    expect(words('fromage soleil')).toEqual(['fromage', 'soleil']);
  });

  it('honours minWordLength', () => {
    const t = new ChatTermTokenizer({ ngramRange: [1, 1], minWordLength: 3 });
    expect(t.terms('gg les boss EZ')).toEqual(['boss', 'EZ']);
  });
});

describe('ChatTermTokenizer emotes', () => {
  it('keeps built-in and camel-case emotes with their case, but folds capitalised words and shouting', () => {
    expect(words('Bonjour KEKW catJAM MDR PIZZA monkaS pepeD')).toEqual([
      'bonjour',
      'KEKW',
      'catJAM',
      'pizza',
      'monkaS',
      'pepeD',
    ]);
    expect(words('YouTube Twitch')).toEqual(['youtube', 'twitch']);
  });

  it('recognises emotes glued to punctuation', () => {
    expect(words('Kappa, LUL!!! (PogChamp)')).toEqual(['Kappa', 'LUL', 'PogChamp']);
  });

  it('takes emote names from the options and from the message', () => {
    expect(words('Dansons Pizza')).toEqual(['dansons', 'pizza']);
    expect(new ChatTermTokenizer({ ngramRange: [1, 1], emotes: ['Dansons'] }).terms('Dansons Pizza')).toEqual([
      'Dansons',
      'pizza',
    ]);
    expect(words('Dansons Pizza', [{ name: 'Pizza' }])).toEqual(['dansons', 'Pizza']);
  });

  it('never treats an emote as a stop word', () => {
    const t = new ChatTermTokenizer({ ngramRange: [1, 1], stopWords: ['kappa'], emotes: ['LOL'] });
    expect(t.terms('kappa Kappa LOL lol')).toEqual(['Kappa', 'LOL']);
  });

  it('does not make terms of smileys even when listed as emotes', () => {
    expect(words('<3 :) ❤️ 🔥🔥', [{ name: '<3' }, { name: ':)' }])).toEqual([]);
  });
});

describe('ChatTermTokenizer non-terms', () => {
  it('drops mentions, URLs, bare domains and placeholders', () => {
    expect(
      words('@bob regarde https://clips.twitch.tv/abc www.site.fr twitch.tv/foo <mention> <url> @Alice_99,'),
    ).toEqual(['regarde']);
    expect(words('<mention>salut<url>')).toEqual(['salut']);
  });

  it('drops commands but not exclamation marks', () => {
    expect(words('!uptime')).toEqual([]);
    expect(words('!!! incroyable !')).toEqual(['incroyable']);
  });
});

describe('ChatTermTokenizer n-grams', () => {
  it('builds bigrams from the words left after stop-word removal, after the unigrams', () => {
    expect(new ChatTermTokenizer().terms('fin de la game')).toEqual(['fin', 'game', 'fin game']);
  });

  it('keeps emotes out of n-grams', () => {
    expect(new ChatTermTokenizer().terms('boss KEKW final')).toEqual(['boss', 'KEKW', 'final', 'boss final']);
  });

  it('honours ngramRange', () => {
    const text = 'grosse pizza fromage';
    expect(new ChatTermTokenizer({ ngramRange: [2, 2] }).terms(text)).toEqual(['grosse pizza', 'pizza fromage']);
    expect(new ChatTermTokenizer({ ngramRange: [1, 3] }).terms(text)).toEqual([
      'grosse',
      'pizza',
      'fromage',
      'grosse pizza',
      'pizza fromage',
      'grosse pizza fromage',
    ]);
  });

  it('rejects invalid options with a typed error naming the option', () => {
    expect(() => new ChatTermTokenizer({ ngramRange: [2, 1] })).toThrow(LabelsError);
    expect(() => new ChatTermTokenizer({ ngramRange: [0, 1] })).toThrow(/ngramRange/);
    expect(() => new ChatTermTokenizer({ minWordLength: 0 })).toThrow(/minWordLength/);
  });
});

describe('ChatTermTokenizer.termsWithForms', () => {
  it('gives each folded term the form it was written in: accents kept, case lowered, stretches collapsed', () => {
    const { terms, forms } = new ChatTermTokenizer().termsWithForms("La CARTE MÈRE a grillé, l'écraaaan KEKW");
    expect(terms).toEqual(['carte', 'mere', 'grille', 'ecran', 'KEKW', 'carte mere', 'mere grille', 'grille ecran']);
    expect(forms).toEqual(['carte', 'mère', 'grillé', 'écran', 'KEKW', 'carte mère', 'mère grillé', 'grillé écran']);
  });

  it('keeps terms and forms aligned when compatibility forms (full-width letters) are folded', () => {
    const { terms, forms } = new ChatTermTokenizer().termsWithForms('ｃａｆé chaud');
    expect(terms).toEqual(['cafe', 'chaud', 'cafe chaud']);
    expect(forms).toHaveLength(3);
    expect(forms[1]).toBe('chaud');
  });
});

describe('SurfaceForms', () => {
  it('shows each term in its most frequent written form', () => {
    const tok = new ChatTermTokenizer();
    const forms = new SurfaceForms();
    for (const text of ['carte mère HS', 'Carte Mère !', 'carte mere cramée']) {
      const w = tok.termsWithForms(text);
      forms.add(w.terms, w.forms);
    }
    expect(
      forms.display([
        { term: 'carte mere', score: 0.5 },
        { term: 'mere', score: 0.2 },
        { term: 'inconnu', score: 0.1 },
      ]),
    ).toEqual([
      { term: 'carte mère', score: 0.5 },
      { term: 'mère', score: 0.2 },
      { term: 'inconnu', score: 0.1 },
    ]);
  });
});
