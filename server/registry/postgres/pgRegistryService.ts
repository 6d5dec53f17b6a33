import type { PgService } from '../../postgres/PgService';
import { PgRegistryTable } from './PgRegistryTable';

/**
 * PgRegistryState's service in the database thread: its connections to PostgreSQL; the state is read and written one call at a time.
 */
export const service: PgService = ({ data, post }) => {
  let table: PgRegistryTable | null = null;

  function opened(): PgRegistryTable {
    if (!table) throw new Error('the registry state is not open');
    return table;
  }

  return {
    open: async () => {
      table = await PgRegistryTable.open(data.url, data.token, () => post({ type: 'changed' }));
    },
    read: async () => opened().read(),
    writeIf: async (state: string, expected: string | null) => opened().writeIf(state, expected),
    close: async () => {
      await table?.close();
      table = null;
    },
  };
};
