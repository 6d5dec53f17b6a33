import { CHAT_FILLER_WORDS } from './chatFillerWords';
import { ENGLISH_STOP_WORDS } from './englishStopWords';
import { LabelsError } from './errors';
import { collapseStretches, foldWord } from './foldWord';
import { LAUGHTER } from './laughter';
import { FRENCH_STOP_WORDS } from './frenchStopWords';
import { BUILT_IN_EMOTES, isWordLikeEmoteName, looksLikeEmote } from './knownEmotes';

export interface TermTokenizerOptions {
  /**
   * n-gram sizes, default [1, 2]. As in BERTopic's CountVectorizer, stop words are removed first and n-grams are
   * built from the words that remain, consecutive in that list ("fin de la game" gives the bigram "fin game").
   * Emotes are 1-grams only: they never enter an n-gram, so emote spam does not breed "KEKW KEKW" bigrams.
   */
  ngramRange?: [number, number];
  /** Extra stop words (folded like the words they match, so "déjà" and "deja" both work). */
  stopWords?: readonly string[];
  /** Emote names known from the corpus (e.g. collected from ChatMessage.emotes): kept as terms with their case. */
  emotes?: Iterable<string>;
  /** Shortest kept word in characters, default 2 (emotes are kept whatever their length). */
  minWordLength?: number;
}

/** Elided particles that French glues to the next word with an apostrophe ("j'aime", "qu'il", "jusqu'au"). */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
/** English clitics after an apostrophe ("it's", "we're"): dropped, the word before them is kept. */
const ENGLISH_CLITICS = new Set(['s', 't', 're', 've', 'll', 'd', 'm']);
/** Words whose apostrophe is part of the word, not an elision. */
const APOSTROPHE_WORDS = new Set(["aujourd'hui", "prud'homme", "prud'hommes", "presqu'ile", "presqu'iles"]);

const PLACEHOLDERS = /<(?:mention|url)>/gi;
const WHITESPACE = /\s+/u;
const APOSTROPHES = /[\u2019\u2018\u02bc\u00b4\u2032]/g;
const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
/** A bare domain ("utip.io/jean", "twitch.tv"): top-level domains chat links use. */
const BARE_DOMAIN =
  /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.(?:com|fr|net|org|io|tv|gg|be|ch|ca|co|me|ly|eu|xyz|app|dev|info|live|link)(?:[/:?#]\S*)?$/iu;
/** A bot command: "!" then a letter ("!uptime"); "!!!" or "!?" are punctuation. */
const COMMAND = /^!\p{L}/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;
/** Letters and digits, with apostrophes inside: hyphens, underscores and other punctuation split words. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const NUMBER = /^\p{N}+$/u;
const ORDINAL = /^\d+(?:er|ere|e|eme|em|nd|nde|st|th|rd)$/;
const NON_ASCII = /[^\x00-\x7f]/;
/** The common case, one ASCII word: no need to split it. */
const PLAIN_WORD = /^[a-z0-9]+$/;

/** Terms being collected from one message: 1-grams (words and emotes), the words n-grams are built from, and their forms. */
interface WordLists {
  unigrams: string[];
  words: string[];
  unigramForms: string[];
  wordForms: string[];
}

/** [A-Za-z0-9]: a token that starts and ends with one has no edge punctuation to strip. */
function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Turns a chat message into its terms for c-TF-IDF labels (French Twitch chat: slang, typos, emotes, anglicisms).
 *
 * - Words are lowercased and accent-folded ("ÇA" -> "ca"), emphasis stretches collapsed ("ouiiii" -> "oui",
 *   see `collapseStretches`), elided particles dropped ("j'aime" -> "aime"; "aujourd'hui" stays one word), split on
 *   hyphens and punctuation; numbers, ordinals ("2eme"), words shorter than `minWordLength`, French and English
 *   stop words, chat filler (mdr, ptdr, xd, lol, ouais, genre…; see chatFillerWords.ts for what is kept on
 *   purpose) and laughter are dropped.
 * - Emotes keep their case and are never stop words: names given in `options.emotes` or per message, a built-in
 *   list of frequent global emotes (Kappa, KEKW, monkaS…), and camel-case tokens shaped like channel emotes
 *   ("catJAM", "pepeD"). A capitalised word ("Bonjour") or shouting ("MDR") is a word, folded as any other.
 * - Mentions (`@name`), URLs, bare domains, `<mention>`/`<url>` placeholders and commands (`!uptime`) are not terms.
 * - Emoji and smileys are not terms. Output: the 1-grams (words and emotes) in message order, then the 2-grams, ….
 *
 * @example
 * new ChatTermTokenizer().terms("Ouiiii j'adore le boss final KEKW @bob") // ['adore', 'boss', 'final', 'KEKW', 'adore boss', 'boss final']
 */
export class ChatTermTokenizer {
  private readonly minN: number;
  private readonly maxN: number;
  private readonly minWordLength: number;
  private readonly stopWords: Set<string>;
  private readonly emotes: Set<string>;

  /** @throws LabelsError when `ngramRange` or `minWordLength` is not a valid integer range */
  constructor(options: TermTokenizerOptions = {}) {
    const [minN, maxN] = options.ngramRange ?? [1, 2];
    if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || maxN < minN) {
      throw new LabelsError(
        'INVALID_NGRAM_RANGE',
        `ngramRange must be [min, max] integers with 1 <= min <= max, got [${minN}, ${maxN}]`,
      );
    }
    this.minN = minN;
    this.maxN = maxN;
    this.minWordLength = options.minWordLength ?? 2;
    if (!Number.isInteger(this.minWordLength) || this.minWordLength < 1) {
      throw new LabelsError(
        'INVALID_MIN_WORD_LENGTH',
        `minWordLength must be an integer >= 1, got ${this.minWordLength}`,
      );
    }
    this.stopWords = new Set<string>();
    for (const list of [FRENCH_STOP_WORDS, ENGLISH_STOP_WORDS, CHAT_FILLER_WORDS, options.stopWords ?? []]) {
      for (const w of list) this.stopWords.add(foldWord(w.replace(APOSTROPHES, "'")));
    }
    this.emotes = new Set<string>();
    for (const name of [...BUILT_IN_EMOTES, ...(options.emotes ?? [])])
      if (isWordLikeEmoteName(name)) this.emotes.add(name);
  }

  /**
   * The terms of one message, with repeats (c-TF-IDF counts them).
   * @param text the message text
   * @param emotes the message's own emotes (e.g. `ChatMessage.emotes`): their names are emotes in this message
   */
  terms(text: string, emotes?: readonly { name: string }[]): string[] {
    return this.termsWithForms(text, emotes).terms;
  }

  /**
   * The terms of one message and, aligned with them, the form each was written in: lowercase with its accents
   * ("carte mère" for the term "carte mere"), stretches collapsed; emotes as written. Terms match folded, labels show
   * forms (see `SurfaceForms`).
   * @example new ChatTermTokenizer().termsWithForms('La CARTE MÈRE').forms // ['carte', 'mère', 'carte mère']
   */
  termsWithForms(text: string, emotes?: readonly { name: string }[]): { terms: string[]; forms: string[] } {
    const unigrams: string[] = [];
    const words: string[] = [];
    const unigramForms: string[] = [];
    const wordForms: string[] = [];
    const out = { unigrams, words, unigramForms, wordForms };
    for (const token of text.replace(PLACEHOLDERS, ' ').split(WHITESPACE)) {
      if (token === '') continue;
      const c = token.charCodeAt(0);
      if (c === 64 /* @ */ || (c === 33 /* ! */ && COMMAND.test(token))) continue;
      if (URL_START.test(token) || (token.includes('.') && BARE_DOMAIN.test(token))) continue;
      const emote = this.emoteIn(token, emotes);
      if (emote !== null) {
        unigrams.push(emote);
        unigramForms.push(emote);
        continue;
      }
      this.addWords(token, out);
    }
    if (this.maxN === 1) return { terms: unigrams, forms: unigramForms };
    const terms = this.minN === 1 ? unigrams : [];
    const forms = this.minN === 1 ? unigramForms : [];
    for (let n = Math.max(2, this.minN); n <= this.maxN; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        terms.push(words.slice(i, i + n).join(' '));
        forms.push(wordForms.slice(i, i + n).join(' '));
      }
    }
    return { terms, forms };
  }

  /** The emote a whitespace token is (edge punctuation allowed: "Kappa,"), or null. */
  private emoteIn(token: string, messageEmotes: readonly { name: string }[] | undefined): string | null {
    if (this.isEmote(token, messageEmotes)) return token;
    if (isAsciiAlphanumeric(token.charCodeAt(0)) && isAsciiAlphanumeric(token.charCodeAt(token.length - 1)))
      return null;
    const bare = token.replace(EDGE_PUNCTUATION, '');
    if (bare !== token && bare !== '' && this.isEmote(bare, messageEmotes)) return bare;
    return null;
  }

  private isEmote(name: string, messageEmotes: readonly { name: string }[] | undefined): boolean {
    if (this.emotes.has(name) || looksLikeEmote(name)) return true;
    if (messageEmotes === undefined) return false;
    for (const e of messageEmotes) if (e.name === name && isWordLikeEmoteName(name)) return true;
    return false;
  }

  /** Appends the kept words of a non-emote token, and the forms they were written in, to the lists. */
  private addWords(token: string, out: WordLists): void {
    let folded = foldWord(token);
    const written = token.toLowerCase();
    if (PLAIN_WORD.test(folded)) {
      this.keep(collapseStretches(folded), collapseStretches(written), out);
      return;
    }
    if (NON_ASCII.test(folded)) folded = folded.replace(APOSTROPHES, "'");
    const matches = [...folded.matchAll(WORD)];
    // Folding keeps letters letters, so the written token splits into the same words; when a compatibility form
    // (full-width letters, ligatures) breaks that, the folded words stand in for their forms.
    const writtenMatches = [...written.normalize('NFC').replace(APOSTROPHES, "'").matchAll(WORD)];
    const aligned = writtenMatches.length === matches.length;
    matches.forEach((match, k) => {
      const word = collapseStretches(match[0]);
      const form = aligned ? collapseStretches(writtenMatches[k]![0]) : word;
      if (!word.includes("'")) {
        this.keep(word, form, out);
      } else if (APOSTROPHE_WORDS.has(word)) {
        out.unigrams.push(word);
        out.words.push(word);
        out.unigramForms.push(form);
        out.wordForms.push(form);
      } else if (!this.stopWords.has(word)) {
        const pieces = word.split("'");
        const formPieces = form.split("'");
        const piece = (i: number) => (formPieces.length === pieces.length ? formPieces[i]! : pieces[i]!);
        const last = pieces.length - 1;
        for (let i = 0; i < last; i++) if (!ELISIONS.has(pieces[i]!)) this.keep(pieces[i]!, piece(i), out);
        if (!ENGLISH_CLITICS.has(pieces[last]!)) this.keep(pieces[last]!, piece(last), out);
      }
    });
  }

  private keep(word: string, form: string, out: WordLists): void {
    if (
      word.length < this.minWordLength ||
      this.stopWords.has(word) ||
      NUMBER.test(word) ||
      ORDINAL.test(word) ||
      LAUGHTER.test(word)
    )
      return;
    out.unigrams.push(word);
    out.words.push(word);
    out.unigramForms.push(form);
    out.wordForms.push(form);
  }
}
