'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { ChannelInfo } from '../../contracts/socket-events';
import { useI18n } from '../lib/i18n/I18nProvider';
import { interpolateNodes } from '../lib/i18n/interpolateNodes';
import { sayServerMessage } from '../lib/serverMessage';
import { request } from '../lib/socket';
import { channelHref } from './ChannelList';

/** Starts listening to a live Twitch channel (`channel:join`); shows the server's error as it is. */
export function JoinForm() {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<ChannelInfo | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const channel = login.trim().replace(/^#/, '').toLowerCase();
    if (!channel) {
      setError(t('join.enterLogin'));
      return;
    }
    setBusy(true);
    setError(null);
    setJoined(null);
    const res = await request('channel:join', { channel });
    setBusy(false);
    if (res.ok) {
      setJoined(res.value);
      setLogin('');
    } else setError(sayServerMessage(t, res));
  };

  return (
    <section className="panel">
      <h2>{t('join.title')}</h2>
      <form className="inline-form" data-testid="join-form" onSubmit={(e) => void submit(e)}>
        <input
          name="channel"
          data-testid="join-channel"
          placeholder={t('join.placeholder')}
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('join.busy') : t('join.submit')}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert" data-testid="join-error">
          {error}
        </p>
      ) : null}
      {joined ? (
        <p className="ok" data-testid="join-result">
          {interpolateNodes(t('join.joined', { state: t(`state.${joined.state}`) }), {
            channel: <Link href={channelHref(joined)}>{joined.key}</Link>,
          })}
        </p>
      ) : null}
    </section>
  );
}
