'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatClock } from '../lib/format';
import { useI18n } from '../lib/i18n/I18nProvider';
import { DEFAULT_REPLAY_SPEED, nextReplaySpeed } from '../lib/replaySpeed';
import { sayServerMessage } from '../lib/serverMessage';
import { request } from '../lib/socket';
import { useDashboard } from '../lib/useDashboard';

/** The archive's streams (live sessions, demo runs, imports), each with a Replay button. */
export function StreamList() {
  const { streams, streamsError } = useDashboard();
  const { t, number, dateTime } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // x1, or the speed last chosen in the replay controls (read after hydration: the server has no storage).
  const [speed, setSpeed] = useState<number>(DEFAULT_REPLAY_SPEED);
  useEffect(() => setSpeed(nextReplaySpeed()), []);

  const replay = async (streamId: string) => {
    setPending(streamId);
    setError(null);
    const res = await request('replay:start', { streamId, speed });
    setPending(null);
    if (res.ok) router.push(`/replay/${encodeURIComponent(res.value.key)}`);
    else setError(sayServerMessage(t, res));
  };

  const sorted = streams ? [...streams].sort((a, b) => b.startedAt - a.startedAt) : null;
  return (
    <section className="panel" data-testid="stream-list">
      <h2>{t('streams.title')}</h2>
      {error ? (
        <p className="error" data-testid="replay-start-error">
          {error}
        </p>
      ) : null}
      {streamsError ? <p className="error">{sayServerMessage(t, streamsError)}</p> : null}
      {sorted === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="muted">{t('streams.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="streams">
            <thead>
              <tr>
                <th>{t('streams.channel')}</th>
                <th>{t('streams.source')}</th>
                <th>{t('streams.streamTitle')}</th>
                <th className="num">{t('streams.messages')}</th>
                <th className="num">{t('streams.duration')}</th>
                <th>{t('streams.started')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr key={s.id} data-testid="stream-item" data-stream-id={s.id} data-channel={s.channel}>
                  <td>{s.channel}</td>
                  <td>
                    <span className={`badge source-${s.source}`} data-source={s.source}>
                      {t(`source.${s.source}`)}
                    </span>
                    {s.importFormat ? <span className="muted small"> {s.importFormat}</span> : null}
                    {s.complete ? null : (
                      <span
                        data-testid="stream-incomplete"
                        className="badge warn stream-incomplete"
                        title={t('streams.incompleteTitle')}
                      >
                        {t('streams.incomplete')}
                      </span>
                    )}
                  </td>
                  <td className="title-cell" title={s.title}>
                    {s.title}
                  </td>
                  <td className="num" data-testid="stream-count">
                    {number(s.messageCount)}
                    {s.deletedCount > 0 ? (
                      <span className="muted small"> {t('streams.deleted', { count: s.deletedCount })}</span>
                    ) : null}
                  </td>
                  <td className="num mono">{formatClock(s.durationSeconds)}</td>
                  <td className="small">
                    {s.absoluteTime ? dateTime(s.startedAt) : <span className="muted">{t('streams.relative')}</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      data-testid="replay-button"
                      data-speed={speed}
                      disabled={pending !== null}
                      onClick={() => void replay(s.id)}
                    >
                      {pending === s.id ? t('streams.starting') : t('streams.replay', { speed })}
                    </button>
                    <Link
                      href={`/streams/${encodeURIComponent(s.id)}`}
                      className="small stream-analyse-link"
                      data-testid="stream-analyse-link"
                    >
                      {t('ws.listLink')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
