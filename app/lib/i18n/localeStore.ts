'use client';

import { asLocale, DEFAULT_LOCALE, LOCALE_STORAGE_KEY, pickLocale, type Locale } from './locales';

/**
 * The reader's language in the browser: the choice kept in `localStorage`, else the browser's preferred languages.
 * Shaped for `useSyncExternalStore`; the server renders `DEFAULT_LOCALE`.
 */

const listeners = new Set<() => void>();

function storedChoice(): Locale | null {
  try {
    return asLocale(window.localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    // Storage can be refused (privacy settings): the browser's languages still decide.
    return null;
  }
}

/** The language to show now (client side). */
export function readLocale(): Locale {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return storedChoice() ?? pickLocale(languages);
}

/** What the server renders: no browser to ask. */
export function readServerLocale(): Locale {
  return DEFAULT_LOCALE;
}

/** Calls `onChange` when the language changes here, in another tab, or in the browser's settings. */
export function subscribeLocale(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  window.addEventListener('languagechange', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
    window.removeEventListener('languagechange', onChange);
  };
}

/** Keeps the reader's choice (for this browser) and tells every reader of the store. */
export function chooseLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not kept across reloads, but this page still switches.
  }
  for (const listener of listeners) listener();
}
