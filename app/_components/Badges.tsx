import type { ChannelKind, ChannelState } from '../../contracts/socket-events';

/** Channel state as a coloured badge. */
export function StateBadge({
  state,
  testId = 'channel-state',
}: {
  state: ChannelState | 'closed' | 'unknown';
  testId?: string;
}) {
  return (
    <span className={`badge state-${state}`} data-testid={testId} data-state={state}>
      {state}
    </span>
  );
}

export function KindBadge({ kind }: { kind: ChannelKind }) {
  return (
    <span className={`badge kind kind-${kind}`} data-testid="channel-kind">
      {kind}
    </span>
  );
}
