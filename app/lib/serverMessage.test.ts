import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../contracts/errorCodes';
import { ApiCallError } from './api';
import { createTranslator, DICTIONARIES } from './i18n/translate';
import { sayError, sayServerMessage, serverErrorKey } from './serverMessage';

const fr = createTranslator('fr');
const en = createTranslator('en');

describe('server message dictionary', () => {
  it('has a French and an English message for every code the server can send', () => {
    for (const code of ERROR_CODES) {
      expect(serverErrorKey(code) in DICTIONARIES.fr, `fr ${code}`).toBe(true);
      expect(serverErrorKey(code) in DICTIONARIES.en, `en ${code}`).toBe(true);
    }
  });

  it('holds no message for a code the server no longer sends', () => {
    const codes = new Set<string>(ERROR_CODES.map(serverErrorKey));
    const stale = Object.keys(DICTIONARIES.fr).filter((k) => k.startsWith('serverError.') && !codes.has(k));
    expect(stale).toEqual([]);
  });
});

describe('sayServerMessage', () => {
  it('says a known code in the page language, filled with its params and numbers in the locale', () => {
    const message = {
      error: 'file too large: 12.5 MB, the limit is 10 MB',
      code: 'import.too-large',
      params: { size: 12.5, limit: 10 },
    };
    expect(sayServerMessage(fr.t, message)).toBe('le fichier fait 12,5 Mo, la limite est de 10 Mo.');
    expect(sayServerMessage(en.t, message)).toBe('the file is 12.5 MB, the limit is 10 MB.');
  });

  it('falls back to the English text for an unknown code or none', () => {
    expect(sayServerMessage(fr.t, { error: 'a newer refusal', code: 'future.thing', params: { n: 1 } })).toBe(
      'a newer refusal',
    );
    expect(sayServerMessage(fr.t, { error: 'no code at all' })).toBe('no code at all');
    // A key of another part of the dictionary is no server code.
    expect(sayServerMessage(fr.t, { error: 'plain', code: '../join.title' })).toBe('plain');
  });

  it('keeps hostile text as text, in a param and in the fallback', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(sayServerMessage(fr.t, { error: 'x', code: 'channel.bad-name', params: { input: hostile } })).toBe(
      `« ${hostile} » n’est pas un nom de chaîne valide.`,
    );
    expect(sayServerMessage(fr.t, { error: hostile })).toBe(hostile);
  });
});

describe('sayError', () => {
  it('reads the code of a failed API call, and the text of any other error', () => {
    const refused = new ApiCallError(403, 'needs the operator token', {
      error: 'needs the operator token',
      code: 'operator.required',
    });
    expect(sayError(fr.t, refused)).toMatch(/^Cette action est réservée à l’opérateur/);
    expect(sayError(fr.t, new ApiCallError(0, 'the server is unreachable', null))).toBe('the server is unreachable');
    expect(sayError(en.t, 'thrown string')).toBe('thrown string');
  });
});
