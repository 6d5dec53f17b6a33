/** A channel key from a route segment (decoded once; a malformed escape is kept as it is). */
export function routeKey(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
