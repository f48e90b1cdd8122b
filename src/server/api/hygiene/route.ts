import { assessHygiene } from '../../../app/assess-hygiene.js';
import type { HygieneDeviceView } from '../../../app/hygiene-ports.js';
import { recordChange } from '../../audit.js';
import { csvCell } from '../../csv.js';
import { HttpError } from '../../errors.js';
import { IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import {
  DeviceHygieneSchema,
  HygieneDeviceQuery,
  HygieneDeviceSchema,
  HygieneRunSchema,
  HygieneSummarySchema,
} from './schema.js';

const today = () => new Date().toISOString().slice(0, 10);
const CSV_PAGE = 5_000;

export const hygieneRoutes: ApiRoutes = async (app, { store }) => {
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
};

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
