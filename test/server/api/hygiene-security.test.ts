/**
 * /api/v1/hygiene/catalogue and /api/v1/hygiene/gateways: the catalogue in force and which it is, its
 * import by administrators (re-assessing every device), the mail gateways as JSON and CSV and their import.
 */
import { expect, it } from 'vitest';
import { INITIAL_SECURITY_CATALOGUE } from '../../../src/core/hygiene/security-catalogue.js';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor, tokenFor, withToken } from '../support.js';

const JSON_BODY = { 'content-type': 'application/json' };
const CSV_BODY = { 'content-type': 'text/csv' };
const today = new Date().toISOString().slice(0, 10);
const catalogue = {
  asOf: today,
  products: INITIAL_SECURITY_CATALOGUE.products.map((p) =>
    p.id === 'fortimail'
      ? { ...p, latest: { version: '7.6.1', asOf: today, source: 'Fortinet FortiMail release notes' } }
      : p,
  ),
};
const gatewaysCsv = [
  'gateway,product,version,signature_date',
  `mx1.hospital.example,FortiMail,7.6.1,${today}`,
  `mx2.hospital.example,FortiMail,7.2.6,${today}`,
  'relay.hospital.example,,,',
  '',
].join('\n');

interface Gateways {
  imported?: { fileName?: string };
  items: {
    name: string;
    status: string;
    reasons: string[];
    filters: { product: string; status: string }[];
  }[];
}

describeEachDialect('/api/v1/hygiene: catalogue and mail gateways', (dialect) => {
  const server = serverFor(dialect);

  it('answers the built-in catalogue until one is imported, and says so', async () => {
    const res = await server.app.inject('/api/v1/hygiene/catalogue');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ source: 'built-in', catalogue: INITIAL_SECURITY_CATALOGUE });
  });

  it('lets only administrators put a catalogue in force; it re-assesses, and the same one again changes nothing', async () => {
    const analyst = withToken(server.anonymous, await tokenFor(server.store, 'analyst'));
    const refused = await analyst.inject({
      method: 'POST',
      url: '/api/v1/hygiene/catalogue',
      headers: JSON_BODY,
      payload: JSON.stringify(catalogue),
    });
    expect(refused.statusCode).toBe(403);

    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/catalogue?fileName=hospital-catalogue.json',
      headers: JSON_BODY,
      payload: JSON.stringify(catalogue),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      status: string;
      products: number;
      hygiene?: { devices: number; catalogue: unknown };
    }>();
    expect(body).toMatchObject({ status: 'imported', products: INITIAL_SECURITY_CATALOGUE.products.length });
    expect(body.hygiene).toMatchObject({ devices: 7, catalogue: { source: 'imported', asOf: today } });

    const inForce = (await server.app.inject('/api/v1/hygiene/catalogue')).json<{
      source: string;
      fileName: string;
      catalogue: typeof catalogue;
    }>();
    expect(inForce).toMatchObject({ source: 'imported', fileName: 'hospital-catalogue.json' });
    expect(inForce.catalogue).toEqual(catalogue);

    const again = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/catalogue',
      headers: JSON_BODY,
      payload: JSON.stringify(catalogue, null, 4),
    });
    expect(again.json<{ status: string; hygiene?: unknown }>()).toMatchObject({ status: 'unchanged' });
    expect(again.json<{ hygiene?: unknown }>().hygiene).toBeUndefined();

    const audit = await server.app.inject({ url: '/api/v1/audit?action=security_catalogue.import' });
    const events = audit.json<{
      items: { action: string; before?: { source?: string }; after?: { asOf?: string } }[];
    }>().items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { source: 'built-in' }, after: { asOf: today } });
  });

  it('answers 422 with each problem’s JSON path for a wrong catalogue, and keeps the one in force', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/catalogue',
      headers: JSON_BODY,
      payload: JSON.stringify({ asOf: today, products: [{ id: 'x' }] }),
    });
    expect(res.statusCode).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('import_refused');
    expect(error.problems?.map((p) => p.path)).toContain('$.products[0].label');
    const empty = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/catalogue',
      headers: JSON_BODY,
    });
    expect(empty.statusCode).toBe(400);
    expect((await server.app.inject('/api/v1/hygiene/catalogue')).json<{ source: string }>().source).toBe(
      'imported',
    );
  });

  it('imports the mail gateways (administrators), lists them with their filters, as JSON and CSV, and counts them apart', async () => {
    const viewer = withToken(server.anonymous, await tokenFor(server.store, 'viewer'));
    expect((await viewer.inject('/api/v1/hygiene/gateways')).json<Gateways>()).toEqual({ items: [] });
    expect(
      (
        await viewer.inject({
          method: 'POST',
          url: '/api/v1/hygiene/gateways',
          headers: CSV_BODY,
          payload: gatewaysCsv,
        })
      ).statusCode,
    ).toBe(403);

    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/gateways?fileName=gateways.csv',
      headers: CSV_BODY,
      payload: gatewaysCsv,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      status: 'imported',
      format: 'csv',
      gateways: 3,
      filters: 2,
      assessed: { protected: 1, 'outdated-version': 1, missing: 1 },
      warnings: [],
    });

    const list = (await viewer.inject('/api/v1/hygiene/gateways')).json<Gateways>();
    expect(list.imported?.fileName).toBe('gateways.csv');
    expect(list.items.map((g) => [g.name, g.status])).toEqual([
      ['mx1.hospital.example', 'protected'],
      ['mx2.hospital.example', 'outdated-version'],
      ['relay.hospital.example', 'missing'],
    ]);
    expect(list.items[1]!.reasons[0]).toContain('behind the latest known 7.6.1');
    expect(list.items[1]!.filters).toEqual([
      expect.objectContaining({
        product: 'FortiMail',
        version: '7.2.6',
        signatureAgeDays: 0,
        status: 'outdated-version',
      }),
    ]);

    const csv = await viewer.inject('/api/v1/hygiene/gateways?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'gateway,gateway_status,gateway_reasons,product,version,engine_version,signature_date,signature_age_days,filter_status,filter_reasons,assessed_at',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^relay\.hospital\.example,missing,no spam or malware filter reported,,,,,,,,/);

    const summary = (await viewer.inject('/api/v1/hygiene/summary')).json<{
      devices: number;
      mailGateways: { total: number; notProtected: number; byStatus: Record<string, number> };
    }>();
    expect(summary.mailGateways).toMatchObject({
      total: 3,
      notProtected: 2,
      byStatus: { protected: 1, missing: 1 },
    });
    expect(summary.devices).toBe(7);

    const audit = (await server.app.inject({ url: '/api/v1/audit?action=mail_gateways.import' })).json<{
      items: { target?: { label?: string }; after?: { gateways?: number } }[];
    }>().items;
    expect(audit.map((e) => [e.target?.label, e.after?.gateways])).toEqual([['gateways.csv', 3]]);

    const run = (await server.app.inject({ method: 'POST', url: '/api/v1/hygiene/assess' })).json<{
      mailGateways: { gateways: number };
    }>();
    expect(run.mailGateways.gateways).toBe(3);
  });

  it('answers 422 for a wrong gateway file with each problem’s line, and keeps the gateways', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/hygiene/gateways?fileName=bad.csv',
      headers: CSV_BODY,
      payload: 'gateway,product,signature_date\nmx1,FortiMail,31/12/2026\n',
    });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).problems).toEqual([
      expect.objectContaining({ file: 'bad.csv', line: 2, code: 'invalid_date' }),
    ]);
    expect((await server.app.inject('/api/v1/hygiene/gateways')).json<Gateways>().items).toHaveLength(3);
    const bad = await server.app.inject('/api/v1/hygiene/gateways?format=xml');
    expect(bad.statusCode).toBe(400);
  });
});
