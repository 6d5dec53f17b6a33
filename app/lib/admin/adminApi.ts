'use client';

/** An admin API answer other than 2xx: the server's `{ error }` message and the status. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/**
 * Calls `/api/admin/<route>` (same origin: the HttpOnly session cookie goes along) and returns its JSON. POSTs
 * carry the session's CSRF token.
 *
 * @throws AdminApiError with the server's message, or "the server is unreachable"
 */
export async function adminRequest<T>(method: 'GET' | 'POST', route: string, csrfToken: string | null, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/admin/${route}`, {
      method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' && csrfToken !== null ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new AdminApiError(0, 'the server is unreachable');
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const message = json !== null && typeof json === 'object' && 'error' in json ? String((json as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new AdminApiError(res.status, message);
  }
  return json as T;
}

/** A thrown value as one line for the page. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
