'use client';

import { useState, type FormEvent } from 'react';
import type { FillMaskCandidate, ModelVersionInfo } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall, errorText } from '../../lib/admin/adminApi';

/** Types a sentence with one `<mask>` and lists the model's top tokens with their probabilities (text only). */
export function FillMaskPlayground({ models, csrfToken }: { models: ModelVersionInfo[]; csrfToken: string }) {
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
    try {
      setResult(await adminCall(adminApi.fillMask, csrfToken, { body: { text, model: model || undefined, top: 10 } }));
    } catch (err) {
      setResult(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>Fill-mask playground</h2>
      <form className="admin-form" data-testid="fill-mask-form" onSubmit={(e) => void submit(e)}>
        <label>
          Text with one &lt;mask&gt;
          <input
            data-testid="fill-mask-text"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <label>
          Model
          <select data-testid="fill-mask-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            <option value="">the active model</option>
            {withHead.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="fill-mask-submit" disabled={busy || text.trim() === ''}>
          {busy ? 'Predicting…' : 'Predict'}
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
              <span className="mono small">{(c.score * 100).toFixed(1)}%</span>
              <span className="muted small">{c.sequence}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
