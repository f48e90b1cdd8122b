import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoKnowledge } from '../../../src/app/load-demo-knowledge.js';
import { matchFindings } from '../../../src/app/match-findings.js';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor, tokenFor, walk } from '../support.js';

interface Finding {
  id: number;
  vulnerabilityId: string;
  advisoryIds: string[];
  priority: string;
  kev: boolean;
  overdue: boolean;
  dueDate: string;
  component: { name: string; version?: string };
  productVersion: { product: string; version: string };
  deviceCount: number;
  nearestFix?: string;
  evidence?: { advisoryId: string; evidence: { source: string }; path: { name: string }[] }[];
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-findings-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('/api/v1/findings and /api/v1/vulnerabilities', (dialect) => {
  const server = serverFor(dialect);
  beforeAll(async () => {
    await loadDemoKnowledge(server.store, join(dir, dialect));
    await matchFindings(server.store, { kind: 'all' });
  });

  const list = async (query = '') => (await walk<Finding>(server.app, `/api/v1/findings?${query}`)).items;

  it('lists open findings most urgent first, each vulnerability once per component', async () => {
    const items = await list('limit=2');
    const ids = items.map((f) => `${f.vulnerabilityId} ${f.component.name}@${f.component.version}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'CVE-2021-44228 log4j-core@2.14.1',
        'CVE-2021-45046 log4j-core@2.14.1',
        'CVE-2021-23337 lodash@4.17.20',
      ]),
    );
    // lodash 4.17.20 is the version that fixed CVE-2020-8203: not a finding.
    expect(ids.some((id) => id.startsWith('CVE-2020-8203'))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
    const order = items.map((f) => f.priority);
    expect(order).toEqual([...order].sort());
    const log4shell = items.find((f) => f.vulnerabilityId === 'CVE-2021-44228')!;
    // Known exploited, on life-critical pumps: respond now.
    expect(log4shell).toMatchObject({ priority: 'P1', kev: true, nearestFix: '2.15.0', deviceCount: 4 });
    expect(log4shell.advisoryIds).toEqual(['GHSA-jfh8-c2jp-5v3q']);
  });

  it('filters by KEV, priority, overdue, device and search text', async () => {
    expect((await list('kev=true')).every((f) => f.kev)).toBe(true);
    expect((await list('kev=true')).length).toBeGreaterThan(0);
    expect((await list('priority=P1')).every((f) => f.priority === 'P1')).toBe(true);
    const overdue = await list('overdue=true');
    expect(overdue.every((f) => f.overdue)).toBe(true);
    const lodash = await list('q=lodash');
    expect(lodash.map((f) => f.component.name)).toEqual(['lodash']);
    expect((await list('q=GHSA-jfh8-c2jp-5v3q')).map((f) => f.vulnerabilityId)).toEqual(['CVE-2021-44228']);
    expect((await list('q=cve-2021-44228')).map((f) => f.vulnerabilityId)).toEqual(['CVE-2021-44228']);

    const devices = (await server.app.inject('/api/v1/devices?q=SEG-0004')).json<{
      items: { id: number }[];
    }>();
    const monitor = await list(`deviceId=${devices.items[0]!.id}`);
    expect(monitor.every((f) => f.productVersion.product === 'Vitalis M5')).toBe(true);
  });

  it('shows one finding with its evidence: the advisory, the rule and the path to the component', async () => {
    const [first] = await list('q=CVE-2021-44228');
    // Counted at one site, the same finding has that site's pumps only.
    const sites = (await server.app.inject('/api/v1/sites')).json<{
      items: { id: number; name: string }[];
    }>();
    const general = sites.items.find((site) => site.name === 'St. Example General')!;
    const atSite = await list(`vulnerabilityId=CVE-2021-44228&siteId=${general.id}`);
    expect(atSite.map((f) => f.deviceCount)).toEqual([3]);
    const res = await server.app.inject(`/api/v1/findings/${first!.id}`);
    expect(res.statusCode).toBe(200);
    const finding = res.json<Finding>();
    expect(finding.evidence![0]!.evidence.source).toBe('osv');
    expect(finding.evidence![0]!.path.at(-1)!.name).toBe('log4j-core');
    expect((await server.app.inject('/api/v1/findings/999999')).statusCode).toBe(404);
  });

  it('summarises open findings for the dashboard', async () => {
    const res = await server.app.inject('/api/v1/findings/summary');
    expect(res.statusCode).toBe(200);
    const summary = res.json<{
      open: number;
      byPriority: Record<string, number>;
      kev: number;
      vulnerabilities: unknown[];
    }>();
    expect(summary.open).toBe(Object.values(summary.byPriority).reduce((a, b) => a + b, 0));
    expect(summary.kev).toBeGreaterThan(0);
    expect(summary.vulnerabilities.length).toBeGreaterThan(0);
  });

  it('answers the Log4Shell question by any of its ids: which devices, where, how many exposed', async () => {
    for (const id of ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']) {
      const res = await server.app.inject(`/api/v1/vulnerabilities/${id}`);
      expect(res.statusCode).toBe(200);
      const v = res.json<{
        id: string;
        ids: string[];
        kev?: { dueDate: string };
        references: { url: string }[];
        impact: {
          devices: number;
          internetExposed: number;
          bySite: { site: string }[];
          productVersions: unknown[];
        };
      }>();
      expect(v.id).toBe('CVE-2021-44228');
      expect(v.ids).toEqual(expect.arrayContaining(['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']));
      expect(v.kev?.dueDate).toBe('2021-12-24');
      expect(v.references.map((r) => r.url)).toContain('https://logging.apache.org/log4j/2.x/security.html');
      expect(v.impact.devices).toBe(4);
      expect(v.impact.internetExposed).toBe(0);
      expect(v.impact.bySite.map((s) => s.site)).toEqual(['St. Example General', 'Northside Clinic']);
    }
    expect((await server.app.inject('/api/v1/vulnerabilities/CVE-1999-99999')).statusCode).toBe(404);
    expect(errorOf(await server.app.inject('/api/v1/vulnerabilities/%20bad')).code).toBe('validation_failed');
  });

  it('re-matches on request for analysts, audited; viewers may not', async () => {
    const analyst = await tokenFor(server.store, 'analyst');
    const viewer = await tokenFor(server.store, 'viewer');
    const asViewer = await server.anonymous.inject({
      method: 'POST',
      url: '/api/v1/match',
      headers: { authorization: `Bearer ${viewer}` },
      payload: { scope: 'all' },
    });
    expect(asViewer.statusCode).toBe(403);
    const res = await server.anonymous.inject({
      method: 'POST',
      url: '/api/v1/match',
      headers: { authorization: `Bearer ${analyst}` },
      payload: { scope: 'all' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ opened: number; resolved: number }>()).toMatchObject({ opened: 0, resolved: 0 });
    const audit = (await server.app.inject('/api/v1/audit?action=findings.match')).json<{
      items: unknown[];
    }>();
    expect(audit.items.length).toBe(1);
  });
});
