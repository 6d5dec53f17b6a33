import { z } from 'zod';

/**
 * One HTTP route of our JSON API, defined once and used by the server handler (which reads its query and body with
 * these schemas and answers its response type) and by the dashboard (`app/lib/api.ts`, which builds the URL and
 * validates the answer). The socket.io contract (`contracts/socket-events.ts`) is the same idea for events.
 */

/**
 * What every non-2xx answer of our API carries: the English `error`, and for a refusal a person may read its stable
 * `code` and `params` (`contracts/errorCodes.ts`), which the dashboard says in the page's language.
 */
export const ApiErrorSchema = z.object({
  error: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type HttpMethod = 'GET' | 'POST';

/** `raw`: the body is the bytes of a file (`application/octet-stream`), not JSON. */
export type BodySpec = z.ZodType | 'raw' | null;

export interface HttpRoute<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  Q extends z.ZodType | null = z.ZodType | null,
  B extends BodySpec = BodySpec,
  R extends z.ZodType = z.ZodType,
> {
  method: M;
  /** Absolute path; `:name` segments are path parameters (URL-encoded by {@link routeUrl}). */
  path: P;
  /** Query string parameters (all strings on the wire), or null when the route takes none. */
  query: Q;
  body: B;
  /** The 2xx answer's JSON. */
  response: R;
  /** Every other answer's JSON ({@link ApiErrorSchema}); the route's TSDoc lists its statuses. */
  error: typeof ApiErrorSchema;
}

/** Any route, for generic helpers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = HttpRoute<HttpMethod, string, any, any, any>;

/** Names of the `:name` segments of a path, as an object type. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** The JSON a route answers on success. */
export type RouteResponse<R extends AnyRoute> = z.output<R['response']>;

/** What a caller passes: path parameters, query and body, each only where the route has them. */
export type RouteInput<R extends AnyRoute> = (keyof PathParams<R['path']> extends never
  ? unknown
  : { params: PathParams<R['path']> }) &
  (R['query'] extends z.ZodType ? { query: z.input<R['query']> } : unknown) &
  (R['body'] extends z.ZodType
    ? { body: z.input<R['body']> }
    : R['body'] extends 'raw'
      ? { body: Blob | ArrayBuffer | Uint8Array | string }
      : unknown);

/**
 * Declares a route (the error body is always {@link ApiErrorSchema}).
 * @example const configRoute = defineRoute({ method: 'GET', path: '/api/config', query: null, body: null, response: PublicConfigSchema });
 */
export function defineRoute<
  M extends HttpMethod,
  P extends string,
  Q extends z.ZodType | null,
  B extends BodySpec,
  R extends z.ZodType,
>(route: Omit<HttpRoute<M, P, Q, B, R>, 'error'>): HttpRoute<M, P, Q, B, R> {
  return { ...route, error: ApiErrorSchema };
}

/**
 * The URL of a call: path parameters filled in (URL-encoded), query parameters without the unset ones.
 * @param params values of the path's `:name` segments
 * @example routeUrl(adminApi.cancelJob, { id: 'job 1' }) // '/api/admin/jobs/job%201/cancel'
 */
export function routeUrl(
  route: AnyRoute,
  params: Record<string, string> = {},
  query: Record<string, unknown> = {},
): string {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/** True when A and B are assignable both ways and name the same keys (an optional key left out counts). */
type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/**
 * Ties a zod schema to a TypeScript type declared elsewhere: compiles only when the schema's output and `T` are
 * assignable both ways with the same keys, so the two cannot drift apart.
 * @example export const AdminSessionSchema = schemaOf<AdminSession>()(z.object({ ... }));
 */
export function schemaOf<T>() {
  return <S extends z.ZodType>(
    schema: S & (SameShape<z.output<S>, T> extends true ? unknown : { typeMismatch: T }),
  ): z.ZodType<T> => schema as unknown as z.ZodType<T>;
}
