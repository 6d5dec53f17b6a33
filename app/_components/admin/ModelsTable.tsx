'use client';

import { useState } from 'react';
import type { ModelVersionInfo, StageMetrics } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall, errorText } from '../../lib/admin/adminApi';
import { formatBytes } from '../../lib/format';
import { formatInstant, formatMetric } from '../../lib/admin/formatTraining';

function stage(m: ModelVersionInfo, name: StageMetrics['stage']): StageMetrics | undefined {
  return m.stageMetrics.find((s) => s.stage === name);
}

/**
 * Model versions side by side: stage metrics, the topic evaluation next to the bag-of-words baseline, which one
 * is active; promote any version, roll back to the one before.
 */
export function ModelsTable({
  models,
  csrfToken,
  onModels,
}: {
  models: ModelVersionInfo[];
  csrfToken: string;
  onModels: (m: ModelVersionInfo[]) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  /** Rolls back (no id) or promotes the version `id`; both answer the model list. */
  const act = async (label: string, id: string | null) => {
    setBusy(label);
    setMessage(null);
    try {
      const list =
        id === null
          ? await adminCall(adminApi.rollback, csrfToken, { body: {} })
          : await adminCall(adminApi.promote, csrfToken, { params: { id }, body: {} });
      onModels(list);
      setMessage({
        ok: true,
        text: `${label}: now serving ${list.find((m) => m.active)?.id ?? 'the configured embedder'}.`,
      });
    } catch (err) {
      setMessage({ ok: false, text: `${label} failed: ${errorText(err)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel">
      <div className="chart-head">
        <h2>Model versions</h2>
        <button
          type="button"
          className="small-button"
          data-testid="model-rollback"
          disabled={busy !== null}
          onClick={() => void act('Roll back', null)}
        >
          Roll back
        </button>
      </div>
      {models.length === 0 ? (
        <p className="muted">No model version yet: the server embeds with the configured embedder.</p>
      ) : null}
      <div className="table-wrap">
        <table className="models-table" data-testid="models-table">
          <thead>
            <tr>
              <th>version</th>
              <th>source</th>
              <th>size</th>
              <th>tokenizer</th>
              <th>pretrain acc</th>
              <th>MLM acc</th>
              <th>SimCSE align / unif</th>
              <th>topics ARI / NMI (bow)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => {
              const tok = stage(m, 'tokenizer');
              const simcse = stage(m, 'simcse');
              return (
                <tr
                  key={m.id}
                  data-testid="model-row"
                  data-model-id={m.id}
                  data-active={m.active ? 'true' : 'false'}
                  className={m.active ? 'active' : undefined}
                >
                  <td>
                    <span className="mono">{m.id}</span>
                    {m.active ? (
                      <span className="badge state-connected" data-testid="model-active">
                        active
                      </span>
                    ) : null}
                    <div className="small muted">{formatInstant(m.created)}</div>
                  </td>
                  <td>
                    {m.source}
                    {m.preset ? <div className="small muted">{m.preset}</div> : null}
                  </td>
                  <td>{formatBytes(m.bytes)}</td>
                  <td>
                    {tok?.vocabSize !== undefined
                      ? `${tok.vocabSize} (${formatMetric(tok.tokensPerMessage, 1)}/msg)`
                      : '—'}
                  </td>
                  <td>{formatMetric(stage(m, 'pretrain')?.heldOutAccuracy)}</td>
                  <td>{formatMetric(stage(m, 'mlm')?.heldOutAccuracy)}</td>
                  <td>{simcse ? `${formatMetric(simcse.alignment)} / ${formatMetric(simcse.uniformity)}` : '—'}</td>
                  <td>
                    {m.topicEval
                      ? `${formatMetric(m.topicEval.model.ari)} / ${formatMetric(m.topicEval.model.nmi)} (${formatMetric(m.topicEval.bow.ari)} / ${formatMetric(m.topicEval.bow.nmi)})`
                      : '—'}
                  </td>
                  <td>
                    {!m.active ? (
                      <button
                        type="button"
                        className="small-button"
                        data-testid="model-promote"
                        disabled={busy !== null}
                        onClick={() => void act(`Promote ${m.id}`, m.id)}
                      >
                        {busy === `Promote ${m.id}` ? 'Switching…' : 'Promote'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} data-testid="models-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
