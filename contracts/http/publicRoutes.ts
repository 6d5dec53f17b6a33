import { z } from 'zod';
import type { EmbedderInfo, ImportResponse, PublicConfig } from '../socket-events';
import { defineRoute, schemaOf } from './route';

export const EmbedderInfoSchema = schemaOf<EmbedderInfo>()(
  z.object({
    id: z.string(),
    kind: z.enum(['bow', 'http', 'convbert']),
    dimension: z.number().int().positive(),
    description: z.string(),
  }),
);

export const PublicConfigSchema = schemaOf<PublicConfig>()(
  z.object({
    importMaxBytes: z.number().positive(),
    demo: z.boolean(),
    importFormats: z.array(z.string()),
    embedder: EmbedderInfoSchema,
    operatorToken: z.string().nullable(),
  }),
);

export const ImportResponseSchema = schemaOf<ImportResponse>()(
  z.object({
    streamId: z.string(),
    format: z.string(),
    imported: z.number().int().min(0),
    skipped: z.number().int().min(0),
    errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    errorCount: z.number().int().min(0),
    complete: z.boolean(),
    incompleteReason: z.string().nullable(),
    lastGoodLine: z.number().int().nullable(),
  }),
);

/** Query of `POST /api/import`; an empty value counts as unset. */
export const ImportQuerySchema = z.object({
  /** The file's name (kept as the stream's source name). */
  name: z.string().optional(),
  /** An import format name or `auto` (default: detected). */
  format: z.string().optional(),
  /** Channel login, when the file does not say. */
  channel: z.string().optional(),
});

/** `GET /api/config`: what the UI needs to know about the server (the operator token depends on who asks). */
export const configRoute = defineRoute({
  method: 'GET',
  path: '/api/config',
  query: null,
  body: null,
  response: PublicConfigSchema,
});

/**
 * `POST /api/import?name=..[&format=..][&channel=..]`, the raw file bytes as the body (gzip files as they are), with
 * the operator token as `x-csrf-token`. 200: the report (check `complete`); 400 bad request or file, 403 no operator
 * token, 405 not POST, 413 over the size limit, 415 format not recognised, 429 too many imports running (Retry-After).
 */
export const importRoute = defineRoute({
  method: 'POST',
  path: '/api/import',
  query: ImportQuerySchema,
  body: 'raw',
  response: ImportResponseSchema,
});
