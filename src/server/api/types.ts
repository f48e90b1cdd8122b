import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { VigilStore } from '../../app/ports.js';

/** What every resource's routes get: the store, and the limits the server was built with. */
export interface ApiOptions {
  store: VigilStore;
  maxImportBytes: number;
  version: string;
}

export type ApiRoutes = FastifyPluginAsyncTypebox<ApiOptions>;
