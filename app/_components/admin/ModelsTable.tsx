'use client';

import { useState } from 'react';
import type { ModelVersionInfo, StageMetrics } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall } from '../../lib/admin/adminApi';
import { sayError } from '../../lib/serverMessage';
import { formatMetric } from '../../lib/admin/formatTraining';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { interpolateNodes } from '../../lib/i18n/interpolateNodes';

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
  const { t, number, bytes, dateTime } = useI18n();
  const metric = (value: number | null | undefined, digits = 3) => formatMetric(value, digits, number);
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
        text: t('models.serving', { action: label, model: list.find((m) => m.active)?.id ?? t('models.configured') }),
      });
    } catch (err) {
      setMessage({ ok: false, text: t('models.failed', { action: label, error: sayError(t, err) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel">
      <div className="chart-head">
        <h2>{t('models.title')}</h2>
        <button
          type="button"
          className="small-button"
          data-testid="model-rollback"
          disabled={busy !== null}
          onClick={() => void act(t('models.rollbackAction'), null)}
        >
          {t('models.rollback')}
        </button>
      </div>
      {models.length === 0 ? <p className="muted">{t('models.empty')}</p> : null}
      {models.length > 0 ? <InUse model={models.find((m) => m.active) ?? null} /> : null}
      <div className="table-wrap">
        <table className="models-table" data-testid="models-table">
          <thead>
            <tr>
              <th>{t('models.colVersion')}</th>
              <th>{t('models.colSource')}</th>
              <th>{t('models.colSize')}</th>
              <th>{t('models.colTokenizer')}</th>
              <th>{t('models.colPretrain')}</th>
              <th>{t('models.colMlm')}</th>
              <th>{t('models.colSimcse')}</th>
              <th>{t('models.colTopics')}</th>
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
                        {t('models.active')}
                      </span>
                    ) : null}
                    <div className="small muted">{dateTime(m.created)}</div>
                  </td>
                  <td>
                    {m.source}
                    {m.preset ? <div className="small muted">{m.preset}</div> : null}
                  </td>
                  <td>{bytes(m.bytes)}</td>
                  <td>
                    {tok?.vocabSize !== undefined
                      ? t('models.perMessage', { vocab: tok.vocabSize, perMessage: metric(tok.tokensPerMessage, 1) })
                      : '—'}
                  </td>
                  <td>{metric(stage(m, 'pretrain')?.heldOutAccuracy)}</td>
                  <td>{metric(stage(m, 'mlm')?.heldOutAccuracy)}</td>
                  <td>{simcse ? `${metric(simcse.alignment)} / ${metric(simcse.uniformity)}` : '—'}</td>
                  <td>
                    {m.topicEval
                      ? `${metric(m.topicEval.model.ari)} / ${metric(m.topicEval.model.nmi)} (${metric(m.topicEval.bow.ari)} / ${metric(m.topicEval.bow.nmi)})`
                      : '—'}
                  </td>
                  <td>
                    {!m.active ? (
                      <button
                        type="button"
                        className="small-button"
                        data-testid="model-promote"
                        disabled={busy !== null}
                        onClick={() => void act(t('models.promoteAction', { id: m.id }), m.id)}
                      >
                        {busy === t('models.promoteAction', { id: m.id }) ? t('models.switching') : t('models.promote')}
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

/** Which version the server embeds with: the shipped model on a default install, else the promoted one. */
function InUse({ model }: { model: ModelVersionInfo | null }) {
  const { t } = useI18n();
  return (
    <p className="small" data-testid="models-in-use" data-model-id={model?.id ?? ''}>
      {model
        ? interpolateNodes(t('models.inUse'), { model: <span className="mono">{model.id}</span> })
        : t('models.inUseConfigured')}
    </p>
  );
}
