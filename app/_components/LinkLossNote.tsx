import type { LinkLosses } from '../../contracts/socket-events';

/**
 * What a live channel lost to drops of its link to Twitch: a gap in the archive that Twitch will never fill. Shown
 * once the link dropped at least once; nothing otherwise.
 */
export function LinkLossNote({ link, compact = false }: { link: LinkLosses | null | undefined; compact?: boolean }) {
  if (!link || link.drops === 0) return null;
  const missed = link.missedEstimate > 0 ? ` · ~${link.missedEstimate.toLocaleString('en-US')} messages missed` : '';
  const text = `link to Twitch lost ${link.drops}× · ${link.offlineSeconds.toLocaleString('en-US')} s offline${missed}${link.down ? ' · down now' : ''}`;
  return (
    <span
      className={compact ? 'link-loss small' : 'link-loss'}
      data-testid="link-loss"
      data-drops={link.drops}
      title="Twitch does not replay chat sent while the link was down: those messages are not in the archive."
    >
      {text}
    </span>
  );
}
