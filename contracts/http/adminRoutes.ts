import { z } from 'zod';
import {
  AdminLoginRequestSchema,
  FillMaskRequestSchema,
  HubImportRequestSchema,
  LossPointSchema,
  StageMetricsSchema,
  TopicEvalSummarySchema,
  TrainingJobRequestSchema,
  TrainingJobSchema,
  TrainingLogLineSchema,
  type AdminSession,
  type FillMaskCandidate,
  type ModelVersionInfo,
  type TrainingPresetInfo,
} from '../training';
import { defineRoute, schemaOf } from './route';

/*
 * The admin HTTP API (`server/admin/adminRoutes.ts`), JSON in and out, bodies at most 64 KiB. Errors answer
 * `ApiError` with: 400 invalid body or request, 401 not signed in (or the session expired), 403 admin locked (no
 * password configured; the message says how to enable it) or missing / wrong CSRF token or foreign Origin, 404
 * unknown job / model / route, 405 wrong method, 409 conflict (nothing to roll back, version exists, an import
 * running, no active model for fill-mask), 413 body too large, 429 too many failed sign-ins (with Retry-After), 502
 * the hub download failed, 503 the part is missing on this server.
 *
 * Every route but session and login needs the session cookie; every POST but login also needs the session's
 * `csrfToken` as the `x-csrf-token` header, and an `Origin` (when sent) naming the Host.
 */

/** The path every admin route lives under. */
export const ADMIN_API_PREFIX = '/api/admin/';

/** The body of actions that take no input: `{}` and nothing else. */
export const EmptyBodySchema = z.object({}).strict();

export const AdminSessionSchema = schemaOf<AdminSession>()(
  z.object({
    enabled: z.boolean(),
    signedIn: z.boolean(),
    csrfToken: z.string().nullable(),
    hint: z.string().nullable(),
  }),
);

export const TrainingPresetInfoSchema = schemaOf<TrainingPresetInfo>()(
  z.object({ name: z.string(), description: z.string(), expectedTime: z.string(), shape: z.string() }),
);

export const ModelVersionInfoSchema = schemaOf<ModelVersionInfo>()(
  z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    created: z.string(),
    source: z.string(),
    preset: z.string().nullable(),
    bytes: z.number().min(0),
    active: z.boolean(),
    hasMlmHead: z.boolean(),
    stageMetrics: z.array(StageMetricsSchema),
    topicEval: TopicEvalSummarySchema.nullable(),
  }),
);

export const FillMaskCandidateSchema = schemaOf<FillMaskCandidate>()(
  z.object({ token: z.string(), score: z.number(), sequence: z.string() }),
);

export const TrainingJobDetailSchema = z.object({
  job: TrainingJobSchema,
  loss: z.array(LossPointSchema),
  logs: z.array(TrainingLogLineSchema),
});
export type TrainingJobDetail = z.infer<typeof TrainingJobDetailSchema>;

const ModelListSchema = z.array(ModelVersionInfoSchema);

/** Every admin route; the key names it in code, the path says where it lives. */
export const adminApi = {
  /** Answers even when locked: `enabled: false` and a hint. */
  session: defineRoute({
    method: 'GET',
    path: '/api/admin/session',
    query: null,
    body: null,
    response: AdminSessionSchema,
  }),
  /** Sets the `ct_admin` cookie (HttpOnly, SameSite=Strict, Path=/, Secure over https); 5 failures a minute per address. */
  login: defineRoute({
    method: 'POST',
    path: '/api/admin/login',
    query: null,
    body: AdminLoginRequestSchema,
    response: AdminSessionSchema,
  }),
  /** Clears the cookie and drops the session's sockets; answers the signed-out session. */
  logout: defineRoute({
    method: 'POST',
    path: '/api/admin/logout',
    query: null,
    body: EmptyBodySchema,
    response: AdminSessionSchema,
  }),
  presets: defineRoute({
    method: 'GET',
    path: '/api/admin/presets',
    query: null,
    body: null,
    response: z.array(TrainingPresetInfoSchema),
  }),
  jobs: defineRoute({
    method: 'GET',
    path: '/api/admin/jobs',
    query: null,
    body: null,
    response: z.array(TrainingJobSchema),
  }),
  job: defineRoute({
    method: 'GET',
    path: '/api/admin/jobs/:id',
    query: null,
    body: null,
    response: TrainingJobDetailSchema,
  }),
  /** Answers the job, queued or running. */
  startJob: defineRoute({
    method: 'POST',
    path: '/api/admin/jobs',
    query: null,
    body: TrainingJobRequestSchema,
    response: TrainingJobSchema,
  }),
  cancelJob: defineRoute({
    method: 'POST',
    path: '/api/admin/jobs/:id/cancel',
    query: null,
    body: EmptyBodySchema,
    response: TrainingJobSchema,
  }),
  models: defineRoute({ method: 'GET', path: '/api/admin/models', query: null, body: null, response: ModelListSchema }),
  /** Back to the version active before; answers the list once the live embedder switched. */
  rollback: defineRoute({
    method: 'POST',
    path: '/api/admin/models/rollback',
    query: null,
    body: EmptyBodySchema,
    response: ModelListSchema,
  }),
  /** Downloaded, converted and installed; not active. */
  importModel: defineRoute({
    method: 'POST',
    path: '/api/admin/models/import',
    query: null,
    body: HubImportRequestSchema,
    response: ModelVersionInfoSchema,
  }),
  /** Answers the list once the live embedder switched. */
  promote: defineRoute({
    method: 'POST',
    path: '/api/admin/models/:id/promote',
    query: null,
    body: EmptyBodySchema,
    response: ModelListSchema,
  }),
  /** Default model: the active one. */
  fillMask: defineRoute({
    method: 'POST',
    path: '/api/admin/fill-mask',
    query: null,
    body: FillMaskRequestSchema,
    response: z.array(FillMaskCandidateSchema),
  }),
} as const;
