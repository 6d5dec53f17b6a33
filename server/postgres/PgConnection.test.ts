import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../test/support/postgresServer';
import { CONNECT_TIMEOUT_MS, PgConnection } from './PgConnection';

let postgres: TestPostgres | null = null;
beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.close());

describe('PgConnection', () => {
  it('gives up on a host that accepts the connection but never answers, after its connect timeout', async () => {
    // A peer that takes the TCP connection and says nothing: what a hung server or a half-open proxy does.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const conn = new PgConnection(`postgres://chat:secret@127.0.0.1:${port}/db`);
    const started = Date.now();
    try {
      await expect(conn.ready()).rejects.toThrow(/timeout/i);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(CONNECT_TIMEOUT_MS + 3000);
    } finally {
      await conn.close();
      silent.close();
    }
  }, 20_000);

  it.skipIf(!HAS_POSTGRES)('opens a new connection when the server ended the old one', async () => {
    const url = await postgres!.createDatabase();
    const conn = new PgConnection(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await conn.ready();
      const first = (await conn.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      // The end is seen asynchronously: the next call finds the connection lost and opens another.
      await new Promise((r) => setTimeout(r, 200));
      await conn.ready();
      const second = (await conn.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      expect(second).not.toBe(first);
    } finally {
      await admin.end();
      await conn.close();
    }
  });
});
