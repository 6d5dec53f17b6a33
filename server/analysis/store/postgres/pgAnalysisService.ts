import type { PgService } from '../../../postgres/PgService';
import { PgAnalysisTable, type AnalysisRowInput } from './PgAnalysisTable';

/**
 * PgAnalysisStore's service in the database thread: its connection to PostgreSQL, and the store's operations run on it one call at a time.
 */
export const service: PgService = ({ data }) => {
  let table: PgAnalysisTable | null = null;

  function opened(): PgAnalysisTable {
    if (!table) throw new Error('the analysis store is not open');
    return table;
  }

  return {
    open: async () => {
      table = await PgAnalysisTable.open(data.url);
    },
    save: async (row: AnalysisRowInput) => opened().save(row),
    list: async (streamId: string) => opened().list(streamId),
    entry: async (streamId: string, key: string) => opened().entry(streamId, key),
    document: async (streamId: string, key: string) => opened().document(streamId, key),
    vectors: async (streamId: string, key: string) => opened().vectors(streamId, key),
    revision: async (streamId: string, key: string) => opened().revision(streamId, key),
    close: async () => {
      await table?.close();
      table = null;
    },
  };
};
