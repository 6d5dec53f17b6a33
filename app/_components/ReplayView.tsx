'use client';

import { ChannelView } from './ChannelView';
import { ReplayControls } from './ReplayControls';
import { ReplayHeading } from './ReplayHeading';

/** A replay channel: the channel page plus transport controls. */
export function ReplayView({ channelKey }: { channelKey: string }) {
  return (
    <ChannelView
      channelKey={channelKey}
      heading={(feed) => <ReplayHeading channelKey={channelKey} streamId={feed.info?.streamId ?? null} />}
      controls={(feed) => <ReplayControls channelKey={channelKey} feed={feed} />}
    />
  );
}
