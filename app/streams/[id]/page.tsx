import type { Metadata } from 'next';
import { StreamWorkspace } from '../../_components/workspace/StreamWorkspace';
import { routeKey } from '../../lib/routeKey';
import './workspace.css';

type Props = { params: Promise<{ id: string }> };

// French, the server's language; the page retitles itself with the stream's name in the reader's language.
export const metadata: Metadata = { title: 'Analyse du stream · chat-topics' };

export default async function StreamPage({ params }: Props) {
  const { id } = await params;
  return <StreamWorkspace streamId={routeKey(id)} />;
}
