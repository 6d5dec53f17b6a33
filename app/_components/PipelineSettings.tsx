'use client';

import { useState, type FormEvent } from 'react';
import type { ClustererKind, ClustererParams } from '../../contracts/pipelineStages';
import type { TopicsSnapshot } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';
import { interpolateNodes } from '../lib/i18n/interpolateNodes';
import { CLUSTERER_NAMES, clustererText, stageParameters, stageText } from '../lib/pipelineFormat';
import { sayServerMessage } from '../lib/serverMessage';
import { request } from '../lib/socket';

/** k offered when an operator switches to k-means (the contract's default). */
const DEFAULT_K = 12;
const K_RANGE = { min: 2, max: 1000 };

interface Draft {
  kind: ClustererKind;
  k: string;
}

const draftOf = (c: ClustererParams): Draft => ({ kind: c.kind, k: String(c.kind === 'kmeans' ? c.k : DEFAULT_K) });

/**
 * The stages the channel's last refit ran, in one line (for everyone; the topic panel shows it in its details), and
 * the clusterer the next refit will use when an operator changed it since.
 */
export function PipelineStages({ snapshot }: { snapshot: TopicsSnapshot }) {
  const { t } = useI18n();
  const ran = snapshot.lastRefit?.pipeline ?? [];
  const ranClusterer = ran.find((s) => s.role === 'clusterer');
  const next = snapshot.params.clusterer;
  const changed =
    ranClusterer !== undefined &&
    (ranClusterer.kind !== next.kind || (next.kind === 'kmeans' && ranClusterer.parameters.k !== next.k));
  const minSize = (count: number) => t('pipeline.minSize', { count });
  return (
    <li data-testid="pipeline-stages" data-ran={ranClusterer?.kind ?? ''} data-clusterer={next.kind}>
      <span className="muted">{t('pipeline.label')} </span>
      {ran.length > 0 ? (
        ran.map((stage, i) => (
          <span key={stage.role} title={`${stage.role}: ${stageParameters(stage)}`}>
            {i > 0 ? ' → ' : ''}
            <span className="mono">{stageText(stage, minSize)}</span>
          </span>
        ))
      ) : (
        <span className="muted">{t('pipeline.noRefit')}</span>
      )}
      {ran.length === 0 || changed ? (
        <span data-testid="pipeline-next">
          {' · '}
          {interpolateNodes(t('pipeline.next'), { clusterer: <span className="mono">{clustererText(next)}</span> })}
        </span>
      ) : null}
    </li>
  );
}

/**
 * For operators, in the topic panel: a form to choose the channel's clusterer (`topics:setParams`). The server checks
 * every value (the form does not: one rule, one place); its refusal is shown as it says it, naming the parameter.
 */
export function PipelineForm({ snapshot }: { snapshot: TopicsSnapshot }) {
  const { t } = useI18n();
  /** What the operator is choosing; null while the form follows the channel's parameters. */
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const shown = draft ?? draftOf(snapshot.params.clusterer);

  const apply = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const clusterer = shown.kind === 'kmeans' ? { kind: 'kmeans' as const, k: Number(shown.k) } : { kind: shown.kind };
    setBusy(true);
    const res = await request('topics:setParams', { channel: snapshot.channel, params: { clusterer } });
    setBusy(false);
    if (res.ok) {
      setDraft(null);
      setMessage({ ok: true, text: t('pipeline.applied', { clusterer: clustererText(res.value.clusterer) }) });
    } else setMessage({ ok: false, text: sayServerMessage(t, res) });
  };

  return (
    <form
      className="pipeline-form small"
      data-testid="pipeline-form"
      data-clusterer={snapshot.params.clusterer.kind}
      noValidate
      onSubmit={(e) => void apply(e)}
    >
      <label>
        {t('pipeline.clusterer')}{' '}
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
        {busy ? t('pipeline.applying') : t('pipeline.apply')}
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
  );
}
