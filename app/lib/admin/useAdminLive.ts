'use client';

import { useCallback, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  AdminClientToServerEvents,
  AdminServerToClientEvents,
  LossPoint,
  ModelVersionInfo,
  TrainingJob,
  TrainingLogLine,
  TrainingPresetInfo,
} from '../../../contracts/training';
import { adminApi } from '../../../contracts/http';
import { adminCall, errorText } from './adminApi';

type AdminSocket = Socket<AdminServerToClientEvents, AdminClientToServerEvents>;

/** Logs kept per job in the page (the server keeps them all). */
const MAX_LOG_LINES = 500;

export interface AdminLiveState {
  connected: boolean;
  presets: TrainingPresetInfo[];
  /** Newest first. */
  jobs: TrainingJob[];
  models: ModelVersionInfo[];
  /** Loss points per job id, in arrival order (history from the job detail, then live points). */
  loss: Record<string, LossPoint[]>;
  logs: Record<string, TrainingLogLine[]>;
  error: string | null;
  /** Loads a job's loss history and logs (the live events only carry what happens from now on). */
  loadJob(id: string): Promise<void>;
  reloadModels(): Promise<void>;
  setModels(models: ModelVersionInfo[]): void;
  upsertJob(job: TrainingJob): void;
}

function mergeLoss(existing: LossPoint[], added: LossPoint[]): LossPoint[] {
  const seen = new Set(existing.map((p) => `${p.stage}:${p.step}`));
  const fresh = added.filter((p) => !seen.has(`${p.stage}:${p.step}`));
  return fresh.length === 0 ? existing : [...existing, ...fresh];
}

/**
 * The admin page's live data: presets, jobs and models from the API, then kept current by the `/admin` socket
 * namespace (training jobs, progress, loss points, logs, model list). Connects only while signed in.
 */
export function useAdminLive(csrfToken: string | null, onUnauthorized: () => void): AdminLiveState {
  const [connected, setConnected] = useState(false);
  const [presets, setPresets] = useState<TrainingPresetInfo[]>([]);
  const [jobs, setJobs] = useState<TrainingJob[]>([]);
  const [models, setModels] = useState<ModelVersionInfo[]>([]);
  const [loss, setLoss] = useState<Record<string, LossPoint[]>>({});
  const [logs, setLogs] = useState<Record<string, TrainingLogLine[]>>({});
  const [error, setError] = useState<string | null>(null);

  const upsertJob = useCallback((job: TrainingJob) => {
    setJobs((list) =>
      [job, ...list.filter((j) => j.id !== job.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    );
  }, []);

  const load = useCallback(
    /** `what` names the data in an error (the route's path under /api/admin/). */
    async <T>(what: string, call: (csrf: string | null) => Promise<T>, apply: (value: T) => void) => {
      try {
        apply(await call(csrfToken));
      } catch (err) {
        if ((err as { status?: number }).status === 401) onUnauthorized();
        else setError(`${what}: ${errorText(err)}`);
      }
    },
    [csrfToken, onUnauthorized],
  );

  const reloadModels = useCallback(
    () => load('models', (csrf) => adminCall(adminApi.models, csrf, {}), setModels),
    [load],
  );

  const loadJob = useCallback(
    (id: string) =>
      load(
        `jobs/${encodeURIComponent(id)}`,
        (csrf) => adminCall(adminApi.job, csrf, { params: { id } }),
        (detail) => {
          upsertJob(detail.job);
          setLoss((all) => ({ ...all, [id]: mergeLoss(detail.loss, all[id] ?? []) }));
          setLogs((all) => ({ ...all, [id]: detail.logs.slice(-MAX_LOG_LINES) }));
        },
      ),
    [load, upsertJob],
  );

  useEffect(() => {
    if (csrfToken === null) return;
    void load('presets', (csrf) => adminCall(adminApi.presets, csrf, {}), setPresets);
    void load(
      'jobs',
      (csrf) => adminCall(adminApi.jobs, csrf, {}),
      (list) => list.forEach(upsertJob),
    );
    void reloadModels();

    // Its own connection (forceNew): the page's main socket connected before sign-in, so its handshake, which the
    // namespace's session check reads, carries no session cookie.
    const socket: AdminSocket = io('/admin', { auth: { csrfToken }, forceNew: true, reconnectionDelayMax: 3000 });
    socket.on('connect', () => {
      setConnected(true);
      setError(null);
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (err) => {
      setConnected(false);
      if (/not signed in/.test(err.message)) onUnauthorized();
      else setError(`live updates: ${err.message}`);
    });
    socket.on('training:job', upsertJob);
    socket.on('training:progress', (progress) =>
      setJobs((list) => list.map((j) => (j.id === progress.jobId ? { ...j, progress } : j))),
    );
    socket.on('training:loss', ({ jobId, points }) =>
      setLoss((all) => ({ ...all, [jobId]: mergeLoss(all[jobId] ?? [], points) })),
    );
    socket.on('training:log', ({ jobId, line }) =>
      setLogs((all) => ({ ...all, [jobId]: [...(all[jobId] ?? []), line].slice(-MAX_LOG_LINES) })),
    );
    socket.on('models:update', setModels);
    return () => {
      socket.disconnect();
    };
  }, [csrfToken, load, onUnauthorized, reloadModels, upsertJob]);

  return { connected, presets, jobs, models, loss, logs, error, loadJob, reloadModels, setModels, upsertJob };
}
