import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ImportRefusedError } from '../../../app/errors.js';
import { scanExposure } from '../../../app/exposure-scan.js';
import { feedSyncConfig } from '../../../app/feed-sync-config.js';
import { importExposure } from '../../../app/import-exposure.js';
import { ScanRefusedError, scanConfig } from '../../../app/scan-scope.js';
import type { Problem } from '../../../core/problem.js';
import { recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import {
  ImportEventStreamSchema,
  NDJSON,
  type StepProgress,
  streamImport,
  wantsProgressStream,
} from '../../ndjson.js';
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
  ExposureScanBody,
  ExposureScanResultSchema,
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

  app.post(
    '/exposure/scan',
    {
      // Probing the network is an administrator's decision, as is where it may go (VIGIL_SCAN_ALLOWED).
      config: { access: 'users:manage' },
      schema: {
        tags: ['exposure'],
        summary: "Scan the hospital's own ranges and import what answered (administrators)",
        description:
          'The same as `vigil exposure scan`: nmap when installed, else a rate-limited TCP connect scan with banner ' +
          'grabbing. Every target must lie inside VIGIL_SCAN_ALLOWED, or the whole scan is refused (400) before ' +
          'anything is sent. Send `Accept: application/x-ndjson` to follow its progress.',
        body: ExposureScanBody,
        response: responses(
          {
            200: {
              description:
                'What the scan saw and imported (JSON), or the progress stream (NDJSON) when asked for.',
              content: {
                'application/json': { schema: ExposureScanResultSchema },
                [NDJSON]: { schema: ImportEventStreamSchema },
              },
            },
          },
          [400, 422, 500],
        ),
      },
    },
    async (request, reply) => {
      const { targets = [], ports, engine, devices, site, internetFacing } = request.body;
      if (site !== undefined && !devices)
        throw new HttpError(
          400,
          'validation_failed',
          '`site` chooses among the devices: set `devices` too.',
          [{ in: 'body', path: '$.site', message: 'needs devices' }],
        );
      const config = scanConfig(process.env);
      const label = targets.join(', ').slice(0, 200) || 'the devices';
      const run = async (progress?: StepProgress) => {
        let step: string | undefined;
        try {
          const result = await scanExposure(
            store,
            {
              targets,
              ...(devices ? { devices: site !== undefined ? { site } : {} } : {}),
              ...(ports !== undefined ? { ports } : {}),
              ...(engine ? { engine } : {}),
              ...(internetFacing ? { internetFacing } : {}),
            },
            config,
            {},
            progress && {
              phase: (name) => {
                step = name;
              },
              tick: (done, total) => progress(done, total, step),
            },
          );
          await recordChange(store, request, {
            action: 'exposure.scan',
            target: { type: 'exposure-import', id: String(result.id), label: result.fileName },
            after: {
              scanner: result.scanner,
              addresses: result.addresses,
              ports: result.ports,
              hostsUp: result.hostsUp,
              matched: result.matched,
              devices: result.devices,
            },
          });
          return result;
        } catch (error) {
          // A refused scan is recorded too: someone asked to probe where they may not.
          if (error instanceof ScanRefusedError || error instanceof ImportRefusedError)
            await recordChange(store, request, {
              action: 'exposure.scan',
              outcome: 'failure',
              target: { type: 'exposure-scan', label },
              after: {
                code: error instanceof ScanRefusedError ? error.code : error.code,
                ...(error instanceof ScanRefusedError ? { refused: error.targets.slice(0, 50) } : {}),
              },
            });
          throw error;
        }
      };
      if (wantsProgressStream(request)) return streamImport(request, reply, run, (r) => r);
      return reply.status(200).send(await run());
    },
  );
};
