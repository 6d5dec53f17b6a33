import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../errors';
import { isRefusedData } from './writeFailure';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isRefusedData', () => {
  it('tells data the database refuses (trying again fails forever) from a database that is away', () => {
    // PostgreSQL: a foreign key, a bad value; through PgArchive's error, as the writer sees it.
    expect(isRefusedData(new ArchiveError('db: insertMessages: ...', { cause: withCode('23503') }))).toBe(true);
    expect(isRefusedData(withCode('22P02'))).toBe(true);
    // SQLite: a constraint; a value the driver cannot bind.
    expect(isRefusedData(withCode('SQLITE_CONSTRAINT_FOREIGNKEY'))).toBe(true);
    expect(isRefusedData(new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null'))).toBe(
      true,
    );
    // Away or busy: kept for another try.
    expect(isRefusedData(new ArchiveError('db: insertMessages: ...', { cause: withCode('ECONNREFUSED') }))).toBe(false);
    expect(isRefusedData(withCode('57P01'))).toBe(false); // an administrator shut PostgreSQL down
    expect(isRefusedData(withCode('08006'))).toBe(false); // connection failure
    expect(isRefusedData(withCode('SQLITE_BUSY'))).toBe(false);
    expect(isRefusedData(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});
