'use client';

import { useI18n } from '../lib/i18n/I18nProvider';
import { LOCALES } from '../lib/i18n/locales';

/** Each language named in itself, as a reader looks for their own. */
const NATIVE_NAMES = { fr: 'Français', en: 'English' } as const;

/** FR / EN in the page header; the choice is kept for this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')} data-testid="language-switch">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === locale ? 'lang-option active' : 'lang-option'}
          data-testid={`language-${l}`}
          aria-pressed={l === locale}
          title={NATIVE_NAMES[l]}
          onClick={() => setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
