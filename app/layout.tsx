import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConnectionStatus } from './_components/ConnectionStatus';
import './globals.css';

export const metadata: Metadata = {
  title: 'chat-topics',
  description: 'Real-time Twitch chat dashboard: live feed, message rate and replays',
};

export const viewport: Viewport = { themeColor: '#0f1117', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            chat<span>-topics</span>
          </Link>
          <nav>
            <Link href="/">Channels</Link>
            <Link href="/channel/demo">Demo</Link>
            <Link href="/admin">Admin</Link>
          </nav>
          <ConnectionStatus />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
