import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEolApiJson, parseEolProductFile } from '../../src/formats/eol/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/eol/${name}`, import.meta.url), 'utf8');

describe('endoflife.date product files', () => {
  const result = parseEolProductFile(fixture('products/demo-os.md'), { file: 'demo-os.md', name: 'demo-os' });
  if (!result.ok) throw new Error(result.errors[0]!.message);
  const { product, skipped } = result.value;

  it('reads the product: name, label, category, identifiers', () => {
    expect(product).toMatchObject({
      name: 'demo-os',
      label: 'Demo OS',
      category: 'os',
      identifiers: [
        { type: 'cpe', id: 'cpe:2.3:o:demo:demo_os' },
        { type: 'purl', id: 'pkg:generic/demo-os' },
      ],
    });
  });

  it('reads each cycle with its dates; a cycle written 3.10 stays "3.10", true and false stay booleans', () => {
    expect(product.releases[0]).toEqual({
      cycle: '3.10',
      label: 'Demo OS 3.10 LTS',
      releaseDate: '2025-01-15',
      eol: '2030-01-15',
      support: '2027-01-15',
      extendedSupport: '2033-01-15',
      lts: true,
      latest: '3.10.4',
      latestReleaseDate: '2026-06-01',
    });
    expect(product.releases[1]).toMatchObject({ cycle: '3.9', support: true, eol: '2025-07-15' });
    expect(product.releases[2]).toMatchObject({ cycle: '2', eol: true, codename: 'Old Faithful' });
  });

  it('skips a cycle whose eol is not a date or a boolean, and a cycle listed twice, and says which', () => {
    expect(product.releases.map((r) => r.cycle)).toEqual(['3.10', '3.9', '2']);
    expect(skipped).toBe(2);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['invalid_release', '$.releases[3]'],
      ['duplicate_release', '$.releases[4]'],
    ]);
    expect(result.warnings[0]!.message).toMatch(/Release cycle 1 was skipped: its eol "someday"/);
  });

  it('refuses a file without front matter, or whose front matter is not YAML or has no releases', () => {
    const code = (text: string) => {
      const r = parseEolProductFile(text, { name: 'x' });
      return r.ok ? undefined : r.errors[0]!.code;
    };
    expect(code(fixture('not-a-product.md'))).toBe('not_eol');
    expect(code('---\ntitle: X\n---\n')).toBe('not_eol');
    expect(code('---\ntitle: [unclosed\n---\n')).toBe('yaml_syntax');
    expect(code('---\ntitle: X\ntitle: Y\nreleases: []\n---\n')).toBe('yaml_syntax');
  });
});

describe('endoflife.date API JSON', () => {
  it("reads a product's cycles: support and extendedSupport, booleans, a numeric cycle as text", () => {
    const result = parseEolApiJson(fixture('acme-firmware.json'), { name: 'acme-firmware' });
    if (!result.ok) throw new Error(result.errors[0]!.message);
    const { product, skipped } = result.value;
    expect(product.name).toBe('acme-firmware');
    expect(product.releases).toEqual([
      {
        cycle: '5',
        releaseDate: '2024-05-01',
        eol: false,
        support: '2026-05-01',
        extendedSupport: false,
        lts: false,
        latest: '5.2.1',
        latestReleaseDate: '2026-02-01',
      },
      {
        cycle: '4',
        releaseDate: '2021-05-01',
        eol: '2025-05-01',
        support: true,
        extendedSupport: '2027-05-01',
        lts: true,
        discontinued: '2024-01-01',
        latest: '4.9.9',
      },
      { cycle: '3', releaseDate: '2018-05-01', eol: true, latest: '3.4' },
    ]);
    expect(skipped).toBe(1);
    expect(result.warnings[0]).toMatchObject({ code: 'invalid_release', path: '$.releases[3]' });
  });

  it('keeps when the v1 API generated its answer (the data is current as of then), not when the product last changed', () => {
    const v1 = (meta: Record<string, unknown>) =>
      JSON.stringify({
        schema_version: '1.2.0',
        ...meta,
        result: { name: 'x', releases: [{ name: '1', isEol: true }] },
      });
    const answer = parseEolApiJson(
      v1({ generated_at: '2026-08-27T13:14:55+00:00', last_modified: '2026-03-01T00:00:00+00:00' }),
      { name: 'x' },
    );
    expect(answer).toMatchObject({ ok: true, value: { generatedAt: '2026-08-27T13:14:55.000Z' } });
    for (const meta of [{}, { generated_at: 'yesterday' }, { generated_at: '2026-08-27' }])
      expect(parseEolApiJson(v1(meta), { name: 'x' })).not.toHaveProperty('value.generatedAt');
    expect(parseEolApiJson(fixture('acme-firmware.json'), { name: 'x' })).not.toHaveProperty(
      'value.generatedAt',
    );
  });

  it('refuses what is not a list of cycles', () => {
    expect(parseEolApiJson('{"cycle": "1"}', { name: 'x' })).toMatchObject({
      ok: false,
      errors: [{ code: 'not_eol' }],
    });
    expect(parseEolApiJson('[', { name: 'x' })).toMatchObject({
      ok: false,
      errors: [{ code: 'json_syntax' }],
    });
  });
});
