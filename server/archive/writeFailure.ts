/**
 * Whether an archive write failed because of the messages themselves (a value the database refuses, a stream that no
 * longer exists), not because the database is away: trying the same messages again would fail forever.
 *
 * Read from the error and its causes: PostgreSQL's SQLSTATE classes 22 (data exception) and 23 (integrity constraint),
 * SQLite's constraint, mismatch and size errors, and a value the driver cannot bind (a TypeError or RangeError).
 * Anything else (a lost connection, a timeout, a busy or full database, an unknown error) counts as passing.
 */
export function isRefusedData(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TypeError || e instanceof RangeError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (/^2[23][0-9A-Z]{3}$/.test(code)) return true;
    if (/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)) return true;
  }
  return false;
}
