'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminSession } from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { useI18n } from '../i18n/I18nProvider';
import { sayError } from '../serverMessage';
import { adminCall } from './adminApi';

export interface AdminSessionState {
  /** Null while the first answer is awaited. */
  session: AdminSession | null;
  error: string | null;
  busy: boolean;
  signIn(password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again (after a 401: the session expired). */
  refresh(): Promise<void>;
}

/** The admin session: whether admin is enabled, signed in, and the CSRF token of POSTs. */
export function useAdminSession(): AdminSessionState {
  // Read through a ref: a language switch must not re-create `refresh` (its users re-subscribe on a new one).
  const i18n = useI18n();
  const i18nRef = useRef(i18n);
  useEffect(() => {
    i18nRef.current = i18n;
  }, [i18n]);
  const [session, setSession] = useState<AdminSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setSession(await adminCall(adminApi.session, null, {}));
      setError(null);
    } catch (err) {
      setError(i18nRef.current.t('admin.unreachable', { error: sayError(i18nRef.current.t, err) }));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (password: string) => {
    setBusy(true);
    setError(null);
    try {
      setSession(await adminCall(adminApi.login, null, { body: { password } }));
    } catch (err) {
      setError(sayError(i18nRef.current.t, err));
    } finally {
      setBusy(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await adminCall(adminApi.logout, session?.csrfToken ?? null, { body: {} });
    } catch {
      // Signed out either way: the page asks for the session again below.
    }
    await refresh();
  }, [refresh, session?.csrfToken]);

  return { session, error, busy, signIn, signOut, refresh };
}
