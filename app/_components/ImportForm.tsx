'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { importRoute } from '../../contracts/http';
import type { ImportResponse, PublicConfig } from '../../contracts/socket-events';
import { ApiCallError, callApi } from '../lib/api';
import { formatBytes } from '../lib/format';
import { fetchPublicConfig } from '../lib/publicConfig';

type Outcome = { kind: 'ok'; result: ImportResponse; file: string } | { kind: 'error'; message: string };

/** Uploads a chat file to `POST /api/import` (raw body) and shows the import report or the server's error. */
export function ImportForm() {
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
          setConfigError(
            `could not load the server configuration (${err instanceof Error ? err.message : String(err)})`,
          );
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setOutcome({ kind: 'error', message: 'Choose a chat file to import.' });
      return;
    }
    if (file.size === 0) {
      setOutcome({ kind: 'error', message: `${file.name} is empty.` });
      return;
    }
    if (config && file.size > config.importMaxBytes) {
      setOutcome({
        kind: 'error',
        message: `${file.name} is too large: ${formatBytes(file.size)}, the limit is ${formatBytes(config.importMaxBytes)}.`,
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
      setOutcome({ kind: 'error', message: importErrorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const formats = ['auto', ...(config?.importFormats ?? []).filter((f) => f !== 'auto')];
  return (
    <section className="panel">
      <h2>Import a chat file</h2>
      <form className="import-form" data-testid="import-form" onSubmit={(e) => void submit(e)}>
        <label>
          File
          <input type="file" name="file" data-testid="import-file" ref={fileRef} onChange={() => setOutcome(null)} />
        </label>
        <label>
          Format
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
          Channel <span className="muted small">(optional)</span>
          <input
            name="channel"
            data-testid="import-channel"
            placeholder="login, if the file does not say"
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" data-testid="import-submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      <p className="muted small">
        TwitchDownloader TXT/JSON, chat logs and other formats the server knows
        {config ? `; up to ${formatBytes(config.importMaxBytes)}` : ''}.
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
            Imported <strong data-testid="import-imported">{outcome.result.imported}</strong> messages from{' '}
            {outcome.file} ({outcome.result.format}), skipped{' '}
            <strong data-testid="import-skipped">{outcome.result.skipped}</strong>.
          </p>
          <p className="small">
            Stream <span className="mono">{outcome.result.streamId}</span>
          </p>
          {outcome.result.errors.length > 0 ? (
            <p className="small muted">
              {outcome.result.errorCount > outcome.result.errors.length
                ? `${outcome.result.errorCount} bad lines; the first ${outcome.result.errors.length}:`
                : `${outcome.result.errors.length} bad ${outcome.result.errors.length === 1 ? 'line' : 'lines'}:`}
            </p>
          ) : null}
          {outcome.result.errors.length > 0 ? (
            <ul className="import-errors" data-testid="import-line-errors">
              {outcome.result.errors.map((e, i) => (
                <li key={i}>
                  line {e.line}: {e.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The line shown for a refused or failed import: what went wrong by status, then the server's reason. */
function importErrorText(err: unknown): string {
  if (!(err instanceof ApiCallError) || err.status === 0)
    return `Import failed: ${err instanceof Error ? err.message : String(err)}`;
  const reason = err.body?.error ?? `the server answered HTTP ${err.status}`;
  const prefix =
    err.status === 413
      ? 'File too large'
      : err.status === 415
        ? 'Unrecognised format'
        : err.status === 429
          ? 'Server busy'
          : 'Import failed';
  return `${prefix}: ${reason}`;
}

/**
 * What an import cut short says: the file stopped part-way, what was kept, and what to do. The reason and lines
 * come from the server and the file: shown as text only (React escapes it), never as HTML.
 */
function IncompleteNotice({ result }: { result: ImportResponse }) {
  return (
    <p className="error" role="alert" data-testid="import-incomplete">
      <strong>Incomplete import.</strong> The file stopped part-way
      {result.incompleteReason ? (
        <>
          : <span className="mono">{result.incompleteReason}</span>
        </>
      ) : null}
      .{' '}
      {result.lastGoodLine !== null
        ? `The ${result.imported} messages up to line ${result.lastGoodLine} were imported`
        : 'No message was imported'}
      ; the stream is listed as incomplete. Import the whole file again to have all of it.
    </p>
  );
}
