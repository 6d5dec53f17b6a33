'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { importRoute } from '../../contracts/http';
import type { ImportResponse, PublicConfig } from '../../contracts/socket-events';
import { ApiCallError, callApi } from '../lib/api';
import { sayServerMessage } from '../lib/serverMessage';
import { useI18n, type I18n } from '../lib/i18n/I18nProvider';
import { interpolateNodes } from '../lib/i18n/interpolateNodes';
import { fetchPublicConfig } from '../lib/publicConfig';

type Outcome = { kind: 'ok'; result: ImportResponse; file: string } | { kind: 'error'; message: string };

/** Uploads a chat file to `POST /api/import` (raw body) and shows the import report or the server's error. */
export function ImportForm() {
  const i18n = useI18n();
  const { t, bytes } = i18n;
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [format, setFormat] = useState('auto');
  const [channel, setChannel] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let cancelled = false;
    fetchPublicConfig()
      .then((c) => {
        if (!cancelled) setConfig(c);
      })
      .catch((err: unknown) => {
        if (!cancelled)
          setConfigError(t('import.configError', { error: err instanceof Error ? err.message : String(err) }));
      });
    return () => {
      cancelled = true;
    };
  }, [t]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setOutcome({ kind: 'error', message: t('import.chooseFile') });
      return;
    }
    if (file.size === 0) {
      setOutcome({ kind: 'error', message: t('import.emptyFile', { file: file.name }) });
      return;
    }
    if (config && file.size > config.importMaxBytes) {
      setOutcome({
        kind: 'error',
        message: t('import.tooLarge', {
          file: file.name,
          size: bytes(file.size),
          limit: bytes(config.importMaxBytes),
        }),
      });
      return;
    }
    const login = channel.trim().replace(/^#/, '').toLowerCase();
    const query = {
      name: file.name,
      format: format && format !== 'auto' ? format : undefined,
      channel: login || undefined,
    };
    setBusy(true);
    setOutcome(null);
    try {
      // The operator token: the config read at load time, or afresh when that read failed.
      const token = config?.operatorToken ?? (await fetchPublicConfig()).operatorToken;
      // A viewer has none: the server then says this needs an operator.
      const result = await callApi(importRoute, { query, body: file }, { headers: { 'x-csrf-token': token ?? '' } });
      setOutcome({ kind: 'ok', result, file: file.name });
    } catch (err) {
      setOutcome({ kind: 'error', message: importErrorText(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  const formats = ['auto', ...(config?.importFormats ?? []).filter((f) => f !== 'auto')];
  return (
    <section className="panel">
      <h2>{t('import.title')}</h2>
      <form className="import-form" data-testid="import-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('import.file')}
          <input type="file" name="file" data-testid="import-file" ref={fileRef} onChange={() => setOutcome(null)} />
        </label>
        <label>
          {t('import.format')}
          <select
            name="format"
            data-testid="import-format"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value)}
          >
            {formats.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.channel')} <span className="muted small">{t('common.optional')}</span>
          <input
            name="channel"
            data-testid="import-channel"
            placeholder={t('import.channelPlaceholder')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" data-testid="import-submit" disabled={busy}>
          {busy ? t('import.busy') : t('import.submit')}
        </button>
      </form>
      <p className="muted small">
        {config ? t('import.helpLimit', { limit: bytes(config.importMaxBytes) }) : t('import.help')}
      </p>
      {configError ? <p className="error">{configError}</p> : null}
      {outcome?.kind === 'error' ? (
        <p className="error" role="alert" data-testid="import-error">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === 'ok' ? (
        <div
          className="result"
          data-testid="import-result"
          data-stream-id={outcome.result.streamId}
          data-complete={String(outcome.result.complete !== false)}
        >
          {outcome.result.complete === false ? <IncompleteNotice result={outcome.result} /> : null}
          <p>
            {interpolateNodes(t('import.result', { file: outcome.file, format: outcome.result.format }), {
              // The counts stay plain digits: tests and scripts read them as numbers.
              imported: <strong data-testid="import-imported">{outcome.result.imported}</strong>,
              skipped: <strong data-testid="import-skipped">{outcome.result.skipped}</strong>,
            })}
          </p>
          <p className="small">
            {interpolateNodes(t('import.stream'), { id: <span className="mono">{outcome.result.streamId}</span> })}
          </p>
          {outcome.result.errors.length > 0 ? (
            <p className="small muted">
              {outcome.result.errorCount > outcome.result.errors.length
                ? t('import.badLinesFirst', { count: outcome.result.errorCount, shown: outcome.result.errors.length })
                : t('import.badLines', { count: outcome.result.errors.length })}
            </p>
          ) : null}
          {outcome.result.errors.length > 0 ? (
            <ul className="import-errors" data-testid="import-line-errors">
              {outcome.result.errors.map((e, i) => (
                <li key={i}>{t('import.lineError', { line: e.line, reason: e.reason })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The line shown for a refused or failed import: what went wrong by status, then the server's reason. */
function importErrorText({ t }: I18n, err: unknown): string {
  if (!(err instanceof ApiCallError) || err.status === 0)
    return t('import.failed', { reason: err instanceof Error ? err.message : String(err) });
  // The status as digits (`HTTP 413`), not a formatted number.
  const reason = err.body ? sayServerMessage(t, err.body) : t('import.httpStatus', { status: String(err.status) });
  const key =
    err.status === 413
      ? 'import.failedTooLarge'
      : err.status === 415
        ? 'import.failedFormat'
        : err.status === 429
          ? 'import.failedBusy'
          : 'import.failed';
  return t(key, { reason });
}

/**
 * What an import cut short says: the file stopped part-way, what was kept, and what to do. The reason and lines
 * come from the server and the file: shown as text only (React escapes it), never as HTML.
 */
function IncompleteNotice({ result }: { result: ImportResponse }) {
  const { t } = useI18n();
  const kept =
    result.lastGoodLine !== null
      ? t('import.incompleteKept', { count: result.imported, line: String(result.lastGoodLine) })
      : t('import.incompleteNone');
  return (
    <p className="error" role="alert" data-testid="import-incomplete">
      <strong>{t('import.incompleteTitle')}</strong>{' '}
      {interpolateNodes(t('import.incompleteStopped'), {
        reason: result.incompleteReason ? (
          <>
            {t('import.reasonSeparator')}
            <span className="mono">{result.incompleteReason}</span>
          </>
        ) : null,
      })}{' '}
      {t('import.incompleteAdvice', { kept })}
    </p>
  );
}
