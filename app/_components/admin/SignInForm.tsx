'use client';

import { useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/I18nProvider';

/** The admin password form. The password goes to `POST /api/admin/login` only; the field is cleared after. */
export function SignInForm({
  busy,
  error,
  onSignIn,
}: {
  busy: boolean;
  error: string | null;
  onSignIn: (password: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (password === '') return;
    await onSignIn(password);
    setPassword('');
  };
  return (
    <section className="panel admin-signin">
      <h2>{t('admin.signInTitle')}</h2>
      <form className="inline-form" data-testid="admin-signin" onSubmit={(e) => void submit(e)}>
        <input
          type="password"
          name="password"
          data-testid="admin-password"
          placeholder={t('admin.password')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" className="primary" data-testid="admin-signin-submit" disabled={busy || password === ''}>
          {busy ? t('admin.signingIn') : t('admin.signIn')}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert" data-testid="admin-signin-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** Shown when no admin password is configured: how to enable the admin section. */
export function AdminLocked({ hint }: { hint: string | null }) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="admin-locked">
      <h2>{t('admin.locked')}</h2>
      <p>{hint ?? t('admin.noPassword')}</p>
    </section>
  );
}
