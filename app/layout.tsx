import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from './_components/SiteHeader';
import { I18nProvider } from './lib/i18n/I18nProvider';
import { INTL_TAGS, DEFAULT_LOCALE } from './lib/i18n/locales';
import './globals.css';

export const metadata: Metadata = {
  title: 'chat-topics',
  description: 'De quoi parle le chat Twitch, en direct : sujets, messages et rediffusions',
};

export const viewport: Viewport = { themeColor: '#0f1117', colorScheme: 'dark' };

// The server renders French (the default); the browser switches to the reader's language on hydration and sets
// `<html lang>` then, hence suppressHydrationWarning on that one attribute's element.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={INTL_TAGS[DEFAULT_LOCALE]} suppressHydrationWarning>
      <body>
        <I18nProvider>
          <SiteHeader />
          <main>{children}</main>
        </I18nProvider>
      </body>
    </html>
  );
}
