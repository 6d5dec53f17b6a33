'use client';

import Link from 'next/link';
import { useI18n } from '../lib/i18n/I18nProvider';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitch } from './LanguageSwitch';

/** The header of every page: brand, navigation, the socket's state and the language switch. */
export function SiteHeader() {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        chat<span>-topics</span>
      </Link>
      <nav aria-label={t('nav.label')}>
        <Link href="/">{t('nav.channels')}</Link>
        <Link href="/channel/demo">{t('nav.demo')}</Link>
        <Link href="/admin">{t('nav.admin')}</Link>
      </nav>
      <ConnectionStatus />
      <LanguageSwitch />
    </header>
  );
}
