/** The dashboard's languages, French first: the chats it is made for are French. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'fr';

/** The `Intl` tag of each language: how numbers, dates and plurals are written. */
export const INTL_TAGS: Readonly<Record<Locale, string>> = { fr: 'fr-FR', en: 'en-US' };

/** Where the reader's choice is kept in `localStorage`. */
export const LOCALE_STORAGE_KEY = 'chat-topics.locale';

/** `value` when it names one of our languages, else null. */
export function asLocale(value: string | null | undefined): Locale | null {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null;
}

/**
 * The language of a browser: the first of its preferred languages (`navigator.languages`) that we have, matched on
 * the primary subtag (`fr-CA` -> `fr`); French when none matches.
 * @example pickLocale(['de-DE', 'en-GB', 'fr']) // 'en'
 */
export function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const found = asLocale(tag.toLowerCase().split('-')[0]);
    if (found) return found;
  }
  return DEFAULT_LOCALE;
}
