import { en } from './en';
import { createFormatters, type Formatters } from './formatters';
import { fr, type Dictionary, type MessageKey } from './fr';
import { INTL_TAGS, type Locale } from './locales';
import type { Message, MessageParams } from './messages';

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { fr, en };

/** What a page needs to speak one language: its messages and its number and date formats. */
export interface Translator extends Formatters {
  locale: Locale;
  /** The `Intl` tag (`fr-FR`), for `<html lang>` and the rare direct `Intl` call. */
  tag: string;
  /**
   * The message `key` with its `{placeholders}` filled; a plural message picks its form by `params.count`.
   * @example t('topics.count', { count: 3 }) // '3 sujets'
   */
  t(key: MessageKey, params?: MessageParams): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders a message uses, in all its forms (for the dictionary test). */
export function placeholdersOf(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return new Set(texts.flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)));
}

/**
 * The translator of one language. A placeholder without a parameter stays as written (`{name}`), so a mistake shows
 * on the page instead of an empty gap.
 */
export function createTranslator(locale: Locale): Translator {
  const tag = INTL_TAGS[locale];
  const formatters = createFormatters(tag);
  const plurals = new Intl.PluralRules(tag);
  const dictionary = DICTIONARIES[locale];
  const t = (key: MessageKey, params: MessageParams = {}): string => {
    const message: Message = dictionary[key];
    const count = params.count;
    const text =
      typeof message === 'string'
        ? message
        : (message[plurals.select(typeof count === 'number' ? count : Number(count ?? 0))] ?? message.other);
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatters.number(value) : value;
    });
  };
  return { ...formatters, locale, tag, t };
}
