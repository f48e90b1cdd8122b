import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { importDevices } from '../../src/app/import-devices.js';
import { importSbom } from '../../src/app/import-sbom.js';
import type { VigilStore } from '../../src/app/ports.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** Everything an import could change, to compare before and after a refused one. */
async function snapshot(store: VigilStore) {
  const versions = await store.listProductVersions({ limit: 500 });
  const devices = await store.listDevices({ limit: 500 });
  return {
    counts: await store.counts(),
    versions: versions.items,
    sboms: await Promise.all(versions.items.map((v) => store.listSboms(v.id))),
    devices: devices.items,
  };
}

async function refusal(work: Promise<unknown>): Promise<ImportRefusedError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  return error as ImportRefusedError;
}

describeEachDialect('imports', (dialect) => {
  const ctx = useScratchStore(dialect);

  describe('SBOMs', () => {
    it.each([
      ['cyclonedx/infusion-pump-1.4.json', 'cyclonedx', 'json'],
      ['cyclonedx/infusion-pump-1.4.xml', 'cyclonedx', 'xml'],
      ['spdx/infusion-pump-2.3.spdx.json', 'spdx', 'json'],
      ['spdx/infusion-pump-2.3.spdx', 'spdx', 'tag-value'],
    ])(
      'imports %s, recognising its format, and stores every component it lists',
      async (path, format, encoding) => {
        const result = await importSbom(ctx.store, { content: fixture(path), fileName: path });
        expect(result.status).toBe('imported');
        expect(result.format).toBe(format);
        const sbom = await ctx.store.getSbom(result.sbomId!);
        expect(sbom).toMatchObject({ encoding, componentCount: result.componentCount, current: true });
        const components = await ctx.store.listComponents(result.sbomId!, { limit: 500 });
        expect(components.items).toHaveLength(result.componentCount);
        expect(await ctx.store.getSbomContent(result.sbomId!)).toBe(fixture(path).toString('utf8'));
      },
    );

    it('changes nothing when the same document arrives twice', async () => {
      const before = await snapshot(ctx.store);
      const again = await importSbom(ctx.store, { content: fixture('cyclonedx/infusion-pump-1.4.xml') });
      expect(again.status).toBe('unchanged');
      expect(await snapshot(ctx.store)).toEqual(before);
    });

    it('replaces the current SBOM of a product version and keeps the previous one in history', async () => {
      const first = await importSbom(ctx.store, {
        content: fixture('cyclonedx/minimal-1.6.json'),
        supplier: 'Acme Medical',
        product: 'History Pump',
        productVersion: '1.0',
      });
      const second = await importSbom(ctx.store, {
        content: fixture('cyclonedx/minimal-1.5.json'),
        supplier: 'Acme Medical',
        product: 'History Pump',
        productVersion: '1.0',
      });
      expect(second.replacedSbomId).toBe(first.sbomId);
      const history = await ctx.store.listSboms(second.productVersionId!);
      expect(history.map((s) => [s.id, s.current])).toEqual([
        [second.sbomId, true],
        [first.sbomId, false],
      ]);
    });

    it('imports a valid but imperfect document and reports its warnings; --strict refuses it', async () => {
      const warned = await importSbom(ctx.store, {
        content: fixture('spdx/warnings.spdx.json'),
        supplier: 'W',
        product: 'W',
        productVersion: '1',
      });
      expect(warned.status).toBe('imported');
      expect(warned.warnings.map((w) => w.code)).toContain('missing_version');
      const strict = await refusal(
        importSbom(ctx.store, {
          content: fixture('spdx/warnings.spdx.json'),
          supplier: 'W',
          product: 'W',
          productVersion: '2',
          strict: true,
        }),
      );
      expect(strict.errors.map((e) => e.code)).toContain('missing_version');
    });

    it.each([
      ['cyclonedx/malformed-json.txt', 'json_syntax', { line: expect.any(Number) }],
      ['cyclonedx/malformed.xml', 'xml_syntax', { line: expect.any(Number) }],
      ['cyclonedx/xxe.xml', 'xml_doctype', {}],
      ['cyclonedx/billion-laughs.xml', 'xml_doctype', {}],
      ['cyclonedx/spec-1.1.json', 'unsupported_spec_version', {}],
      ['cyclonedx/duplicate-bom-ref.json', 'duplicate_bom_ref', { path: expect.stringMatching(/^\$\./) }],
      ['cyclonedx/component-without-name.xml', 'invalid_field', { path: expect.stringMatching(/^\/bom/) }],
      ['spdx/spdx-3.0.spdx3.json', 'unsupported_spec_version', {}],
      ['spdx/duplicate-ids.spdx', 'duplicate_spdx_id', { line: expect.any(Number) }],
    ])('refuses %s with %s, naming the file and where, and stores nothing', async (path, code, where) => {
      const before = await snapshot(ctx.store);
      const error = await refusal(
        importSbom(ctx.store, {
          content: fixture(path),
          fileName: path,
          supplier: 'X',
          product: 'X',
          productVersion: '1',
        }),
      );
      expect(error.errors[0]).toMatchObject({ severity: 'error', code, file: path, ...where });
      expect(error.errors[0]!.message.length).toBeGreaterThan(10);
      expect(await snapshot(ctx.store)).toEqual(before);
    });

    it('refuses a document over the size limit before parsing it', async () => {
      const error = await refusal(
        importSbom(ctx.store, {
          content: fixture('cyclonedx/minimal-1.6.json'),
          fileName: 'big.json',
          maxBytes: 100,
        }),
      );
      expect(error.errors[0]).toMatchObject({ code: 'too_large', file: 'big.json' });
    });

    it('refuses a document that is not UTF-8 rather than storing it altered', async () => {
      const latin1 = Buffer.concat([
        fixture('cyclonedx/minimal-1.6.json').subarray(0, 20),
        Buffer.from([0xe9, 0xff]),
      ]);
      const error = await refusal(importSbom(ctx.store, { content: latin1, fileName: 'latin1.json' }));
      expect(error.errors[0]!.code).toBe('invalid_encoding');
    });

    it('asks for the product version when the document does not name one', async () => {
      const error = await refusal(
        importSbom(ctx.store, { content: fixture('cyclonedx/minimal-1.2.json'), fileName: 'anon.json' }),
      );
      expect(error.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['missing_supplier']));
      expect(error.errors.find((e) => e.code === 'missing_supplier')!.message).toContain('--supplier');
    });
  });

  describe('devices', () => {
    const mapping = {
      text: fixture('../../docs/mappings/cmms-sample.json').toString('utf8'),
      fileName: 'cmms-sample.json',
    };

    it('imports a CMMS export through its column mapping, then recognises every device the second time', async () => {
      const first = await importDevices(ctx.store, {
        content: fixture('device-csv/cmms-sample.csv'),
        fileName: 'cmms-sample.csv',
        mapping,
      });
      expect(first).toMatchObject({ rows: 15, created: 15, updated: 0 });
      const before = await snapshot(ctx.store);
      const second = await importDevices(ctx.store, {
        content: fixture('device-csv/cmms-sample.csv'),
        mapping,
      });
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 15 });
      expect(await snapshot(ctx.store)).toEqual(before);
    });

    it('refuses a whole file when one row is wrong, changing no device', async () => {
      const before = await snapshot(ctx.store);
      const lines = fixture('device-csv/cmms-sample.csv').toString('utf8').trimEnd().split('\n');
      // A change to a known device (which alone would update it), then a row with an impossible date.
      const changed = lines[1]!.replace(',ICU,', ',NICU,');
      const broken = lines[2]!.replace('03/14/2019', '14/03/2019');
      const csv = [lines[0], changed, broken].join('\n');
      const error = await refusal(
        importDevices(ctx.store, { content: csv, fileName: 'broken.csv', mapping }),
      );
      expect(error.errors[0]).toMatchObject({ code: 'invalid_date', file: 'broken.csv', line: 3 });
      expect(await snapshot(ctx.store)).toEqual(before);
    });

    it('refuses a CSV without the required columns, listing every missing one', async () => {
      const error = await refusal(
        importDevices(ctx.store, { content: 'serial_number,site\nX1,Main\n', fileName: 'thin.csv' }),
      );
      expect(error.errors[0]).toMatchObject({ code: 'missing_column', file: 'thin.csv', line: 1 });
      expect(error.errors.map((e) => e.message).join(' ')).toMatch(/asset_tag/);
      expect(error.errors.map((e) => e.message).join(' ')).toMatch(/manufacturer/);
    });
  });
});
