'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatClock } from '../lib/format';
import { request } from '../lib/socket';
import { useDashboard } from '../lib/useDashboard';

const REPLAY_SPEED = 10;

/** The archive's streams (live sessions, demo runs, imports), each with a Replay button. */
export function StreamList() {
  const { streams, streamsError } = useDashboard();
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const replay = async (streamId: string) => {
    setPending(streamId);
    setError(null);
    const res = await request('replay:start', { streamId, speed: REPLAY_SPEED });
    setPending(null);
    if (res.ok) router.push(`/replay/${encodeURIComponent(res.value.key)}`);
    else setError(res.error);
  };

  const sorted = streams ? [...streams].sort((a, b) => b.startedAt - a.startedAt) : null;
  return (
    <section className="panel" data-testid="stream-list">
      <h2>Archived streams</h2>
      {error ? (
        <p className="error" data-testid="replay-start-error">
          {error}
        </p>
      ) : null}
      {streamsError ? <p className="error">{streamsError}</p> : null}
      {sorted === null ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">The archive is empty.</p>
      ) : (
        <div className="table-wrap">
          <table className="streams">
            <thead>
              <tr>
                <th>Channel</th>
                <th>Source</th>
                <th>Title</th>
                <th className="num">Messages</th>
                <th className="num">Duration</th>
                <th>Started</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr key={s.id} data-testid="stream-item" data-stream-id={s.id} data-channel={s.channel}>
                  <td>{s.channel}</td>
                  <td>
                    <span className={`badge source-${s.source}`}>{s.source}</span>
                    {s.importFormat ? <span className="muted small"> {s.importFormat}</span> : null}
                    {s.complete ? null : (
                      <span
                        data-testid="stream-incomplete"
                        className="badge warn stream-incomplete"
                        title="The import stopped part-way: this stream lacks the end of its file. Import the whole file again to have all of it."
                      >
                        incomplete
                      </span>
                    )}
                  </td>
                  <td className="title-cell" title={s.title}>
                    {s.title}
                  </td>
                  <td className="num" data-testid="stream-count">
                    {s.messageCount.toLocaleString('en-US')}
                    {s.deletedCount > 0 ? <span className="muted small"> ({s.deletedCount} del.)</span> : null}
                  </td>
                  <td className="num mono">{formatClock(s.durationSeconds)}</td>
                  <td className="small">
                    {s.absoluteTime ? new Date(s.startedAt).toLocaleString() : <span className="muted">relative</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      data-testid="replay-button"
                      disabled={pending !== null}
                      onClick={() => void replay(s.id)}
                    >
                      {pending === s.id ? 'Starting…' : `Replay ×${REPLAY_SPEED}`}
                    </button>
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
