import {
  ApiErrorSchema,
  routeUrl,
  type AnyRoute,
  type ApiError,
  type RouteInput,
  type RouteResponse,
} from '../../contracts/http';

/** An API call that did not answer its route's response: the status (0: no answer) and the server's error body. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The `{ error }` body the server sent, or null (no answer, or not JSON). */
    readonly body: ApiError | null,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** How a call is made; everything optional. */
export interface CallOptions {
  /** Extra request headers (the operator or admin CSRF token). */
  headers?: Record<string, string>;
  /** Prefix of the route's path: empty in the browser (same origin), the server's URL elsewhere. */
  baseUrl?: string;
  /** The fetch to use (tests); default the global one. */
  fetch?: typeof fetch;
}

function requestBody(route: AnyRoute, input: Record<string, unknown>): { body?: BodyInit; contentType?: string } {
  if (route.body === null) return {};
  if (route.body === 'raw') return { body: input.body as BodyInit, contentType: 'application/octet-stream' };
  return { body: JSON.stringify(input.body ?? {}), contentType: 'application/json' };
}

/**
 * Calls one route of our API (`contracts/http`) and returns its answer, checked against the route's response schema:
 * the one place the dashboard turns a response into a typed value. Same-origin cookies go along (the admin session).
 *
 * @param input the route's path parameters, query and body (only those it has)
 * @throws ApiCallError with status 0 "the server is unreachable", the server's `{ error }` message for a non-2xx
 *   answer (`HTTP <status>` when it sent none), or "unexpected answer" when the body does not match the contract
 * @example const config = await callApi(configRoute, {});
 */
export async function callApi<R extends AnyRoute>(
  route: R,
  input: RouteInput<R>,
  options: CallOptions = {},
): Promise<RouteResponse<R>> {
  const parts = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
  const { body, contentType } = requestBody(route, parts);
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${routeUrl(route, parts.params, parts.query)}`, {
      method: route.method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...options.headers },
      body,
    });
  } catch {
    throw new ApiCallError(0, 'the server is unreachable', null);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const error = ApiErrorSchema.safeParse(json);
    throw new ApiCallError(
      res.status,
      error.success ? error.data.error : `HTTP ${res.status}`,
      error.success ? error.data : null,
    );
  }
  const parsed = route.response.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new ApiCallError(
      res.status,
      `unexpected answer from ${route.method} ${route.path} (${where}: ${parsed.error.issues[0]?.message ?? 'invalid'})`,
      null,
    );
  }
  return parsed.data as RouteResponse<R>;
}
