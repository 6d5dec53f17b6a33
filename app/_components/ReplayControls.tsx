'use client';

import { useEffect, useRef, useState } from 'react';
import type { ReplayControl } from '../../contracts/socket-events';
import { formatClock } from '../lib/format';
import { rememberReplaySpeed, REPLAY_SPEEDS } from '../lib/replaySpeed';
import { sayServerMessage } from '../lib/serverMessage';
import { useI18n } from '../lib/i18n/I18nProvider';
import { request } from '../lib/socket';
import type { ChannelFeed } from '../lib/useChannelFeed';
import { useReplayStartFromUrl } from '../lib/workspace/toolsUseReplayStart';

/** Play/pause, seek slider, speed selector and position of a replay channel. */
export function ReplayControls({ channelKey, feed }: { channelKey: string; feed: ChannelFeed }) {
  const { t } = useI18n();
  const replay = feed.info?.replay ?? null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Slider value while the user drags it; null when it follows the replay. */
  const [dragging, setDragging] = useState<number | null>(null);
  const seekTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (seekTimer.current) clearTimeout(seekTimer.current);
    },
    [],
  );

  const send = async (control: ReplayControl) => {
    setBusy(true);
    const res = await request('replay:control', { channel: channelKey, control });
    setBusy(false);
    setError(res.ok ? null : sayServerMessage(t, res));
    return res.ok;
  };

  const seek = (position: number) => {
    if (seekTimer.current) clearTimeout(seekTimer.current);
    setDragging(position);
    // Wait for the slider to settle, then jump once.
    seekTimer.current = setTimeout(async () => {
      seekTimer.current = null;
      feed.clear();
      await send({ action: 'seek', position });
      setDragging(null);
    }, 250);
  };

  // `?t=` (the stream page's "open in the replay at this moment"): one jump, once the replay is known.
  useReplayStartFromUrl(replay?.duration ?? null, (position) => {
    feed.clear();
    void send({ action: 'seek', position });
  });

  if (!replay) {
    return (
      <section className="panel replay-controls" data-testid="replay-controls">
        <p className="muted">{feed.closed ? t('replay.notOpen') : t('replay.waiting')}</p>
      </section>
    );
  }

  const playing = !replay.paused && !replay.ended;
  const position = dragging ?? replay.position;
  return (
    <section className="panel replay-controls" data-testid="replay-controls">
      <div className="transport">
        <button
          type="button"
          className="primary"
          data-testid="replay-toggle"
          data-playing={playing ? 'true' : 'false'}
          disabled={busy}
          onClick={() => void send({ action: playing ? 'pause' : 'resume' })}
        >
          {playing ? t('replay.pause') : replay.ended ? t('replay.again') : t('replay.play')}
        </button>
        <input
          type="range"
          className="seek"
          data-testid="replay-seek"
          aria-label={t('replay.seek')}
          min={0}
          max={Math.max(1, Math.ceil(replay.duration))}
          step={1}
          value={Math.floor(position)}
          onChange={(e) => seek(Number(e.currentTarget.value))}
        />
        <span
          className="mono"
          data-testid="replay-position"
          data-position={replay.position.toFixed(2)}
          data-duration={replay.duration}
        >
          {formatClock(position)} / {formatClock(replay.duration)}
        </span>
        <label className="speed">
          {t('replay.speed')}
          <select
            data-testid="replay-speed"
            value={String(replay.speed)}
            onChange={(e) => {
              const speed = Number(e.currentTarget.value);
              rememberReplaySpeed(speed);
              void send({ action: 'speed', speed });
            }}
          >
            {!REPLAY_SPEEDS.includes(replay.speed as (typeof REPLAY_SPEEDS)[number]) ? (
              <option value={String(replay.speed)}>×{replay.speed}</option>
            ) : null}
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                ×{s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="replay-status">
          {replay.ended ? t('replay.ended') : replay.paused ? t('replay.paused') : t('replay.playing')}
        </span>
      </div>
      {error ? (
        <p className="error" data-testid="replay-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
