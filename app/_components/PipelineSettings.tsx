'use client';

import { useState, type FormEvent } from 'react';
import type { ClustererKind, ClustererParams } from '../../contracts/pipelineStages';
import type { TopicsSnapshot } from '../../contracts/socket-events';
import { CLUSTERER_NAMES, clustererText, stageParameters, stageText } from '../lib/pipelineFormat';
import { request } from '../lib/socket';
import { useOperatorRole } from '../lib/useOperatorRole';

/** k offered when an operator switches to k-means (the contract's default). */
const DEFAULT_K = 12;
const K_RANGE = { min: 2, max: 1000 };

interface Draft {
  kind: ClustererKind;
  k: string;
}

const draftOf = (c: ClustererParams): Draft => ({ kind: c.kind, k: String(c.kind === 'kmeans' ? c.k : DEFAULT_K) });

/**
 * The channel's pipeline in the topic panel: the stages its last refit ran (for everyone), the clusterer its next
 * refit will use when an operator changed it since, and for operators a form to choose the clusterer
 * (`topics:setParams`). The server checks every value (the form does not: one rule, one place); its refusal is
 * shown as it says it, naming the parameter.
 */
export function PipelineSettings({ snapshot }: { snapshot: TopicsSnapshot }) {
  const operator = useOperatorRole();
  /** What the operator is choosing; null while the form follows the channel's parameters. */
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const ran = snapshot.lastRefit?.pipeline ?? [];
  const ranClusterer = ran.find((s) => s.role === 'clusterer');
  const next = snapshot.params.clusterer;
  const changed =
    ranClusterer !== undefined &&
    (ranClusterer.kind !== next.kind || (next.kind === 'kmeans' && ranClusterer.parameters.k !== next.k));
  const shown = draft ?? draftOf(next);

  const apply = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const clusterer = shown.kind === 'kmeans' ? { kind: 'kmeans' as const, k: Number(shown.k) } : { kind: shown.kind };
    setBusy(true);
    const res = await request('topics:setParams', { channel: snapshot.channel, params: { clusterer } });
    setBusy(false);
    if (res.ok) {
      setDraft(null);
      setMessage({ ok: true, text: `Applied: the next refit uses ${clustererText(res.value.clusterer)}.` });
    } else setMessage({ ok: false, text: res.error });
  };

  return (
    <div className="pipeline-settings small" data-testid="pipeline-settings" data-clusterer={next.kind}>
      <p data-testid="pipeline-stages" data-ran={ranClusterer?.kind ?? ''}>
        <span className="muted">pipeline </span>
        {ran.length > 0 ? (
          ran.map((stage, i) => (
            <span key={stage.role} title={`${stage.role}: ${stageParameters(stage)}`}>
              {i > 0 ? ' → ' : ''}
              <span className="mono">{stageText(stage)}</span>
            </span>
          ))
        ) : (
          <span className="muted">no refit yet</span>
        )}
        {ran.length === 0 || changed ? (
          <span data-testid="pipeline-next">
            {' '}
            · next refit: <span className="mono">{clustererText(next)}</span>
          </span>
        ) : null}
      </p>
      {operator ? (
        <form className="pipeline-form" data-testid="pipeline-form" noValidate onSubmit={(e) => void apply(e)}>
          <label>
            Clusterer{' '}
            <select
              data-testid="pipeline-clusterer"
              value={shown.kind}
              onChange={(e) => setDraft({ ...shown, kind: e.currentTarget.value as ClustererKind })}
            >
              {(Object.keys(CLUSTERER_NAMES) as ClustererKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {CLUSTERER_NAMES[kind]}
                </option>
              ))}
            </select>
          </label>
          {shown.kind === 'kmeans' ? (
            <label>
              k{' '}
              <input
                type="number"
                className="pipeline-k"
                data-testid="pipeline-k"
                min={K_RANGE.min}
                max={K_RANGE.max}
                step={1}
                value={shown.k}
                onChange={(e) => setDraft({ ...shown, k: e.currentTarget.value })}
              />
            </label>
          ) : null}
          <button type="submit" className="small-button" data-testid="pipeline-apply" disabled={busy || draft === null}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
          {message ? (
            <span
              className={message.ok ? 'ok' : 'error'}
              role={message.ok ? 'status' : 'alert'}
              data-testid="pipeline-message"
            >
              {message.text}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
