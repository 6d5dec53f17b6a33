import { asLocale, type Locale } from '../i18n/locales';

/** Entries an overlay shows when its address does not say (`?n=`), and the most it shows. */
export const OVERLAY_DEFAULT_COUNT = 5;
export const OVERLAY_MAX_COUNT = 8;
/** Questions an overlay shows with `?questions=1`. */
export const OVERLAY_QUESTIONS = 3;

export interface OverlayParams {
  /** Now entries shown, 1 to `OVERLAY_MAX_COUNT`. */
  count: number;
  theme: 'dark' | 'light';
  /** The overlay's language; null: the browser's (as on the dashboard). */
  locale: Locale | null;
  questions: boolean;
}

type Query = Readonly<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The overlay's settings from its address: `?n=5&theme=dark|light&lang=fr|en&questions=1`. A value that does not
 * parse falls back to its default (a typo in an OBS source must not blank the stream's overlay).
 *
 * @param query the page's search parameters.
 * @example overlayParams({ n: '7', theme: 'light', lang: 'en', questions: '1' }) // { count: 7, theme: 'light', locale: 'en', questions: true }
 */
export function overlayParams(query: Query): OverlayParams {
  const n = Number.parseInt(first(query.n) ?? '', 10);
  const count = Number.isFinite(n) ? Math.min(OVERLAY_MAX_COUNT, Math.max(1, n)) : OVERLAY_DEFAULT_COUNT;
  const theme = first(query.theme) === 'light' ? 'light' : 'dark';
  const locale = asLocale(first(query.lang)?.toLowerCase());
  const q = first(query.questions)?.toLowerCase();
  return { count, theme, locale, questions: q === '1' || q === 'true' || q === 'yes' };
}
