type Falsy = false | null | undefined | 0;

/**
 * Polls `predicate` until it returns (or resolves to) something truthy; rejects after `timeoutMs` naming what was
 * awaited. A predicate that asks a server (it returns a promise) is polled every 50 ms, not 10: each try is a request
 * that counts against the connection's event rate.
 */
export async function waitFor<T>(predicate: () => Promise<T | Falsy>, what: string, timeoutMs?: number): Promise<T>;
export async function waitFor<T>(predicate: () => T | Falsy, what: string, timeoutMs?: number): Promise<T>;
export async function waitFor<T>(
  predicate: () => T | Falsy | Promise<T | Falsy>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const result = predicate();
    const asked = result instanceof Promise;
    const value = asked ? await result : result;
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, asked ? 50 : 10));
  }
}
