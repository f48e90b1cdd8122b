import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKevCatalogue } from '../../src/formats/kev/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/kev/${name}`, import.meta.url), 'utf8');

describe('CISA KEV catalogue', () => {
  it('reads every entry with its dates, ransomware use and CWEs, skipping an invalid one by name', () => {
    const result = parseKevCatalogue(fixture('catalogue.json'), { file: 'catalogue.json' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { catalogue, skipped } = result.value;
    expect(catalogue).toMatchObject({
      catalogVersion: '2025.08.25',
      dateReleased: '2025-08-25T17:04:19.9796Z',
      count: 4,
    });
    expect(catalogue.entries.map((e) => e.cveId)).toEqual([
      'CVE-2021-44228',
      'CVE-2017-0144',
      'CVE-2019-0708',
    ]);
    expect(catalogue.entries[0]).toMatchObject({
      vendorProject: 'Apache',
      product: 'Log4j2',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: 'Known',
      cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    });
    expect(skipped).toBe(1);
    expect(result.warnings[0]).toMatchObject({
      code: 'invalid_entry',
      path: '$.vulnerabilities[3]',
      file: 'catalogue.json',
    });
  });

  it('refuses a document that is not a catalogue, or not JSON, with the reason', () => {
    expect(parseKevCatalogue(fixture('not-a-catalogue.json'))).toMatchObject({
      ok: false,
      errors: [{ code: 'not_kev' }],
    });
    expect(parseKevCatalogue('{"vulnerabilities": [')).toMatchObject({
      ok: false,
      errors: [{ code: 'json_syntax', line: 1 }],
    });
  });
});
