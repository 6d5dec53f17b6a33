'use client';

import { useState, type FormEvent } from 'react';

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
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (password === '') return;
    await onSignIn(password);
    setPassword('');
  };
  return (
    <section className="panel admin-signin">
      <h2>Sign in</h2>
      <form className="inline-form" data-testid="admin-signin" onSubmit={(e) => void submit(e)}>
        <input
          type="password"
          name="password"
          data-testid="admin-password"
          placeholder="admin password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" className="primary" data-testid="admin-signin-submit" disabled={busy || password === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
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
  return (
    <section className="panel" data-testid="admin-locked">
      <h2>Admin is locked</h2>
      <p>{hint ?? 'No admin password is configured on this server.'}</p>
    </section>
  );
}
