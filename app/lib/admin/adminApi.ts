'use client';

import type { AnyRoute, RouteInput, RouteResponse } from '../../../contracts/http';
import { callApi } from '../api';

/**
 * Calls an admin route (`adminApi` of `contracts/http`); the HttpOnly session cookie goes along (same origin) and
 * POSTs carry the session's CSRF token.
 *
 * @throws ApiCallError with the server's message (and status: 401 when signed out), or "the server is unreachable"
 * @example const models = await adminCall(adminApi.models, csrfToken, {});
 */
export function adminCall<R extends AnyRoute>(
  route: R,
  csrfToken: string | null,
  input: RouteInput<R>,
): Promise<RouteResponse<R>> {
  return callApi(route, input, {
    headers: route.method === 'POST' && csrfToken !== null ? { 'x-csrf-token': csrfToken } : {},
  });
}

/** A thrown value as one line for the page. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
