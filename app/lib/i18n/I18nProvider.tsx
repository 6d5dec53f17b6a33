'use client';

import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { chooseLocale, readLocale, readServerLocale, subscribeLocale } from './localeStore';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { createTranslator, type Translator } from './translate';

/** A translator plus the way to change language. */
export interface I18n extends Translator {
  setLocale(locale: Locale): void;
}

const translators = new Map<Locale, Translator>();

/** One translator per language for the page's life (its `Intl` formatters are costly to build). */
function translatorFor(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (!translator) translators.set(locale, (translator = createTranslator(locale)));
  return translator;
}

const I18nContext = createContext<I18n>({ ...translatorFor(DEFAULT_LOCALE), setLocale: chooseLocale });

/**
 * Gives every component below it the reader's language. The server renders French; in the browser the first render
 * after hydration switches to the reader's language (its kept choice, else `navigator.languages`), and `<html lang>`
 * follows.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useSyncExternalStore(subscribeLocale, readLocale, readServerLocale);
  const value = useMemo<I18n>(() => ({ ...translatorFor(locale), setLocale: chooseLocale }), [locale]);
  useEffect(() => {
    document.documentElement.lang = value.tag;
  }, [value.tag]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/**
 * Speaks `locale` to every component below it, whatever the reader chose elsewhere: the stream overlay takes its
 * language from its address (`?lang=en`), and a preview in the streamer's browser must not change the language kept
 * for the dashboard.
 */
export function FixedLocale({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ ...translatorFor(locale), setLocale: chooseLocale }), [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/**
 * The reader's language: `t(key, params)`, the number and date formatters, and `setLocale`.
 * @example const { t, number } = useI18n(); t('common.messages', { count: 3 }) // '3 messages'
 */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
