import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { AnyRoute, PathParams, RouteResponse } from '../../contracts/http';
import type { AdminSessionRecord } from './AdminAuth';

/** What an admin route's handler receives: the request, its session, its decoded path parameters and valid body. */
export interface AdminRouteContext<R extends AnyRoute> {
  req: IncomingMessage;
  res: ServerResponse;
  session: AdminSessionRecord;
  params: PathParams<R['path']>;
  /** Already read and validated with the route's body schema (undefined for routes without a JSON body). */
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
}

/** A contract route with its handler and the pattern its path matches. */
export interface BoundRoute {
  route: AnyRoute;
  /** Matches the path after the API prefix; one capture group per `:name` segment, in order. */
  pattern: RegExp;
  names: string[];
  run(ctx: AdminRouteContext<AnyRoute>): Promise<unknown>;
}

/**
 * Makes the binder of one API prefix: it ties a handler to a contract route, and the compiler checks that the
 * handler answers the route's response type.
 * @param prefix the part of every route's path the dispatcher strips (e.g. `/api/admin/`)
 * @example const bind = routeBinder(ADMIN_API_PREFIX); bind(adminApi.jobs, async () => training.list());
 */
export function routeBinder(prefix: string) {
  return <R extends AnyRoute>(route: R, run: (ctx: AdminRouteContext<R>) => Promise<RouteResponse<R>>): BoundRoute => {
    if (!route.path.startsWith(prefix)) throw new Error(`${route.path} is not under ${prefix}`);
    const names: string[] = [];
    const source = route.path
      .slice(prefix.length)
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route, pattern: new RegExp(`^${source}$`), names, run: run as BoundRoute['run'] };
  };
}
