import { threadId } from 'node:worker_threads';
import type { PgService } from '../../server/postgres/PgService';

/** A store's service for the tests of the shared database thread: it connects to nothing and says where it runs. */
export const service: PgService<{ name: string; failOpen?: boolean }> = ({ data, post }) => ({
  open: async () => {
    if (data.failOpen) throw new Error(`${data.name} refused to open`);
  },
  whoami: async () => ({ name: data.name, url: data.url, threadId }),
  post: async (text: string) => post({ type: 'said', text }),
  close: async () => undefined,
});
