'use client';

import { ChannelView } from './ChannelView';
import { ReplayControls } from './ReplayControls';

/** A replay channel: the channel page plus transport controls. */
export function ReplayView({ channelKey }: { channelKey: string }) {
  return (
    <ChannelView channelKey={channelKey} controls={(feed) => <ReplayControls channelKey={channelKey} feed={feed} />} />
  );
}
