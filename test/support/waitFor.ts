/** Polls `predicate` until it returns something truthy; rejects after `timeoutMs` naming what was awaited. */
export async function waitFor<T>(
  predicate: () => T | false | null | undefined | 0,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `waitFor` for a predicate that asks something asynchronously (a server, over a socket). */
export async function waitForAsync<T>(
  predicate: () => Promise<T | false | null | undefined | 0>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
