import { describe, expect, it } from 'vitest';
import { TOPIC_PALETTE } from '../topicPalette';
import { colourName } from './colourName';
import { LOCALES } from './locales';
import type { Message } from './messages';
import { createTranslator, DICTIONARIES, placeholdersOf } from './translate';

const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

describe('dictionaries', () => {
  const keys = Object.keys(DICTIONARIES.fr).sort();

  it('have the same keys in every language, none empty', () => {
    expect(keys.length).toBeGreaterThan(200);
    for (const locale of LOCALES) {
      const dictionary = DICTIONARIES[locale];
      expect(Object.keys(dictionary).sort(), locale).toEqual(keys);
      for (const [key, message] of Object.entries(dictionary)) {
        for (const text of texts(message)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in every language and every plural form', () => {
    for (const key of keys) {
      const reference = placeholdersOf(DICTIONARIES.fr[key as keyof typeof DICTIONARIES.fr]);
      for (const locale of LOCALES) {
        const message = DICTIONARIES[locale][key as keyof typeof DICTIONARIES.fr];
        expect([...placeholdersOf(message)].sort(), `${locale} ${key}`).toEqual([...reference].sort());
        // Each plural form says the count (or none does): a form that drops {count} hides the number.
        if (typeof message !== 'string')
          for (const form of texts(message))
            expect(form.includes('{count}') || !reference.has('count'), `${locale} ${key}: ${form}`).toBe(true);
      }
    }
  });

  it('name every topic colour in every language', () => {
    for (const locale of LOCALES) {
      const i18n = createTranslator(locale);
      for (const colour of TOPIC_PALETTE) expect(`colour.${colour.name}` in DICTIONARIES[locale]).toBe(true);
      expect(colourName(createTranslator('fr'), 'sky blue')).toBe('bleu ciel');
      expect(colourName(i18n, 'not a palette colour')).toBe('not a palette colour');
    }
  });
});
