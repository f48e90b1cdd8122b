import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { FAIL_ON } from '../../src/app/scan-sbom.js';
import { FAIL_ON_CHOICES } from '../../src/cli/scan-options.js';
import { formatProblem } from '../../src/core/problem.js';
import { parseSbom } from '../../src/formats/sbom/index.js';
import { openStore } from '../../src/store/index.js';
import { postgresAvailable, scratchDatabase, type TestDialect } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Relative, as a CI job names the SBOM it scans: SARIF's artifact location is that path.
const workstation = 'test/fixtures/scan/workstation-3.0.cdx.json';
const patched = 'test/fixtures/scan/patched-3.1.spdx';
const invalid = 'test/fixtures/scan/invalid.cdx.json';

/** Runs the real CLI in its own process, as a CI job would. */
function vigil(db: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch database holding the demo knowledge base (Log4Shell, BlueKeep…). */
function useDemoKnowledge(dialect: TestDialect): { readonly url: string } {
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    url = db.url;
    const store = await openStore(db.url);
    try {
      await loadDemoKnowledge(store, join(dir, `knowledge-${dialect}`));
    } finally {
      await store.close();
    }
  });
  afterAll(async () => drop?.());
  return {
    get url() {
      if (!url) throw new Error('The database is made in beforeAll');
      return url;
    },
  };
}

interface JsonReport {
  format: string;
  componentCount: number;
  findings: {
    vulnerabilityId: string;
    componentRef: string;
    priority: string;
    kev: boolean;
    nearestFix?: string;
    evidence: { path: { ref: string }[] }[];
  }[];
  knowledge: { source: string }[];
}

describe('vigil scan', () => {
  const db = useDemoKnowledge('sqlite');

  it('prints a table of findings, most urgent first, with what it assumed and how old its knowledge is', () => {
    const r = vigil(db.url, 'scan', workstation);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${workstation}: Imaging Workstation 3.0 (CycloneDX 1.6, 4 components)`);
    expect(lines[2]).toMatch(/^PRI\s+VULNERABILITY\s+KEV\s+EPSS\s+CVSS\s+COMPONENT\s+NEAREST FIX$/);
    expect(lines[3]).toMatch(/^P2\s+CVE-2021-44228\s+KEV\s+99\.9%\s+10\.0\s+log4j-core@2\.14\.1\s+2\.15\.0$/);
    expect(r.stdout).toMatch(/^P2\s+CVE-2019-0708\s+KEV\s+99\.9%\s+9\.8\s+Windows 7@6\.1\.7601\s+-$/m);
    const rows = lines.filter((l) => /^P\d\s/.test(l));
    expect(rows.map((l) => l.slice(0, 2))).toEqual([...rows.map((l) => l.slice(0, 2))].sort());
    const summary =
      /^(\d+) findings: (\d+) P1, (\d+) P2, (\d+) P3, (\d+) P4; (\d+) known exploited \(KEV\)\.$/m.exec(
        r.stdout,
      );
    expect(summary).not.toBeNull();
    const [total, p1, p2, p3, p4, kev] = summary!.slice(1).map(Number) as number[];
    expect(total).toBe(rows.length);
    expect(p1! + p2! + p3! + p4!).toBe(total);
    expect(kev).toBe(rows.filter((l) => /\sKEV\s/.test(l)).length);
    expect(r.stdout).toContain(
      'Priorities assume clinical criticality unknown (--criticality) and exposure unknown (--exposure).',
    );
    expect(r.stdout).toMatch(/^Knowledge base: .*osv.* data of 2026-08-16, [\d.]+ days old/m);
  });

  it('warns on standard error when the knowledge base is stale', () => {
    // The demo knowledge base is of 2026-08-16 (DEMO_KNOWLEDGE_MODIFIED): stale since a week after.
    const r = vigil(db.url, 'scan', patched);
    expect(r.stderr).toMatch(
      /^warning: the knowledge base is stale: osv [\d.]+ days old \(expected within 7 days\)/m,
    );
  });

  it('takes the clinical context into the priorities', () => {
    const r = vigil(db.url, 'scan', workstation, '--criticality', 'life-critical', '--exposure', 'internet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^P1\s+CVE-2021-44228\s+KEV/m);
    expect(r.stdout).toContain('Priorities assume clinical criticality life-critical and exposure internet.');
  });

  it('answers JSON with each finding’s component ref, evidence path and fix', () => {
    const r = vigil(db.url, 'scan', workstation, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report).toMatchObject({ format: 'cyclonedx', componentCount: 4 });
    const log4shell = report.findings.find((f) => f.vulnerabilityId === 'CVE-2021-44228')!;
    expect(log4shell).toMatchObject({ componentRef: 'log4j', kev: true, nearestFix: '2.15.0' });
    expect(log4shell.evidence[0]!.path.map((p) => p.ref)).toEqual(['viewer', 'log4j']);
    expect(report.findings.find((f) => f.vulnerabilityId === 'CVE-2019-0708')?.componentRef).toBe('os');
    expect(report.knowledge.map((k) => k.source)).toContain('osv');
  });

  it('writes SARIF 2.1.0 to a file with --output, a result per finding at the component’s line', () => {
    const out = join(dir, 'scan.sarif');
    const r = vigil(db.url, 'scan', workstation, '--format', 'sarif', '--output', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${workstation}: \\d+ findings: .*Report \\(sarif\\) written to `));
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Vigil' } } }] });
    const run = log.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'CVE-2021-44228');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: workstation },
      region: { startLine: 33 },
    });
    expect(result.locations[0].logicalLocations[0].name).toBe(
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    );
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'CVE-2021-44228');
    expect(rule).toMatchObject({
      helpUri: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      properties: { 'security-severity': '10.0' },
    });
    // The CWEs come from the NVD record of the CVE.
    expect(rule.properties.tags).toContain('CWE-917');
  });

  it('writes a CycloneDX VDR that Vigil reads back, with the vulnerabilities on their components', () => {
    const r = vigil(db.url, 'scan', workstation, '--format', 'cyclonedx');
    expect(r.code).toBe(0);
    const back = parseSbom(r.stdout);
    if (!back.ok) throw new Error(back.errors.map(formatProblem).join('\n'));
    expect(back.value.components.map((c) => c.ref)).toEqual(['os', 'viewer', 'log4j', 'zlib']);
    const bom = JSON.parse(r.stdout);
    const byId = (id: string) => bom.vulnerabilities.find((v: { id: string }) => v.id === id);
    expect(byId('CVE-2021-44228')).toMatchObject({
      references: [{ id: 'GHSA-jfh8-c2jp-5v3q' }],
      recommendation: 'Upgrade log4j-core 2.14.1 to 2.15.0 or later.',
      affects: [{ ref: 'log4j', versions: [{ version: '2.14.1', status: 'affected' }] }],
    });
    expect(byId('CVE-2021-44228').cwes).toContain(917);
    expect(byId('CVE-2019-0708').affects).toEqual([
      { ref: 'os', versions: [{ version: '6.1.7601', status: 'affected' }] },
    ]);
  });

  it('fails the gate with exit 1 after printing the report, naming what tripped it', () => {
    const r = vigil(db.url, 'scan', workstation, '--fail-on', 'critical');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^P2\s+CVE-2021-44228/m);
    expect(r.stderr).toMatch(/--fail-on critical: \d+ findings rated critical or above \(CVSS\):/);
    expect(r.stderr).toMatch(/^ {2}P2 CVE-2021-44228 log4j-core@2\.14\.1 CVSS 10\.0 KEV$/m);
    // CVSS 8.8 is high, not critical.
    expect(r.stderr).not.toContain('CVE-2017-0143');
    expect(r.stderr).toMatch(/vigil: the scan failed the gate: \d+ findings trip --fail-on critical\./);
  });

  it('passes the gate with exit 0 when nothing trips it', () => {
    const r = vigil(db.url, 'scan', patched, '--fail-on', 'low');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SPDX 2.3, 2 components');
    expect(r.stdout).toContain('No known vulnerabilities found.');
    const kev = vigil(db.url, 'scan', patched, '--fail-on', 'kev', '--format', 'sarif');
    expect(kev.code).toBe(0);
    expect(JSON.parse(kev.stdout).runs[0].results).toEqual([]);
  });

  it('refuses an invalid SBOM with exit 1 and the importer’s problems: file, JSON path, what is wrong', () => {
    const r = vigil(db.url, 'scan', invalid);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error (${invalid}, $.components[1].name): A component has no name`);
  });

  it('offers every gate level the scan knows', () => {
    expect(FAIL_ON_CHOICES).toEqual(FAIL_ON);
  });

  it('answers usage errors with exit 2', () => {
    expect(vigil(db.url, 'scan', workstation, '--format', 'xml').code).toBe(2);
    expect(vigil(db.url, 'scan', workstation, '--fail-on', 'severe').code).toBe(2);
    expect(vigil(db.url, 'scan', workstation, '--exposure', 'everywhere').code).toBe(2);
    expect(vigil(db.url, 'scan', 'test/fixtures/scan/missing.json').code).toBe(2);
  });
});

describe('vigil scan against an empty knowledge base', () => {
  it('says so rather than reporting a clean SBOM', () => {
    const r = vigil(join(dir, 'empty.db'), 'scan', workstation);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nothing can be found: the knowledge base is empty.');
    expect(r.stderr).toContain(
      'warning: the knowledge base is empty: run vigil feeds sync or vigil feeds import; nothing can be found.',
    );
  });
});

// The same scan on PostgreSQL: the knowledge base is read through the other dialect's queries.
if (!postgresAvailable) console.warn('[postgres] skipping "vigil scan [postgres]": no server');
describe.skipIf(!postgresAvailable)('vigil scan [postgres]', () => {
  const db = useDemoKnowledge('postgres');

  it('finds Log4Shell, BlueKeep and EternalBlue as on SQLite', () => {
    const r = vigil(db.url, 'scan', workstation, '--format', 'json');
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.vulnerabilityId);
    expect(ids).toEqual(expect.arrayContaining(['CVE-2021-44228', 'CVE-2019-0708', 'CVE-2017-0144']));
  });
});
