import { basename } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assessHygiene, securityCatalogueInForce } from '../../../app/assess-hygiene.js';
import type { HygieneDeviceView, MailGatewayView } from '../../../app/hygiene-ports.js';
import { importMailGateways, MAX_MAIL_GATEWAY_BYTES } from '../../../app/import-mail-gateways.js';
import {
  importSecurityCatalogue,
  MAX_SECURITY_CATALOGUE_BYTES,
} from '../../../app/import-security-catalogue.js';
import { auditedImport, recordChange } from '../../audit.js';
import { csvCell } from '../../csv.js';
import { HttpError } from '../../errors.js';
import { acceptRawBodies } from '../../raw-body.js';
import { IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import {
  CatalogueImportResultSchema,
  CatalogueInForceSchema,
  DeviceHygieneSchema,
  HygieneDeviceQuery,
  HygieneDeviceSchema,
  HygieneRunSchema,
  HygieneSummarySchema,
  ImportQuery,
  MailGatewayImportResultSchema,
  MailGatewayListSchema,
  MailGatewayQuery,
  RawDocumentSchema,
} from './schema.js';

const today = () => new Date().toISOString().slice(0, 10);
const CSV_PAGE = 5_000;
/** What the catalogue and the gateways are put in force by: an administrator's decision, like feed imports. */
const ADMIN = 'users:manage';
const CATALOGUE_MEDIA_TYPES = ['application/json', 'text/plain', 'application/octet-stream'] as const;
const GATEWAY_MEDIA_TYPES = [
  'application/json',
  'text/csv',
  'text/plain',
  'application/octet-stream',
] as const;

export const hygieneRoutes: ApiRoutes = async (app, { store, maxImportBytes }) => {
  app.get(
    '/hygiene/summary',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['hygiene'],
        summary:
          'The measures a CISO follows (unsupported OS, missing critical updates, stale protection, exposure): now, by site and device type, and their trend',
        querystring: NoQuery,
        response: responses({ 200: HygieneSummarySchema }, [500]),
      },
    },
    async () => store.hygieneSummary(today()),
  );

  app.get(
    '/hygiene/devices',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['hygiene'],
        summary: 'The devices behind a measure, by asset tag; `format=csv` for all of them as a spreadsheet',
        querystring: HygieneDeviceQuery,
        response: responses({ 200: Page(HygieneDeviceSchema) }, [400, 500]),
      },
    },
    async (request, reply) => {
      const { limit = 50, format, ...rest } = request.query;
      if (format !== 'csv') return store.listHygieneDevices({ limit, ...rest, today: today() });
      const rows: HygieneDeviceView[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listHygieneDevices({
          ...rest,
          limit: CSV_PAGE,
          today: today(),
          ...(cursor ? { cursor } : {}),
        });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="vigil-${rest.measure}.csv"`)
        .send(hygieneCsv(rows));
    },
  );

  app.get(
    '/devices/:id/hygiene',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['hygiene'],
        summary:
          "A device's hygiene: operating system lifecycle, patches and missing critical updates, protection",
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: DeviceHygieneSchema }),
      },
    },
    async (request) => {
      const assessed = await store.getDeviceHygiene(request.params.id);
      if (!assessed) throw HttpError.notFound('The device’s hygiene');
      return assessed;
    },
  );

  app.post(
    '/hygiene/assess',
    {
      config: { access: 'inventory:write' },
      schema: {
        tags: ['hygiene'],
        summary: 'Assess every device again (it happens after device and lifecycle imports, and daily)',
        response: responses({ 200: HygieneRunSchema }, [500]),
      },
    },
    async (request) => {
      const run = await assessHygiene(store);
      await recordChange(store, request, {
        action: 'hygiene.assess',
        target: { type: 'hygiene', label: 'every device' },
        after: { devices: run.devices, missingCriticalUpdates: run.missingCriticalUpdates },
      });
      return run;
    },
  );

  app.get(
    '/hygiene/catalogue',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['hygiene'],
        summary:
          'The security catalogue in force (products, latest known versions, ends of life): the imported one, else the built-in one',
        querystring: NoQuery,
        response: responses({ 200: CatalogueInForceSchema }, [500]),
      },
    },
    async () => securityCatalogueInForce(store),
  );

  app.get(
    '/hygiene/gateways',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['hygiene'],
        summary:
          'The mail gateways with their spam and malware filters as last assessed; `format=csv` for a spreadsheet',
        querystring: MailGatewayQuery,
        response: responses({ 200: MailGatewayListSchema }, [400, 500]),
      },
    },
    async (request, reply) => {
      const list = await store.listMailGateways();
      if (request.query.format !== 'csv') return list;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="vigil-mail-gateways.csv"')
        .send(gatewaysCsv(list.items));
    },
  );

  // The imports read their files as raw bodies: a context of their own.
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    const catalogueLimit = Math.min(maxImportBytes, MAX_SECURITY_CATALOGUE_BYTES);
    acceptRawBodies(upload, CATALOGUE_MEDIA_TYPES, catalogueLimit);
    upload.post(
      '/hygiene/catalogue',
      {
        config: { access: ADMIN },
        bodyLimit: catalogueLimit,
        schema: {
          tags: ['hygiene'],
          summary:
            'Put a security catalogue in force (administrators): the same as `vigil hygiene catalogue import`',
          description:
            'Send the catalogue’s JSON (docs/security-catalogue.md) as the body. It is validated whole (422 with each problem’s JSON path), ' +
            'replaces the catalogue in force, and every device and mail gateway is assessed against it. The same catalogue again changes nothing.',
          querystring: ImportQuery,
          body: {
            content: Object.fromEntries(
              CATALOGUE_MEDIA_TYPES.map((type) => [type, { schema: RawDocumentSchema }]),
            ),
          },
          response: responses({ 200: CatalogueImportResultSchema }, [400, 413, 415, 422, 500]),
        },
      },
      async (request) => {
        const fileName = fileNameOf(request.query.fileName, 'security-catalogue.json');
        const body = rawBody(request.body, 'the catalogue');
        const before = await securityCatalogueInForce(store);
        const run = auditedImport(
          store,
          request,
          'security_catalogue.import',
          fileName,
          () => importSecurityCatalogue(store, { content: body, fileName, maxBytes: maxImportBytes }),
          (result) =>
            result.status === 'unchanged'
              ? undefined
              : {
                  target: { type: 'security-catalogue', label: fileName },
                  before: {
                    source: before.source,
                    asOf: before.catalogue.asOf,
                    ...(before.sha256 ? { sha256: before.sha256 } : {}),
                  },
                  after: {
                    source: 'imported',
                    asOf: result.asOf,
                    sha256: result.sha256,
                    products: result.products,
                  },
                },
        );
        return run();
      },
    );
  });

  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    const gatewayLimit = Math.min(maxImportBytes, MAX_MAIL_GATEWAY_BYTES);
    acceptRawBodies(upload, GATEWAY_MEDIA_TYPES, gatewayLimit);
    upload.post(
      '/hygiene/gateways',
      {
        config: { access: ADMIN },
        bodyLimit: gatewayLimit,
        schema: {
          tags: ['hygiene'],
          summary:
            'Replace the mail gateways and their filters (administrators): the same as `vigil hygiene gateways import`',
          description:
            'Send the gateways as JSON or CSV (docs/security-catalogue.md). The file is the whole set: it replaces the gateways before it, ' +
            'all or nothing (422 with each problem’s line or JSON path), and each is assessed at once. The same set again changes nothing.',
          querystring: ImportQuery,
          body: {
            content: Object.fromEntries(
              GATEWAY_MEDIA_TYPES.map((type) => [type, { schema: RawDocumentSchema }]),
            ),
          },
          response: responses({ 200: MailGatewayImportResultSchema }, [400, 413, 415, 422, 500]),
        },
      },
      async (request) => {
        const fileName = fileNameOf(request.query.fileName, 'mail-gateways');
        const body = rawBody(request.body, 'the gateways');
        const before = (await store.listMailGateways()).items.length;
        const run = auditedImport(
          store,
          request,
          'mail_gateways.import',
          fileName,
          () => importMailGateways(store, { content: body, fileName, maxBytes: maxImportBytes }),
          (result) =>
            result.status === 'unchanged'
              ? undefined
              : {
                  target: { type: 'mail-gateways', label: fileName },
                  before: { gateways: before },
                  after: { gateways: result.gateways, filters: result.filters, assessed: result.assessed },
                },
        );
        return run();
      },
    );
  });
};

function rawBody(body: unknown, what: string): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new HttpError(400, 'validation_failed', `Send ${what} as the request body.`, [
      { in: 'body', path: '$', message: 'is required' },
    ]);
  return body;
}

/** The name problems and the audit log call the file by: the name sent (its last part, tamed), or a default. */
function fileNameOf(given: string | undefined, fallback: string): string {
  const name = given ? basename(given.replace(/\\/g, '/')).replace(/[^\w.@+-]/g, '_') : '';
  return name && !name.startsWith('.') ? name : fallback;
}

/** Each gateway's filters, one a row (a gateway without a filter has one row of its own). */
function gatewaysCsv(gateways: readonly MailGatewayView[]): string {
  const header = [
    'gateway',
    'gateway_status',
    'gateway_reasons',
    'product',
    'version',
    'engine_version',
    'signature_date',
    'signature_age_days',
    'filter_status',
    'filter_reasons',
    'assessed_at',
  ];
  const rows = gateways.flatMap((g) => {
    const gateway = [g.name, g.status, g.reasons.join('; ')];
    if (g.filters.length === 0) return [[...gateway, '', '', '', '', '', '', '', g.assessedAt]];
    return g.filters.map((f) => [
      ...gateway,
      f.product,
      f.version,
      f.engineVersion,
      f.signatureDate,
      f.signatureAgeDays,
      f.status,
      f.reasons.join('; '),
      g.assessedAt,
    ]);
  });
  return `${[header.join(','), ...rows.map((r) => r.map((c) => csvCell(c)).join(','))].join('\r\n')}\r\n`;
}

/** One row per device, cells quoted as the audit log's export quotes them (RFC 4180, formula-safe). */
function hygieneCsv(rows: readonly HygieneDeviceView[]): string {
  const columns: [string, (r: HygieneDeviceView) => string | number | boolean | undefined][] = [
    ['asset_tag', (r) => r.assetTag],
    ['site', (r) => r.site],
    ['product', (r) => r.product],
    ['product_version', (r) => r.productVersion],
    ['device_type', (r) => r.deviceType],
    ['clinical_criticality', (r) => r.clinicalCriticality],
    ['operating_system', (r) => r.osLabel],
    ['os_status', (r) => r.osStatus],
    ['os_end_of_support', (r) => r.osEndOfSupport],
    ['last_patch_date', (r) => r.lastPatchDate],
    ['critical_updates_missing', (r) => r.missingUpdates],
    ['patching_restricted', (r) => r.patchRestricted],
    ['protection', (r) => r.protectionStatus],
    ['internet_facing', (r) => r.internetFacing],
    ['risky_services', (r) => r.riskyServices],
  ];
  const cell = (value: string | number | boolean | undefined) =>
    csvCell(typeof value === 'boolean' ? String(value) : value);
  return `${[columns.map(([name]) => name).join(','), ...rows.map((r) => columns.map(([, get]) => cell(get(r))).join(','))].join('\r\n')}\r\n`;
}
