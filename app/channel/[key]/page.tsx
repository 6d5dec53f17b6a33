import type { Metadata } from 'next';
import { ChannelView } from '../../_components/ChannelView';
import { routeKey } from '../../lib/routeKey';

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `${routeKey(key)} · chat-topics` };
}

export default async function ChannelPage({ params }: Props) {
  const { key } = await params;
  return <ChannelView channelKey={routeKey(key)} />;
}
