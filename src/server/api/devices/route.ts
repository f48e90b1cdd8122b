import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { assessHygiene } from '../../../app/assess-hygiene.js';
import { editDevice } from '../../../app/edit-device.js';
import { type ImportDevicesRequest, importDevices } from '../../../app/import-devices.js';
import { matchFindings } from '../../../app/match-findings.js';
import { auditedImport, recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import { ImportEventStreamSchema, NDJSON, streamImport, wantsProgressStream } from '../../ndjson.js';
import { acceptRawBodies, CSV_MEDIA_TYPES } from '../../raw-body.js';
import { DEFAULT_LIMIT, IdParams, List, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentDevice, presentImportDevicesResult } from './presenter.js';
import {
  AssetTagParams,
  DeviceChangesBody,
  DeviceListQuery,
  DeviceSchema,
  ImportDevicesJsonBody,
  ImportDevicesQuery,
  ImportDevicesResultSchema,
  RawCsvSchema,
} from './schema.js';

export const deviceRoutes: ApiRoutes = async (app, { store, maxImportBytes }) => {
  app.get(
    '/devices',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['devices'],
        summary: 'Devices, filtered and sorted',
        querystring: DeviceListQuery,
        response: responses({ 200: Page(DeviceSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, ...filter } = request.query;
      const page = await store.listDevices({ limit, cursor, sort, order, ...filter });
      return { items: page.items.map(presentDevice), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/device-types',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['devices'],
        summary: 'The device types products are recorded with (the choices of the deviceType filter)',
        querystring: NoQuery,
        response: responses({ 200: List(Type.String()) }, [500]),
      },
    },
    async () => ({ items: await store.listDeviceTypes() }),
  );

  app.get(
    '/devices/:id',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['devices'],
        summary: 'One device',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: DeviceSchema }),
      },
    },
    async (request) => {
      const device = await store.getDevice(request.params.id);
      if (!device) throw HttpError.notFound('The device');
      return presentDevice(device);
    },
  );

  app.patch(
    '/devices/:id',
    {
      config: { access: 'inventory:write' },
      schema: {
        tags: ['devices'],
        summary:
          'Change what people keep by hand on a device: status, owner, department, criticality, patch policy, compensating controls, extended security updates',
        params: IdParams,
        querystring: NoQuery,
        body: DeviceChangesBody,
        response: responses({ 200: DeviceSchema }, [400, 401, 403, 404, 500]),
      },
    },
    async (request) => {
      const changed = await editDevice(store, request.params.id, request.body);
      if (!changed) throw HttpError.notFound('The device');
      const before = presentDevice(changed.before);
      const after = presentDevice(changed.after);
      const fields = Object.keys(request.body) as (keyof typeof before)[];
      await recordChange(store, request, {
        action: 'device.update',
        target: { type: 'device', id: String(after.id), label: after.assetTag },
        before: Object.fromEntries(fields.map((f) => [f, before[f] ?? null])),
        after: Object.fromEntries(fields.map((f) => [f, after[f] ?? null])),
      });
      return after;
    },
  );

  app.get(
    '/devices/by-asset-tag/:assetTag',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['devices'],
        summary: 'One device, by its asset tag',
        params: AssetTagParams,
        querystring: NoQuery,
        response: responses({ 200: DeviceSchema }),
      },
    },
    async (request) => {
      const device = await store.getDeviceByAssetTag(request.params.assetTag);
      if (!device) throw HttpError.notFound('The device');
      return presentDevice(device);
    },
  );

  // The import reads a raw CSV body, or JSON with the CSV and a column mapping: a context of its own.
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBodies(upload, CSV_MEDIA_TYPES, maxImportBytes);
    upload.post(
      '/devices/import',
      {
        config: { access: 'inventory:write' },
        bodyLimit: maxImportBytes,
        schema: {
          tags: ['devices'],
          summary: 'Import a device inventory CSV: creates and updates devices, all or nothing',
          description:
            'Send the CSV as `text/csv` (Vigil’s own column names), or as JSON `{ csv, mapping?, fileName? }` to map other column names. ' +
            'Send `Accept: application/x-ndjson` to follow the progress of a large import.',
          querystring: ImportDevicesQuery,
          body: {
            content: {
              'application/json': { schema: ImportDevicesJsonBody },
              ...Object.fromEntries(CSV_MEDIA_TYPES.map((type) => [type, { schema: RawCsvSchema }])),
            },
          },
          response: responses(
            {
              200: {
                description: 'What the import did (JSON), or the progress stream (NDJSON) when asked for.',
                content: {
                  'application/json': { schema: ImportDevicesResultSchema },
                  [NDJSON]: { schema: ImportEventStreamSchema },
                },
              },
            },
            [400, 413, 415, 422, 500],
          ),
        },
      },
      async (request, reply) => {
        const importRequest = devicesImportRequest(request.body, request.query.fileName, maxImportBytes);
        const fileName = importRequest.fileName;
        const run = auditedImport(
          store,
          request,
          'devices.import',
          fileName,
          async (progress) => {
            const result = await importDevices(store, importRequest, progress);
            // New or changed devices are assessed, and their product versions' findings re-prioritised.
            if (result.created + result.updated > 0) {
              await assessHygiene(store);
              await matchFindings(store, { kind: 'all' });
            }
            return result;
          },
          ({ rows, created, updated, unchanged, sitesCreated, productVersionsCreated }) =>
            created + updated === 0
              ? undefined
              : {
                  target: { type: 'device-inventory', label: fileName },
                  after: {
                    fileName,
                    rows,
                    created,
                    updated,
                    unchanged,
                    sitesCreated,
                    productVersionsCreated,
                  },
                },
        );

        if (wantsProgressStream(request))
          return streamImport(request, reply, run, presentImportDevicesResult);
        return reply.status(200).send(presentImportDevicesResult(await run()));
      },
    );
  });
};

/** The use case's request from either body: raw CSV bytes, or the JSON variant (already validated by its schema). */
function devicesImportRequest(
  body: unknown,
  fileName: string | undefined,
  maxBytes: number,
): ImportDevicesRequest {
  if (Buffer.isBuffer(body)) return { content: body, fileName, maxBytes };
  if (isJsonBody(body)) {
    const name = body.fileName ?? fileName;
    return {
      content: body.csv,
      fileName: name,
      maxBytes,
      ...(body.mapping
        ? {
            mapping: { text: JSON.stringify(body.mapping), fileName: name ? `${name} (mapping)` : 'mapping' },
          }
        : {}),
    };
  }
  throw new HttpError(400, 'validation_failed', 'Send the CSV as the request body.', [
    { in: 'body', path: '$', message: 'is required' },
  ]);
}

function isJsonBody(body: unknown): body is ImportDevicesJsonBody {
  return typeof body === 'object' && body !== null && 'csv' in body && typeof body.csv === 'string';
}
