import type { Metadata, Viewport } from 'next';
import { overlayParams } from '../../lib/now/overlayParams';
import { routeKey } from '../../lib/routeKey';
import { OverlayView } from './OverlayView';

type Props = {
  params: Promise<{ channel: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// No dark canvas behind the page: OBS and Streamlabs browser sources show what is under a transparent page.
export const viewport: Viewport = { colorScheme: 'normal' };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { channel } = await params;
  return { title: `${routeKey(channel)} · overlay · chat-topics` };
}

/**
 * `/overlay/<channel>`: the channel's Now topics (and, with `?questions=1`, its questions) for a stream overlay.
 * Query: `n` (entries, 1-8, default 5), `theme` (`dark` | `light`), `lang` (`fr` | `en`), `questions` (`1`).
 */
export default async function OverlayPage({ params, searchParams }: Props) {
  const { channel } = await params;
  return <OverlayView channelKey={routeKey(channel)} params={overlayParams(await searchParams)} />;
}
