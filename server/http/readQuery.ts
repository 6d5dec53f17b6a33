import type { z } from 'zod';
import type { HttpRoute } from '../../contracts/http';

/**
 * A request's query parameters, read with its route's query schema. An empty value counts as unset, as the
 * dashboard's forms send them.
 * @throws the schema's error when a parameter is invalid (the routes' query schemas accept any string)
 */
export function readQuery<Q extends z.ZodType>(route: Pick<HttpRoute, 'path'> & { query: Q }, url: URL): z.output<Q> {
  const raw: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    if (value !== '' && !(key in raw)) raw[key] = value;
  });
  return route.query.parse(raw);
}
