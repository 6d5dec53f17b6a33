'use client';

import { useState, type FormEvent } from 'react';
import type { FillMaskCandidate, ModelVersionInfo } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall } from '../../lib/admin/adminApi';
import { sayError } from '../../lib/serverMessage';
import { useI18n } from '../../lib/i18n/I18nProvider';

/** Types a sentence with one `<mask>` and lists the model's top tokens with their probabilities (text only). */
export function FillMaskPlayground({ models, csrfToken }: { models: ModelVersionInfo[]; csrfToken: string }) {
  const { t, percent } = useI18n();
  const [text, setText] = useState('<mask> tt le monde !');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FillMaskCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const withHead = models.filter((m) => m.hasMlmHead);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // The last answer was for another text or model: never leave it showing as if it were this one's.
    setResult(null);
    try {
      setResult(await adminCall(adminApi.fillMask, csrfToken, { body: { text, model: model || undefined, top: 10 } }));
    } catch (err) {
      setResult(null);
      setError(sayError(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t('fill.title')}</h2>
      <form className="admin-form" data-testid="fill-mask-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('fill.text')}
          <input
            data-testid="fill-mask-text"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <label>
          {t('fill.model')}
          <select data-testid="fill-mask-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            <option value="">{t('fill.active')}</option>
            {withHead.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="fill-mask-submit" disabled={busy || text.trim() === ''}>
          {busy ? t('fill.predicting') : t('fill.predict')}
        </button>
      </form>
      {error ? (
        <p className="error" data-testid="fill-mask-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <ol className="fill-mask-results" data-testid="fill-mask-results">
          {result.map((c, i) => (
            <li key={i}>
              <span className="mono fill-token">{c.token}</span>
              <span className="fill-bar" style={{ width: `${Math.max(1, Math.round(c.score * 200))}px` }} />
              <span className="mono small">{percent(c.score)}</span>
              <span className="muted small">{c.sequence}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
