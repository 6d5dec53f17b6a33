/** The admin section: password and sessions, the `/api/admin/` JSON API and the `/admin` socket namespace. */
export { ADMIN_DISABLED_HINT, AdminAuth, type AdminAuthOptions, type AdminSessionRecord } from './AdminAuth';
export type {
  AdminFillMask,
  AdminHubImporter,
  AdminModelRegistry,
  AdminModelSwitcher,
  AdminServices,
  AdminTrainingJobs,
  TrainingEventListener,
} from './AdminDeps';
export { ADMIN_NAMESPACE, attachAdminNamespace, type AdminNamespace } from './adminNamespace';
export { ADMIN_API_PREFIX, createAdminRequestHandler } from './adminRoutes';
export { createAdminSection, type AdminSection, type AdminSectionOptions } from './createAdmin';
export { AdminHttpError, PasswordHashError } from './errors';
export { ADMIN_COOKIE, CSRF_HEADER } from './httpSecurity';
export {
  DEFAULT_SCRYPT_PARAMS,
  formatPasswordHash,
  hashPassword,
  parsePasswordHash,
  verifyPassword,
  type PasswordHash,
} from './passwordHash';
export { importFromHub } from './hubImport';
