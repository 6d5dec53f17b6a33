import type { Metadata } from 'next';
import { ReplayView } from '../../_components/ReplayView';
import { routeKey } from '../../lib/routeKey';

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Replay ${routeKey(key)} · chat-topics` };
}

export default async function ReplayPage({ params }: Props) {
  const { key } = await params;
  return <ReplayView channelKey={routeKey(key)} />;
}
