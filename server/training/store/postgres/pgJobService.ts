import type { PgService } from '../../../postgres/PgService';
import { PgJobTable, type LineKind, type SaveOptions } from './PgJobTable';

/**
 * PgJobStore's service in the database thread: its connections to PostgreSQL; the jobs are read and written one call at a time, and the other
 * processes' writes are posted as `changed` messages.
 */
export const service: PgService = ({ data, post }) => {
  let table: PgJobTable | null = null;

  function opened(): PgJobTable {
    if (!table) throw new Error('the training jobs are not open');
    return table;
  }

  return {
    open: async () => {
      table = await PgJobTable.open(data.url, data.token, (change) => post({ type: 'changed', change }));
    },
    loadJobs: async () => opened().loadJobs(),
    loadJob: async (id: string) => opened().loadJob(id),
    saveJob: async (id: string, state: string, doc: string, options: SaveOptions) =>
      opened().saveJob(id, state, doc, options),
    claim: async (id: string, doc: string, node: string, exclusive: boolean) =>
      opened().claim(id, doc, node, exclusive),
    heartbeat: async (id: string, node: string) => opened().heartbeat(id, node),
    requestCancel: async (id: string) => opened().requestCancel(id),
    reapStale: async (staleMs: number) => opened().reapStale(staleMs),
    saveRun: async (id: string, run: string) => opened().saveRun(id, run),
    readRun: async (id: string) => opened().readRun(id),
    appendLines: async (id: string, kind: LineKind, lines: string[]) => opened().appendLines(id, kind, lines),
    readLines: async (id: string, kind: LineKind) => opened().readLines(id, kind),
    close: async () => {
      await table?.close();
      table = null;
    },
  };
};
