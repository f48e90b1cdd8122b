import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ImportRefusedError } from '../../../app/errors.js';
import { feedSyncConfig } from '../../../app/feed-sync-config.js';
import { importExposure } from '../../../app/import-exposure.js';
import type { Problem } from '../../../core/problem.js';
import { recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import { ImportEventStreamSchema, NDJSON, streamImport, wantsProgressStream } from '../../ndjson.js';
import { acceptRawBodies } from '../../raw-body.js';
import { DEFAULT_LIMIT, IdParams, List, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import {
  DeviceExposureResponse,
  ExposedDeviceQuery,
  ExposedDeviceSchema,
  ExposureImportQuery,
  ExposureImportResultSchema,
  ExposureImportSchema,
  ExposureSummarySchema,
  RawExposureSchema,
} from './schema.js';

const EXPOSURE_MEDIA_TYPES = [
  'application/xml',
  'text/xml',
  'application/json',
  'application/x-ndjson',
  'application/gzip',
  'text/csv',
  'text/plain',
  'application/octet-stream',
] as const;

export const exposureRoutes: ApiRoutes = async (app, { store, maxImportBytes, feedSync }) => {
  app.get(
    '/exposure/summary',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['exposure'],
        summary: 'Devices seen by scans and lists, reachable from the internet, with risky services',
        querystring: NoQuery,
        response: responses({ 200: ExposureSummarySchema }, [500]),
      },
    },
    async () => store.exposureSummary(),
  );

  app.get(
    '/exposure/devices',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['exposure'],
        summary: 'Devices with their exposure: internet-facing and most risky first',
        querystring: ExposedDeviceQuery,
        response: responses({ 200: Page(ExposedDeviceSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...rest } = request.query;
      return store.listExposedDevices({ limit, ...rest });
    },
  );

  app.get(
    '/exposure/imports',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['exposure'],
        summary: 'The latest exposure imports, newest first',
        querystring: NoQuery,
        response: responses({ 200: List(ExposureImportSchema) }, [500]),
      },
    },
    async () => ({ items: await store.listExposureImports(50) }),
  );

  app.get(
    '/devices/:id/exposure',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['exposure'],
        summary: "A device's exposure now, and what scans and lists saw of it (newest first)",
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: DeviceExposureResponse }),
      },
    },
    async (request) => {
      const device = await store.getDevice(request.params.id);
      if (!device) throw HttpError.notFound('The device');
      const exposure = await store.getDeviceExposure(device.id);
      return {
        ...(exposure ? { exposure } : {}),
        observations: await store.listDeviceObservations(device.id, 100),
      };
    },
  );

  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBodies(upload, EXPOSURE_MEDIA_TYPES, maxImportBytes);
    upload.post(
      '/exposure/import',
      {
        config: { access: 'inventory:write' },
        bodyLimit: maxImportBytes,
        schema: {
          tags: ['exposure'],
          summary: 'Import an nmap XML scan, a Shodan download or host JSON, or a firewall address list',
          description:
            'The same as `vigil exposure import`: observations are matched to devices and their exposure recomputed. ' +
            'Send `Accept: application/x-ndjson` to follow the progress of a large import.',
          querystring: ExposureImportQuery,
          body: {
            content: Object.fromEntries(
              EXPOSURE_MEDIA_TYPES.map((type) => [type, { schema: RawExposureSchema }]),
            ),
          },
          response: responses(
            {
              200: {
                description: 'What the import did (JSON), or the progress stream (NDJSON) when asked for.',
                content: {
                  'application/json': { schema: ExposureImportResultSchema },
                  [NDJSON]: { schema: ImportEventStreamSchema },
                },
              },
            },
            [400, 413, 415, 422, 500],
          ),
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new HttpError(400, 'validation_failed', 'Send the scan or list as the request body.', [
            { in: 'body', path: '$', message: 'is required' },
          ]);
        const { source, internetFacing, observedAt } = request.query;
        const fileName = (request.query.fileName ?? `${source}-upload`).replace(/[^\w.@+-]/g, '_');
        const dataDir = (feedSync ?? feedSyncConfig(process.env)).dataDir;
        const run = async (progress?: (done: number, total: number) => void) => {
          // The use case reads files: the body goes to a directory of its own, removed afterwards.
          const dir = join(dataDir, 'exposure', 'uploads', randomUUID());
          const path = join(dir, fileName);
          try {
            await mkdir(dir, { recursive: true });
            await writeFile(path, body);
            const result = await importExposure(
              store,
              {
                source,
                path,
                fileName,
                ...(internetFacing ? { internetFacing } : {}),
                ...(observedAt ? { observedAt: new Date(observedAt).toISOString() } : {}),
              },
              progress,
            );
            if (result.status === 'imported')
              await recordChange(store, request, {
                action: 'exposure.import',
                target: { type: 'exposure-import', id: String(result.id), label: `${source} ${fileName}` },
                after: {
                  observations: result.observations,
                  matched: result.matched,
                  ambiguous: result.ambiguous,
                  unmatched: result.unmatched,
                  devices: result.devices,
                },
              });
            return result;
          } catch (error) {
            if (error instanceof ImportRefusedError) {
              await recordChange(store, request, {
                action: 'exposure.import',
                outcome: 'failure',
                target: { type: 'exposure-import', label: `${source} ${fileName}` },
                after: { problems: error.errors.length },
              });
              // Problems name the file as sent, not where the server kept it.
              const rename = (p: Problem): Problem => (p.file ? { ...p, file: fileName } : p);
              throw new ImportRefusedError(fileName, error.errors.map(rename), error.warnings.map(rename));
            }
            throw error;
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        };
        if (wantsProgressStream(request)) return streamImport(request, reply, run, (r) => r);
        return reply.status(200).send(await run());
      },
    );
  });
};
