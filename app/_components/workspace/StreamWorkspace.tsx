'use client';

import { useCallback, useEffect, useState } from 'react';
import type { TopicAnalysis } from '../../../contracts/analysis';
import { streamApi, type StreamAnalyses } from '../../../contracts/http/streamRoutes';
import { callApi } from '../../lib/api';
import { sayError } from '../../lib/serverMessage';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { fetchPublicConfig } from '../../lib/publicConfig';
import { useDashboard } from '../../lib/useDashboard';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useOperatorRole } from '../../lib/useOperatorRole';
import { activeJob, newestAnalysis } from '../../lib/workspace/analysisJobs';
import type { WorkspaceSelection } from '../../lib/workspace/WorkspaceView';
import { streamName } from '../ReplayHeading';
import { AnalysePanel } from './AnalysePanel';
import { MapCanvas } from './MapCanvas';
import { TopicTimeline } from './TopicTimeline';
import { WorkspaceTools } from './WorkspaceTools';
import { WorkspaceTopicList } from './WorkspaceTopicList';

type Loaded = { key: string; analysis: TopicAnalysis } | null;

const NO_SELECTION: WorkspaceSelection = { topic: null, range: null };

/**
 * The stream page: the analyse panel, then the map, the timeline and the topic list of the shown analysis, then the
 * tool views. Owns the selection (topic + brushed range) every view reads and changes.
 */
export function StreamWorkspace({ streamId }: { streamId: string }) {
  const { t, number, percent } = useI18n();
  const { streams } = useDashboard();
  const operator = useOperatorRole();
  const [list, setList] = useState<StreamAnalyses | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<WorkspaceSelection>(NO_SELECTION);
  const [serverModel, setServerModel] = useState<string | null>(null);

  const stream = streams?.find((s) => s.id === streamId) ?? null;
  const { dateTime } = useI18n();
  const name = stream ? streamName(stream, dateTime) : null;
  useDocumentTitle(t('ws.docTitle', { name: name ?? streamId }));

  const refreshList = useCallback(async () => {
    try {
      const next = await callApi(streamApi.analyses, { params: { id: streamId } });
      setList(next);
      setListError(null);
      return next;
    } catch (err) {
      setListError(t('ws.loadError', { error: sayError(t, err) }));
      return null;
    }
  }, [streamId, t]);

  useEffect(() => {
    void refreshList().then((next) => {
      if (next) setCurrentKey((key) => key ?? newestAnalysis(next.analyses)?.key ?? null);
    });
    fetchPublicConfig()
      .then((c) => setServerModel(c.embedder.id))
      .catch(() => setServerModel(null));
  }, [refreshList]);

  useEffect(() => {
    if (currentKey === null) return;
    let live = true;
    setLoadError(null);
    callApi(streamApi.analysis, { params: { id: streamId, key: currentKey } })
      .then((analysis) => {
        if (!live) return;
        setLoaded({ key: currentKey, analysis });
        setSelection(NO_SELECTION);
      })
      .catch((err: unknown) => {
        if (live) setLoadError(t('ws.loadError', { error: sayError(t, err) }));
      });
    return () => {
      live = false;
    };
  }, [streamId, currentKey, t]);

  const onStored = useCallback(
    (key: string) => {
      void refreshList();
      setCurrentKey(key);
    },
    [refreshList],
  );
  const onSelect = useCallback((change: Partial<WorkspaceSelection>) => setSelection((s) => ({ ...s, ...change })), []);

  const analysis = loaded?.analysis ?? null;
  const loading = currentKey !== null && loaded?.key !== currentKey && loadError === null;
  const view = analysis && loaded ? { streamId, analysisKey: loaded.key, analysis, selection, onSelect } : null;
  return (
    <div className="workspace" data-testid="workspace" data-stream-id={streamId} data-analysis-key={loaded?.key ?? ''}>
      {/* The first screen: head, map, timeline and topic list (fits 1366x768); the tools follow below. */}
      <div className={view ? 'ws-screen' : undefined}>
        <div className="ws-head">
          <div className="ws-title">
            <h1 data-testid="ws-heading">{t('ws.heading')}</h1>
            <span className="ws-stream-name" data-testid="ws-stream-name">
              {name ?? streamId}
            </span>
            {analysis ? (
              <span className="muted small" data-testid="ws-summary">
                {t('ws.summary', {
                  messages: number(analysis.counts.clustered),
                  topics: number(analysis.topics.length),
                  noise: percent(analysis.noiseRate),
                  model: analysis.model.id,
                })}
              </span>
            ) : null}
          </div>
          <AnalysePanel
            streamId={streamId}
            operator={operator}
            serverModel={serverModel}
            analyses={list?.analyses ?? []}
            initialJob={list ? activeJob(list.jobs) : null}
            currentKey={currentKey}
            onShow={setCurrentKey}
            onStored={onStored}
          />
        </div>
        {listError ? <p className="error">{listError}</p> : null}
        {loadError ? (
          <p className="error" role="alert" data-testid="ws-load-error">
            {loadError}
          </p>
        ) : null}
        {loading ? (
          <p className="muted" data-testid="ws-loading">
            {t('ws.loading')}
          </p>
        ) : null}
        {list && list.analyses.length === 0 && !analysis ? (
          <p className="muted panel" data-testid="ws-none">
            {operator === false ? t('ws.noneViewer') : t('ws.none')}
          </p>
        ) : null}
        {view ? (
          <div className="ws-grid" data-testid="ws-grid">
            <MapCanvas {...view} />
            <TopicTimeline {...view} />
            <WorkspaceTopicList {...view} />
          </div>
        ) : null}
      </div>
      {view ? <WorkspaceTools {...view} /> : null}
    </div>
  );
}
