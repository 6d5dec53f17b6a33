'use client';

import { useState, type FormEvent } from 'react';
import { adminApi } from '../../../contracts/http';
import { adminCall } from '../../lib/admin/adminApi';
import { sayError } from '../../lib/serverMessage';
import { useI18n } from '../../lib/i18n/I18nProvider';

/** Imports a HuggingFace ConvBERT repo into the registry (the server downloads it: the only network use). */
export function HubImportForm({ csrfToken }: { csrfToken: string }) {
  const { t } = useI18n();
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
      setMessage({ ok: true, text: t('hub.imported', { id: model.id }) });
    } catch (err) {
      setMessage({ ok: false, text: t('hub.failed', { error: sayError(t, err) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t('hub.title')}</h2>
      <form className="admin-form" data-testid="hub-import-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('hub.repo')}
          <input
            data-testid="hub-repo"
            placeholder="owner/name"
            value={repo}
            onChange={(e) => setRepo(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <label>
          {t('hub.revision')} <span className="muted small">{t('hub.revisionHint')}</span>
          <input
            data-testid="hub-revision"
            value={revision}
            onChange={(e) => setRevision(e.currentTarget.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" data-testid="hub-submit" disabled={busy || !repo.includes('/')}>
          {busy ? t('hub.downloading') : t('hub.submit')}
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
