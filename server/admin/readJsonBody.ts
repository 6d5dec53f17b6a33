import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AdminHttpError } from './errors';

/** Admin bodies are small JSON objects; anything larger is refused before it is parsed. */
export const ADMIN_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Reads a JSON request body (at most `limit` bytes) and validates it with a zod schema.
 *
 * @throws AdminHttpError 413 when too large, 400 for invalid JSON or a body the schema refuses (naming the fields)
 */
export async function readJsonBody<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
  limit = ADMIN_BODY_LIMIT_BYTES,
): Promise<T> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    throw new AdminHttpError(413, `request body too large: ${declared} bytes, the limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new AdminHttpError(413, `request body too large: over ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new AdminHttpError(400, `request body is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`);
    throw new AdminHttpError(400, `invalid request body: ${issues.join('; ')}`);
  }
  return parsed.data;
}
