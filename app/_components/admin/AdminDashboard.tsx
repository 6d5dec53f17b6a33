'use client';

import { useCallback } from 'react';
import { useAdminLive } from '../../lib/admin/useAdminLive';
import { useAdminSession } from '../../lib/admin/useAdminSession';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { FillMaskPlayground } from './FillMaskPlayground';
import { HubImportForm } from './HubImportForm';
import { JobsPanel } from './JobsPanel';
import { ModelsTable } from './ModelsTable';
import { AdminLocked, SignInForm } from './SignInForm';
import { TrainingForm } from './TrainingForm';

/** The admin section: locked notice, sign-in, or the training and model tools once signed in. */
export function AdminDashboard() {
  const { t } = useI18n();
  const { session, error, busy, signIn, signOut, refresh } = useAdminSession();
  const csrfToken = session?.signedIn ? session.csrfToken : null;
  const onUnauthorized = useCallback(() => void refresh(), [refresh]);
  const live = useAdminLive(csrfToken, onUnauthorized);

  if (session === null) {
    return <p className="muted">{error ?? t('admin.loadingSession')}</p>;
  }
  if (!session.enabled) return <AdminLocked hint={session.hint} />;
  if (csrfToken === null) return <SignInForm busy={busy} error={error} onSignIn={signIn} />;

  return (
    <div className="admin" data-testid="admin-dashboard">
      <div className="admin-head">
        <h1>{t('admin.title')}</h1>
        <span
          className={`conn ${live.connected ? 'conn-connected' : 'conn-disconnected'}`}
          data-testid="admin-live"
          data-state={live.connected ? 'connected' : 'disconnected'}
        >
          <span className="conn-dot" /> {live.connected ? t('admin.live') : t('admin.offline')}
        </span>
        <button type="button" className="small-button" data-testid="admin-signout" onClick={() => void signOut()}>
          {t('admin.signOut')}
        </button>
      </div>
      {live.error ? <p className="error">{live.error}</p> : null}
      <div className="admin-grid">
        <TrainingForm presets={live.presets} csrfToken={csrfToken} onStarted={live.upsertJob} />
        <JobsPanel
          jobs={live.jobs}
          loss={live.loss}
          logs={live.logs}
          csrfToken={csrfToken}
          loadJob={live.loadJob}
          upsertJob={live.upsertJob}
        />
      </div>
      <ModelsTable models={live.models} csrfToken={csrfToken} onModels={live.setModels} />
      <div className="admin-grid">
        <FillMaskPlayground models={live.models} csrfToken={csrfToken} />
        <HubImportForm csrfToken={csrfToken} />
      </div>
    </div>
  );
}
