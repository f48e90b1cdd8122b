import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advisoryPackageKey } from '../../src/core/advisories/ecosystems.js';
import { parseOsvText } from '../../src/formats/osv/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/osv/${name}`, import.meta.url), 'utf8');
const lines = (name: string) => fixture(name).split('\n');

describe('OSV records', () => {
  it('maps a GitHub advisory: aliases, ranges, versions, severity vector, CWEs and references', () => {
    const result = parseOsvText(lines('advisories.jsonl')[0]!, { file: 'advisories.jsonl', line: 1 });
    if (!result.ok) throw new Error(result.problem.message);
    const a = result.advisory;
    expect(a).toMatchObject({
      id: 'GHSA-jfh8-c2jp-5v3q',
      schemaVersion: '1.6.0',
      aliases: ['CVE-2021-44228'],
      modified: '2025-01-10T12:00:00Z',
      published: '2021-12-10T00:00:00Z',
      cwes: ['CWE-502', 'CWE-917'],
      severity: [
        {
          type: 'CVSS_V3',
          score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
          cvss: { version: '3.1', baseScore: 10, severity: 'CRITICAL' },
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' }],
    });
    expect(a.affected[0]).toEqual({
      package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [
            { kind: 'introduced', version: '2.0-beta9' },
            { kind: 'fixed', version: '2.15.0' },
          ],
        },
      ],
      versions: ['2.0-beta9', '2.14.1'],
      severity: [],
    });
    expect(a.databaseSpecific).toMatchObject({ severity: 'CRITICAL', github_reviewed: true });
  });

  it('keeps a withdrawn record, flagged, and a GIT range with its repository', () => {
    const [, pysec, , rustsec] = lines('advisories.jsonl').map((l) => parseOsvText(l));
    expect(rustsec).toMatchObject({ ok: true, advisory: { withdrawn: '2025-03-01T00:00:00Z' } });
    expect(pysec).toMatchObject({
      ok: true,
      advisory: {
        affected: [
          { ranges: [{ type: 'ECOSYSTEM' }, { type: 'GIT', repo: 'https://github.com/example/demo' }] },
        ],
      },
    });
  });

  it('skips each invalid record with its id, line and reason, and keeps the good ones', () => {
    const results = lines('bad-records.jsonl').map((text, i) =>
      text.trim() === '' ? undefined : parseOsvText(text, { file: 'bad-records.jsonl', line: i + 1 }),
    );
    const kept = results.flatMap((r) => (r?.ok ? [r.advisory.id] : []));
    expect(kept).toEqual(['GOOD-0001', 'GOOD-0008']);
    const skipped = results.flatMap((r) =>
      r && !r.ok ? [{ id: r.id, line: r.problem.line, code: r.problem.code }] : [],
    );
    expect(skipped).toEqual([
      { id: undefined, line: 2, code: 'json_syntax' },
      { id: undefined, line: 3, code: 'missing_id' },
      { id: 'NOMOD-0004', line: 4, code: 'missing_modified' },
      { id: 'FUTURE-0005', line: 5, code: 'unsupported_schema_version' },
      { id: 'RANGE-0006', line: 6, code: 'invalid_range' },
      { id: 'RANGE-0007', line: 7, code: 'invalid_range' },
    ]);
    const range = results[5];
    expect(range && !range.ok && range.problem).toMatchObject({
      file: 'bad-records.jsonl',
      path: '$.affected[0].ranges[0].events[1]',
    });
    expect(range && !range.ok && range.problem.message).toContain('RANGE-0006');
  });

  it('refuses a range without an introduced event, and a GIT range without a repository', () => {
    const record = (range: object) =>
      JSON.stringify({
        id: 'X-1',
        modified: '2025-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [range] }],
      });
    expect(parseOsvText(record({ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }))).toMatchObject({
      ok: false,
      problem: { code: 'invalid_range' },
    });
    expect(parseOsvText(record({ type: 'GIT', events: [{ introduced: '0' }] }))).toMatchObject({
      ok: false,
      problem: { code: 'invalid_range', path: '$.affected[0].ranges[0].repo' },
    });
    expect(parseOsvText(record({ type: 'SEMVER', events: [] }))).toMatchObject({ ok: false });
  });

  it('reads schema 1.x whatever its minor version, and a timestamp with a fraction or an offset', () => {
    const record = (extra: object) =>
      JSON.stringify({ id: 'X-1', modified: '2025-01-01T00:00:00.123456+02:00', ...extra });
    expect(parseOsvText(record({ schema_version: '1.7.3' })).ok).toBe(true);
    expect(parseOsvText(record({ schema_version: 'banana' }))).toMatchObject({
      ok: false,
      problem: { code: 'unsupported_schema_version' },
    });
    expect(parseOsvText(JSON.stringify({ id: 'X-1', modified: 'yesterday' }))).toMatchObject({
      ok: false,
      problem: { code: 'invalid_timestamp' },
    });
  });
});

describe('package keys of advisories', () => {
  it('gives the key component rows carry, per ecosystem', () => {
    expect(advisoryPackageKey('Maven', 'org.apache.logging.log4j:log4j-core')).toBe(
      'pkg:maven/org.apache.logging.log4j/log4j-core',
    );
    expect(advisoryPackageKey('PyPI', 'Demo_Package')).toBe('pkg:pypi/demo-package');
    expect(advisoryPackageKey('npm', '@Scope/Widget')).toBe('pkg:npm/@scope/widget');
    expect(advisoryPackageKey('crates.io', 'openssl')).toBe('pkg:cargo/openssl');
    expect(advisoryPackageKey('AlmaLinux:9', 'openssl')).toBe('pkg:rpm/almalinux/openssl');
    expect(advisoryPackageKey('Go', 'github.com/example/mod')).toBe('pkg:golang/github.com/example/mod');
    expect(advisoryPackageKey('Maven', 'no-colon')).toBeUndefined();
    expect(advisoryPackageKey('SomethingNew', 'x')).toBeUndefined();
  });
});

describe('OSV severity', () => {
  it('scores CVSS vectors, keeps other severities as published, and reports a vector that does not hold', () => {
    const result = parseOsvText(
      JSON.stringify({
        id: 'X-CVSS-1',
        modified: '2025-01-01T00:00:00Z',
        severity: [
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N' },
          { type: 'Ubuntu', score: 'high' },
        ],
        affected: [
          {
            package: { ecosystem: 'npm', name: 'x' },
            severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }],
          },
        ],
      }),
      { file: 'x.jsonl', line: 3 },
    );
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.advisory.severity.map((s) => s.cvss?.baseScore)).toEqual([10, undefined, undefined]);
    expect(result.advisory.severity[1]!.score).toMatch(/^CVSS:4.0/);
    expect(result.advisory.affected[0]!.severity[0]!.cvss).toMatchObject({ version: '2.0', baseScore: 7.5 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'invalid_cvss',
        file: 'x.jsonl',
        line: 3,
        path: '$.severity[1].score',
        message: expect.stringMatching(/^X-CVSS-1: its CVSS_V4 vector has no score: .*SA are missing/),
      }),
    ]);
  });
});
