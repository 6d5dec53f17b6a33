'use client';

import { useState, type FormEvent } from 'react';
import { adminApi } from '../../../contracts/http';
import { adminCall, errorText } from '../../lib/admin/adminApi';

/** Imports a HuggingFace ConvBERT repo into the registry (the server downloads it: the only network use). */
export function HubImportForm({ csrfToken }: { csrfToken: string }) {
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const model = await adminCall(adminApi.importModel, csrfToken, {
        body: { repo: repo.trim(), revision: revision.trim() || undefined },
      });
      setMessage({ ok: true, text: `Imported ${model.id}.` });
    } catch (err) {
      setMessage({ ok: false, text: `Import failed: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>Import from the HuggingFace hub</h2>
      <form className="admin-form" data-testid="hub-import-form" onSubmit={(e) => void submit(e)}>
        <label>
          Repository
          <input
            data-testid="hub-repo"
            placeholder="owner/name"
            value={repo}
            onChange={(e) => setRepo(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <label>
          Revision <span className="muted small">(default main)</span>
          <input
            data-testid="hub-revision"
            value={revision}
            onChange={(e) => setRevision(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" data-testid="hub-submit" disabled={busy || !repo.includes('/')}>
          {busy ? 'Downloading…' : 'Import'}
        </button>
      </form>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} data-testid="hub-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
