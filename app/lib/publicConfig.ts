import { configRoute } from '../../contracts/http';
import type { PublicConfig } from '../../contracts/socket-events';
import { callApi } from './api';

/**
 * The server's public configuration (`/api/config`), read afresh: the operator token in it is new at every server
 * start and depends on who asks.
 */
export function fetchPublicConfig(): Promise<PublicConfig> {
  return callApi(configRoute, {});
}
