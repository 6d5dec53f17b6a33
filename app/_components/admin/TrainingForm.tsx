'use client';

import { useEffect, useState, type FormEvent } from 'react';
import {
  TRAINING_STAGES,
  type TrainingJob,
  type TrainingJobRequest,
  type TrainingPresetInfo,
  type TrainingStage,
} from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall } from '../../lib/admin/adminApi';
import { sayError } from '../../lib/serverMessage';
import { useI18n, type I18n } from '../../lib/i18n/I18nProvider';

/** A `datetime-local` value as an ISO instant with offset (the API's format), or undefined when empty. */
function isoOrUndefined(local: string): string | undefined {
  if (local === '') return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `a.b=1 c=true d=x` (spaces or commas between) as the request's overrides, or an error message. */
function parseOverrides({ t }: Pick<I18n, 't'>, text: string): Record<string, number | string | boolean> | string {
  const out: Record<string, number | string | boolean> = {};
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) return t('train.overrideFormat', { item });
    const key = item.slice(0, eq);
    const raw = item.slice(eq + 1);
    out[key] = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/**
 * Starts a retrain: preset (with its description and expected time), stages, the corpus (archived channels and
 * date range, simulator messages), model name and seed.
 */
export function TrainingForm({
  presets,
  csrfToken,
  onStarted,
}: {
  presets: TrainingPresetInfo[];
  csrfToken: string;
  onStarted: (job: TrainingJob) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [preset, setPreset] = useState('');
  const [stages, setStages] = useState<Set<TrainingStage>>(new Set(TRAINING_STAGES));
  const [useArchive, setUseArchive] = useState(true);
  const [channels, setChannels] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [simulator, setSimulator] = useState('0');
  const [modelName, setModelName] = useState('');
  const [seed, setSeed] = useState('');
  const [overrides, setOverrides] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (preset === '' && presets.length > 0) setPreset(presets[0]!.name);
  }, [preset, presets]);

  const chosen = presets.find((p) => p.name === preset);
  const toggle = (stage: TrainingStage) =>
    setStages((s) => {
      const next = new Set(s);
      if (next.has(stage)) next.delete(stage);
      else next.add(stage);
      return next;
    });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = parseOverrides(i18n, overrides);
    if (typeof parsed === 'string') return setMessage({ ok: false, text: parsed });
    const simulatorMessages = Math.max(0, Math.floor(Number(simulator) || 0));
    const request: TrainingJobRequest = {
      preset,
      stages: TRAINING_STAGES.filter((s) => stages.has(s)),
      corpus: {
        archive: useArchive,
        channels: useArchive
          ? channels
              .split(/[\s,]+/)
              .map((c) => c.trim().toLowerCase())
              .filter(Boolean)
          : undefined,
        from: useArchive ? isoOrUndefined(from) : undefined,
        to: useArchive ? isoOrUndefined(to) : undefined,
        simulatorMessages,
      },
      overrides: Object.keys(parsed).length > 0 ? parsed : undefined,
      modelName: modelName.trim() || undefined,
      seed: seed.trim() === '' ? undefined : Math.floor(Number(seed)),
    };
    if (request.stages!.length === 0) return setMessage({ ok: false, text: t('train.noStage') });
    if (!useArchive && simulatorMessages === 0) return setMessage({ ok: false, text: t('train.emptyCorpus') });
    setBusy(true);
    setMessage(null);
    try {
      const job = await adminCall(adminApi.startJob, csrfToken, { body: request });
      onStarted(job);
      setMessage({ ok: true, text: t('train.started', { id: job.id, state: job.state }) });
    } catch (err) {
      setMessage({ ok: false, text: t('train.startFailed', { error: sayError(t, err) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t('train.title')}</h2>
      <form className="admin-form" data-testid="train-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('train.preset')}
          <select data-testid="train-preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
            {presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {chosen ? (
          <p className="muted small" data-testid="train-preset-info">
            {chosen.description} — {chosen.shape}; {chosen.expectedTime}.
          </p>
        ) : null}
        <fieldset>
          <legend>{t('train.stages')}</legend>
          {TRAINING_STAGES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                data-testid={`train-stage-${s}`}
                checked={stages.has(s)}
                onChange={() => toggle(s)}
              />{' '}
              {s}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('train.corpus')}</legend>
          <label className="check">
            <input
              type="checkbox"
              data-testid="train-archive"
              checked={useArchive}
              onChange={(e) => setUseArchive(e.currentTarget.checked)}
            />{' '}
            {t('train.archive')}
          </label>
          <label>
            {t('train.channels')} <span className="muted small">{t('train.channelsHint')}</span>
            <input
              data-testid="train-channels"
              value={channels}
              disabled={!useArchive}
              onChange={(e) => setChannels(e.currentTarget.value)}
              spellCheck={false}
            />
          </label>
          <div className="row">
            <label>
              {t('train.from')}
              <input
                type="datetime-local"
                data-testid="train-from"
                value={from}
                disabled={!useArchive}
                onChange={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label>
              {t('train.to')}
              <input
                type="datetime-local"
                data-testid="train-to"
                value={to}
                disabled={!useArchive}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
            </label>
          </div>
          <label>
            {t('train.simulator')}
            <input
              type="number"
              min={0}
              step={100}
              data-testid="train-simulator"
              value={simulator}
              onChange={(e) => setSimulator(e.currentTarget.value)}
            />
          </label>
        </fieldset>
        <div className="row">
          <label>
            {t('train.modelName')} <span className="muted small">{t('common.optional')}</span>
            <input
              data-testid="train-model-name"
              value={modelName}
              placeholder={preset ? `chat-topics-${preset}` : ''}
              onChange={(e) => setModelName(e.currentTarget.value)}
              spellCheck={false}
            />
          </label>
          <label>
            {t('train.seed')} <span className="muted small">{t('common.optional')}</span>
            <input
              type="number"
              data-testid="train-seed"
              value={seed}
              onChange={(e) => setSeed(e.currentTarget.value)}
            />
          </label>
        </div>
        <label>
          {t('train.overrides')} <span className="muted small">{t('train.overridesHint')}</span>
          <input
            data-testid="train-overrides"
            value={overrides}
            onChange={(e) => setOverrides(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" data-testid="train-submit" disabled={busy || preset === ''}>
          {busy ? t('train.starting') : t('train.start')}
        </button>
      </form>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? undefined : 'alert'} data-testid="train-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
