import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvdCve, readNvdDocument } from '../../src/formats/nvd/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/nvd/${name}`, import.meta.url), 'utf8');

function records(name: string) {
  const document = readNvdDocument(fixture(name), { file: name });
  if (!document.ok) throw new Error(document.errors[0]!.message);
  return document.value.records.map((r) => parseNvdCve(r.value, { file: name, path: r.path }));
}

describe('NVD CVE API 2.0 records', () => {
  it('maps a CVE: UTC dates, the English description, each CVSS version scored, CWEs, references', () => {
    const [first] = records('page.json');
    if (!first?.ok) throw new Error('CVE-2099-0001 was skipped');
    expect(first.warnings).toEqual([]);
    const cve = first.cve;
    expect(cve).toMatchObject({
      id: 'CVE-2099-0001',
      sourceIdentifier: 'cve@mitre.org',
      published: '2099-01-10T12:00:00.000Z',
      lastModified: '2099-03-01T08:30:00.500Z',
      vulnStatus: 'Analyzed',
      description: expect.stringMatching(/^A buffer overflow/),
      cwes: ['CWE-787'],
      references: [
        {
          url: 'https://psirt.example.com/advisories/2099-0001',
          source: 'cve@mitre.org',
          tags: ['Vendor Advisory'],
        },
      ],
    });
    expect(cve.withdrawn).toBeUndefined();
    expect(cve.metrics).toEqual([
      {
        version: '2.0',
        vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
        baseScore: 7.5,
        severity: 'HIGH',
        source: 'nvd@nist.gov',
        type: 'Primary',
      },
      expect.objectContaining({ version: '3.1', baseScore: 9.8, severity: 'CRITICAL', type: 'Primary' }),
      expect.objectContaining({
        version: '4.0',
        baseScore: 9.3,
        source: 'psirt@example.com',
        type: 'Secondary',
      }),
    ]);
  });

  it('keeps the CPE configuration: operators, negation, each match with its parsed CPE and version bounds', () => {
    const [first] = records('page.json');
    if (!first?.ok) throw new Error('skipped');
    const [config] = first.cve.configurations;
    expect(config).toMatchObject({ operator: 'AND', negate: false });
    expect(config!.nodes.map((n) => [n.operator, n.negate, n.cpeMatch.length])).toEqual([
      ['OR', false, 2],
      ['OR', false, 1],
    ]);
    const [range, exact] = config!.nodes[0]!.cpeMatch;
    expect(range).toMatchObject({
      vulnerable: true,
      versionStartIncluding: '4.0',
      versionEndExcluding: '4.2.2',
      matchCriteriaId: '11111111-2222-3333-4444-555555555555',
      cpe: {
        part: 'o',
        vendor: { value: 'medivance' },
        product: { value: 'infusia_lvp_firmware' },
        version: { kind: 'any' },
      },
    });
    expect(exact!.cpe).toMatchObject({ version: { value: '3.9' }, update: { value: 'sp1' } });
    expect(config!.nodes[1]!.cpeMatch[0]).toMatchObject({
      vulnerable: false,
      cpe: { part: 'h', version: { kind: 'na' } },
    });
  });

  it('flags a rejected CVE as withdrawn at its last modification', () => {
    const [, rejected] = records('page.json');
    expect(rejected).toMatchObject({
      ok: true,
      cve: { id: 'CVE-2099-0002', vulnStatus: 'Rejected', withdrawn: '2099-02-01T00:00:00.000Z' },
    });
  });

  it('keeps a record without a CVSS vector that does not hold, and says so; a score that differs is recomputed', () => {
    const [, , treck] = records('page.json');
    if (!treck?.ok) throw new Error('skipped');
    expect(treck.cve.metrics.map((m) => [m.version, m.baseScore])).toEqual([['3.0', 10]]);
    expect(treck.warnings.map((w) => [w.code, w.path])).toEqual([
      ['cvss_score_mismatch', '$.vulnerabilities[2].cve.metrics.cvssMetricV30[0].cvssData.baseScore'],
      ['invalid_cvss', '$.vulnerabilities[2].cve.metrics.cvssMetricV31[0].cvssData'],
    ]);
    expect(treck.warnings[1]!.message).toMatch(/^CVE-2099-0003: .*base metrics A are missing/);
    // The escaped slash of "tcp\/ip" is part of the product's name.
    expect(treck.cve.configurations[0]!.nodes[0]!.cpeMatch[0]!.cpe.product).toMatchObject({
      value: 'tcp/ip',
    });
    expect(treck.cve.configurations[0]!.operator).toBeUndefined();
  });

  it('skips each invalid record with its id, file and JSON path, and keeps the good ones', () => {
    const results = records('page.json');
    expect(results.filter((r) => r.ok).length).toBe(3);
    expect(results.flatMap((r) => (r.ok ? [] : [[r.id, r.problem.code, r.problem.path]]))).toEqual([
      [
        'CVE-2099-0004',
        'invalid_cpe',
        '$.vulnerabilities[3].cve.configurations[0].nodes[0].cpeMatch[0].criteria',
      ],
      ['NOT-A-CVE', 'invalid_id', '$.vulnerabilities[4].cve.id'],
      ['CVE-2099-0006', 'invalid_timestamp', '$.vulnerabilities[5].cve.lastModified'],
    ]);
    const cpe = results[3];
    expect(cpe && !cpe.ok && cpe.problem).toMatchObject({ file: 'page.json', severity: 'error' });
    expect(cpe && !cpe.ok && cpe.problem.message).toMatch(/CVE-2099-0004 was skipped: .*10 attributes/);
  });

  it('reads a bare CVE file (one per CVE), a feed of them and a JSON array as well as a page', () => {
    expect(readNvdDocument(fixture('CVE-2099-0005.json'))).toMatchObject({
      ok: true,
      value: { shape: 'cve', records: [{ path: '$' }] },
    });
    const cve = JSON.parse(fixture('CVE-2099-0005.json'));
    expect(readNvdDocument(JSON.stringify({ cve_items: [cve, cve] }))).toMatchObject({
      ok: true,
      value: { shape: 'feed', records: [{ path: '$.cve_items[0]' }, { path: '$.cve_items[1]' }] },
    });
    expect(readNvdDocument(JSON.stringify([{ cve }]))).toMatchObject({
      value: { shape: 'list', records: [{ path: '$[0].cve' }] },
    });
    expect(readNvdDocument(fixture('page.json'))).toMatchObject({ value: { totalResults: 6 } });
  });

  it('refuses a document that is not NVD API 2.0 data: legacy 1.1, CVE JSON 5, another version, not JSON', () => {
    const code = (text: string) => {
      const r = readNvdDocument(text);
      return r.ok ? undefined : r.errors[0]!.code;
    };
    expect(code(fixture('legacy-1.1.json'))).toBe('unsupported_version');
    expect(code(JSON.stringify({ dataType: 'CVE_RECORD', cveMetadata: {} }))).toBe('not_nvd');
    expect(code(JSON.stringify({ format: 'NVD_CVE', version: '3.0', vulnerabilities: [] }))).toBe(
      'unsupported_version',
    );
    expect(code(JSON.stringify({ format: 'NVD_CPE', version: '2.0', vulnerabilities: [] }))).toBe('not_nvd');
    expect(code('{"vulnerabilities": [')).toBe('json_syntax');
    expect(code('"text"')).toBe('not_nvd');
  });
});
