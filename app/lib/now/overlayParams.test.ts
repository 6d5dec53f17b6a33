import { describe, expect, it } from 'vitest';
import { OVERLAY_DEFAULT_COUNT, OVERLAY_MAX_COUNT, overlayParams } from './overlayParams';

describe('overlayParams', () => {
  it('reads count, theme, language and questions from the address', () => {
    expect(overlayParams({ n: '7', theme: 'light', lang: 'en', questions: '1' })).toEqual({
      count: 7,
      theme: 'light',
      locale: 'en',
      questions: true,
    });
  });

  it('falls back to the defaults on missing or odd values, and keeps the count in range', () => {
    expect(overlayParams({})).toEqual({ count: OVERLAY_DEFAULT_COUNT, theme: 'dark', locale: null, questions: false });
    expect(overlayParams({ n: 'lots', theme: 'pink', lang: 'de', questions: '0' })).toEqual({
      count: OVERLAY_DEFAULT_COUNT,
      theme: 'dark',
      locale: null,
      questions: false,
    });
    expect(overlayParams({ n: '40' }).count).toBe(OVERLAY_MAX_COUNT);
    expect(overlayParams({ n: '0' }).count).toBe(1);
    expect(overlayParams({ n: ['3', '6'], lang: 'FR' })).toMatchObject({ count: 3, locale: 'fr' });
  });
});
