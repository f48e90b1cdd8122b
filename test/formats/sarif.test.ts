import { describe, expect, it } from 'vitest';
import {
  levelOf,
  SARIF_SCHEMA,
  type SarifFinding,
  sarifLog,
  severityOf,
  writeSarif,
} from '../../src/formats/sarif/index.js';

const log4shell: SarifFinding = {
  vulnerabilityId: 'CVE-2021-44228',
  source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
  advisoryIds: ['GHSA-jfh8-c2jp-5v3q'],
  summary: 'Log4Shell: JNDI lookups run code.',
  cvssScore: 10,
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  severity: 'CRITICAL',
  cwes: ['CWE-502', 'CWE-917'],
  kev: true,
  epss: 0.99999,
  priority: 'P1',
  priorityReason: 'known exploited on a device reachable from the internet',
  nearestFix: '2.15.0',
  componentKey: 'pkg:maven/org.apache.logging.log4j/log4j-core',
  componentName: 'log4j-core',
  componentVersion: '2.14.1',
  componentPurl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  line: 33,
};

const bluekeep: SarifFinding = {
  vulnerabilityId: 'CVE-2019-0708',
  source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-0708' },
  advisoryIds: ['CVE-2019-0708'],
  kev: false,
  priority: 'P3',
  priorityReason: 'likely to be exploited',
  componentKey: 'cpe:microsoft:windows_7',
  componentName: 'Windows 7',
  componentVersion: '6.1.7601',
};

const input = {
  tool: { name: 'Vigil', version: '1.2.3' },
  artifactUri: 'sboms/workstation.cdx.json',
  findings: [log4shell, { ...log4shell, componentVersion: '2.14.0', line: 40 }, bluekeep],
};

const LEVELS: readonly string[] = ['none', 'note', 'warning', 'error'];

/**
 * What the SARIF 2.1.0 schema requires of what Vigil writes (sarifLog: version, runs; run: tool; tool: driver;
 * toolComponent: name; result: message with text; reportingDescriptor: id; region: startLine ≥ 1), as a list
 * of what is wrong; empty when valid.
 */
type SarifLog = ReturnType<typeof sarifLog>;
type Result = SarifLog['runs'][number]['results'][number];

function sarifProblems(log: SarifLog): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(log.version === '2.1.0', 'version is 2.1.0');
  check(typeof log.$schema === 'string' && /sarif-schema-2\.1\.0\.json$/.test(log.$schema), '$schema');
  check(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  for (const run of log.runs) {
    const driver = run.tool?.driver;
    check(typeof driver?.name === 'string' && driver.name !== '', 'runs[].tool.driver.name');
    const rules = driver?.rules ?? [];
    for (const rule of rules) check(typeof rule.id === 'string', 'rules[].id');
    check(new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids unique');
    for (const result of run.results ?? []) {
      check(typeof result.ruleId === 'string', 'results[].ruleId');
      check(typeof result.message?.text === 'string' && result.message.text !== '', 'results[].message.text');
      check(LEVELS.includes(result.level), `results[].level ${result.level}`);
      check(rules[result.ruleIndex]?.id === result.ruleId, 'results[].ruleIndex points at its rule');
      for (const location of result.locations ?? []) {
        const physical = location.physicalLocation;
        check(typeof physical?.artifactLocation?.uri === 'string', 'artifactLocation.uri');
        check(
          Number.isInteger(physical?.region?.startLine) && physical.region.startLine >= 1,
          'region.startLine',
        );
      }
      for (const value of Object.values(result.partialFingerprints ?? {}))
        check(typeof value === 'string', 'partialFingerprints are strings');
    }
  }
  return problems;
}

describe('SARIF 2.1.0 report', () => {
  const log = JSON.parse(writeSarif(input)) as SarifLog;
  const run = log.runs[0]!;

  it('has the structure the SARIF 2.1.0 schema requires', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(sarifProblems(log)).toEqual([]);
    expect(sarifProblems({ ...log, version: '2.0.0' })).toContain('version is 2.1.0');
  });

  it('names Vigil and its version as the tool', () => {
    expect(run.tool.driver).toMatchObject({ name: 'Vigil', version: '1.2.3', semanticVersion: '1.2.3' });
  });

  it('has a rule per vulnerability, with its advisory, CVSS score as security-severity and tags', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-2019-0708', 'CVE-2021-44228']);
    const rule = run.tool.driver.rules[1]!;
    expect(rule).toMatchObject({
      helpUri: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      shortDescription: { text: 'CVE-2021-44228: Log4Shell: JNDI lookups run code.' },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '10.0' },
    });
    expect(rule.properties.tags).toEqual([
      'security',
      'vulnerability',
      'critical',
      'known-exploited',
      'CWE-502',
      'CWE-917',
    ]);
    expect(run.tool.driver.rules[0]!.properties).not.toHaveProperty('security-severity');
  });

  it('has a result per finding, pointing at the SBOM line and naming the component', () => {
    expect(run.results).toHaveLength(3);
    const [first, , last] = run.results as [Result, Result, Result];
    expect(first).toMatchObject({ ruleId: 'CVE-2021-44228', level: 'error' });
    expect(first.message.text).toBe(
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 is affected by CVE-2021-44228 (GHSA-jfh8-c2jp-5v3q): ' +
        'Log4Shell: JNDI lookups run code. Priority P1: known exploited on a device reachable from the internet. ' +
        'Known to be exploited (CISA KEV). Fixed in 2.15.0.',
    );
    expect(first.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'sboms/workstation.cdx.json' },
        region: { startLine: 33 },
      },
      logicalLocations: [
        {
          name: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
          fullyQualifiedName: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
          kind: 'module',
        },
      ],
    });
    expect(last.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    expect(last.locations[0]!.logicalLocations[0]!.name).toBe('Windows 7@6.1.7601');
    expect(last.message.text).toContain('No fixed version is known.');
  });

  it('fingerprints a finding by vulnerability and package, whatever its version or line', () => {
    const [a, b, c] = run.results.map((r) => r.partialFingerprints);
    expect(a).toEqual({ 'vigilFinding/v1': 'CVE-2021-44228|pkg:maven/org.apache.logging.log4j/log4j-core' });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(sarifLog(input)).toEqual(sarifLog(input));
  });

  it('writes a valid log with no findings', () => {
    const empty = JSON.parse(writeSarif({ ...input, findings: [] })) as SarifLog;
    expect(sarifProblems(empty)).toEqual([]);
    expect(empty.runs[0]!.results).toEqual([]);
    expect(empty.runs[0]!.tool.driver.rules).toEqual([]);
  });
});

describe('SARIF levels', () => {
  it('makes critical and high errors, medium warnings, low notes, and an unrated finding a warning', () => {
    expect(['critical', 'high', 'medium', 'low', 'none', undefined].map((s) => levelOf(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
      'warning',
    ]);
  });

  it('rates by the score when the knowledge base gave no severity, CVSS v2 in its own bands', () => {
    expect(severityOf({ cvssScore: 9.3, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L' })).toBe(
      'critical',
    );
    expect(severityOf({ cvssScore: 9.3, cvssVector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C' })).toBe('high');
    expect(severityOf({ severity: 'MEDIUM', cvssScore: 9.3 })).toBe('medium');
    expect(severityOf({})).toBeUndefined();
  });
});
