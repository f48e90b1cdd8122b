import type { DeviceFindingQueries, DeviceFindingView } from '../../../app/device-finding-ports.js';
import type { VigilStore } from '../../../app/ports.js';
import { assertSupplierVisible, visibleSupplierId } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, List, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { deviceFindingsCsv, presentDeviceFinding, today } from './presenter.js';
import {
  DeviceFindingListQuery,
  DeviceFindingSchema,
  DeviceFindingSummaryQuery,
  DeviceFindingSummarySchema,
  DeviceFindingsOfDeviceQuery,
} from './schema.js';

const CSV_PAGE = 5_000;

/**
 * The store's device-finding queries. VigilStore holds them once src/store/index.ts binds the
 * DeviceFindingRepository; until then the routes answer a logged 500 rather than guess.
 */
function deviceFindingsOf(store: VigilStore): DeviceFindingQueries {
  const queries = store as VigilStore & Partial<DeviceFindingQueries>;
  if (!queries.listDeviceFindings || !queries.deviceFindingsOfDevice || !queries.deviceFindingSummary)
    throw new Error('The store does not hold device findings (DeviceFindingRepository is not bound).');
  return queries as VigilStore & DeviceFindingQueries;
}

export const deviceFindingRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/device-findings',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['device-findings'],
        summary:
          'Vulnerabilities devices have through their recorded operating system or the services seen on them, most urgent first; `format=csv` for all of them',
        querystring: DeviceFindingListQuery,
        response: responses({ 200: Page(DeviceFindingSchema) }, [400, 500]),
      },
    },
    async (request, reply) => {
      const { limit = DEFAULT_LIMIT, format, ...filter } = request.query;
      const queries = deviceFindingsOf(store);
      const day = today();
      const supplierId = visibleSupplierId(request, undefined);
      const scoped = { ...filter, today: day, ...(supplierId !== undefined ? { supplierId } : {}) };
      if (format !== 'csv') {
        const page = await queries.listDeviceFindings({ limit, ...scoped });
        return { items: page.items.map((f) => presentDeviceFinding(f, day)), nextCursor: page.nextCursor };
      }
      const rows: DeviceFindingView[] = [];
      let cursor: string | undefined;
      do {
        const page = await queries.listDeviceFindings({
          ...scoped,
          limit: CSV_PAGE,
          cursor,
        });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="vigil-device-findings.csv"')
        .send(deviceFindingsCsv(rows, day));
    },
  );

  app.get(
    '/device-findings/summary',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['device-findings'],
        summary: 'Open device findings by priority and origin, known exploited, overdue, devices affected',
        querystring: DeviceFindingSummaryQuery,
        response: responses({ 200: DeviceFindingSummarySchema }, [400, 500]),
      },
    },
    async (request) => {
      const supplierId = visibleSupplierId(request, undefined);
      return deviceFindingsOf(store).deviceFindingSummary({
        ...request.query,
        today: today(),
        ...(supplierId !== undefined ? { supplierId } : {}),
      });
    },
  );

  app.get(
    '/devices/:id/device-findings',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['device-findings'],
        summary:
          "A device's vulnerabilities found from its operating system and network services, most urgent first",
        params: IdParams,
        querystring: DeviceFindingsOfDeviceQuery,
        response: responses({ 200: List(DeviceFindingSchema) }),
      },
    },
    async (request) => {
      const found = await deviceFindingsOf(store).deviceFindingsOfDevice(
        request.params.id,
        request.query.status,
      );
      if (!found) throw HttpError.notFound('The device');
      assertSupplierVisible(request, found.supplierId, 'The device');
      const day = today();
      return { items: found.items.map((f) => presentDeviceFinding(f, day)) };
    },
  );
};
