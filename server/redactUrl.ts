/**
 * A server URL as it may be shown in a message or a log: its password replaced by `***`. Redis and PostgreSQL URLs
 * both go through it; one that does not parse keeps only its scheme.
 * @example redactUrl('redis://user:secret@host:6379') // 'redis://user:***@host:6379'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return `${/^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? ''}(unparsable URL)`;
  }
}
