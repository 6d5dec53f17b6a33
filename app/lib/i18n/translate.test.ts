import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales';
import { createTranslator } from './translate';

// Intl separates French thousands with a narrow no-break space and puts a no-break space before `%`.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('createTranslator', () => {
  const fr = createTranslator('fr');
  const en = createTranslator('en');

  it('fills placeholders, formatting numbers for the locale', () => {
    expect(plain(fr.t('status.warmup', { messages: 1234, min: 2000 }))).toBe(
      '1 234 / 2 000 messages avant les premiers sujets',
    );
    expect(en.t('status.warmup', { messages: 1234, min: 2000 })).toBe('1,234 / 2,000 messages before the first topics');
    expect(fr.t('channels.stopTitle', { channel: 'zerator' })).toBe('Fermer zerator');
  });

  it('picks the plural form by count with the locale rules (French 0 and 1 are singular, English 0 is plural)', () => {
    expect(fr.t('status.topics', { count: 0 })).toBe('0 sujet');
    expect(fr.t('status.topics', { count: 1 })).toBe('1 sujet');
    expect(fr.t('status.topics', { count: 2 })).toBe('2 sujets');
    expect(en.t('status.topics', { count: 0 })).toBe('0 topics');
    expect(en.t('status.topics', { count: 1 })).toBe('1 topic');
    // French has a "many" category for millions: it falls back to "other".
    expect(plain(fr.t('common.messages', { count: 1_000_000 }))).toBe('1 000 000 messages');
  });

  it('leaves a placeholder without a parameter as written', () => {
    expect(fr.t('status.embedder')).toBe('modèle d’embedding {name}');
  });

  it('formats shares, durations, sizes and scores the way each locale writes them', () => {
    expect(plain(fr.share(1, 8))).toBe('12,5 %');
    expect(en.share(1, 8)).toBe('12.5%');
    expect(fr.share(1, 0)).toBe('—');
    expect(plain(fr.number(1234))).toBe('1 234');
    expect(plain(fr.ms(1234))).toBe('1,2 s');
    expect(plain(fr.ms(340.2))).toBe('340 ms');
    expect(plain(fr.duration(250))).toBe('4 min 10 s');
    expect(plain(fr.duration(3900))).toBe('1 h 05 min');
    expect(plain(fr.bytes(12_345_678))).toBe('12,3 Mo');
    expect(en.bytes(12_345_678)).toBe('12.3 MB');
    expect(fr.score(0.8812)).toBe('0,88');
    expect(fr.score(0.00431)).toBe('0,0043');
    expect(fr.fixed2(-0.001)).toBe('0,00');
    expect(plain(fr.percent(0.1234))).toBe('12,3 %');
    expect(fr.dateTime('not a date')).toBe('not a date');
    expect(plain(fr.dateTime(Date.UTC(2026, 0, 2, 10, 0)))).toMatch(/^02\/01\/2026 \d\d:00$/);
  });
});

describe('pickLocale', () => {
  it('takes the first preferred language we have, on its primary subtag, and French otherwise', () => {
    expect(pickLocale(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickLocale(['en-GB', 'fr'])).toBe('en');
    expect(pickLocale(['de-DE', 'EN'])).toBe('en');
    expect(pickLocale(['de-DE', 'es'])).toBe('fr');
    expect(pickLocale([])).toBe('fr');
  });
});
