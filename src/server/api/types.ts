import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FeedSyncConfig } from '../../app/feed-sync-config.js';
import type { VigilStore } from '../../app/ports.js';

/** What every resource's routes get: the store, and the limits the server was built with. */
export interface ApiOptions {
  store: VigilStore;
  maxImportBytes: number;
  version: string;
  /** Online feed sync's settings; the environment's (VIGIL_FEED_*, VIGIL_DATA_DIR) when absent. */
  feedSync?: FeedSyncConfig;
}

export type ApiRoutes = FastifyPluginAsyncTypebox<ApiOptions>;
