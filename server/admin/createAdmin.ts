import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'socket.io';
import type { FillMaskCache } from '../../models/fillmask';
import type { Logger } from '../logger';
import { AdminAuth } from './AdminAuth';
import type { AdminModelRegistry, AdminModelSwitcher, AdminServices, AdminTrainingJobs } from './AdminDeps';
import { attachAdminNamespace } from './adminNamespace';
import { createAdminRequestHandler } from './adminRoutes';
import { importFromHub } from './hubImport';

/** The admin section of one server: its auth, HTTP API and socket namespace, sharing one session store. */
export interface AdminSection {
  auth: AdminAuth;
  /** Handles a request under `/api/admin/`. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Adds the `/admin` namespace to the dashboard's socket.io server. */
  attachNamespace(io: Server): void;
  /** Stops event forwarding and releases fill-mask models. */
  close(): Promise<void>;
}

export interface AdminSectionOptions {
  config: { adminPassword?: string; adminPasswordHash?: string; adminSessionHours: number };
  logger: Logger;
  registry?: AdminModelRegistry | null;
  training?: AdminTrainingJobs | null;
  switcher?: AdminModelSwitcher | null;
  /** The training presets; default `listPresets` of models/training (loaded on first use). */
  presets?: AdminServices['presets'];
  /** Default: the HF hub through the model importer. */
  hubImport?: AdminServices['hubImport'];
  /** Hub endpoint for the default importer (default huggingface.co). */
  hubEndpoint?: string;
}

/**
 * Builds the admin section from the config (password or its hash, session length) and the server's parts.
 * Parts left out answer 503 on their routes.
 *
 * @throws PasswordHashError for an unreadable `adminPasswordHash` (the server must not start half-locked)
 * @example
 * const admin = createAdminSection({ config, logger, registry, training, switcher, presets: listPresets });
 * createHttpServer({ ..., admin });
 * admin.attachNamespace(io);
 */
export function createAdminSection(options: AdminSectionOptions): AdminSection {
  const auth = AdminAuth.fromConfig(options.config);
  // The fill-mask library brings the ONNX builder: loaded on the playground's first use, not at server start.
  let fillMasks: Promise<FillMaskCache> | null = null;
  const fillMaskCache = () => (fillMasks ??= import('../../models/fillmask').then((m) => new m.FillMaskCache()));
  const logger = options.logger.child({ part: 'admin' });
  const services: AdminServices = {
    registry: options.registry ?? null,
    training: options.training ?? null,
    switcher: options.switcher ?? null,
    presets: options.presets ?? (async () => (await import('../../models/training/presets')).listPresets()),
    fillMask: async (dir, text, top) => (await fillMaskCache()).fillMask(dir, text, top),
    hubImport:
      options.hubImport ?? ((request, workDir) => importFromHub(request, workDir, { endpoint: options.hubEndpoint })),
  };
  const handle = createAdminRequestHandler(auth, services, logger);
  const namespaces: { close(): void }[] = [];
  return {
    auth,
    handle,
    attachNamespace: (io) => {
      namespaces.push(
        attachAdminNamespace(io, { auth, registry: services.registry, training: services.training, logger }),
      );
    },
    close: async () => {
      namespaces.forEach((n) => n.close());
      if (fillMasks !== null) await (await fillMasks).close();
    },
  };
}
