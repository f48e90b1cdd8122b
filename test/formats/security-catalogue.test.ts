import { describe, expect, it } from 'vitest';
import { INITIAL_SECURITY_CATALOGUE } from '../../src/core/hygiene/security-catalogue.js';
import {
  MAX_SECURITY_CATALOGUE_BYTES,
  parseSecurityCatalogue,
  writeSecurityCatalogue,
} from '../../src/formats/security-catalogue/index.js';

const product = (fields: Record<string, unknown> = {}) => ({
  id: 'fortimail',
  label: 'FortiMail',
  vendor: 'Fortinet',
  names: ['fortimail'],
  kind: 'mail-filter',
  signatures: true,
  ...fields,
});
const catalogue = (products: unknown[], fields: Record<string, unknown> = {}) =>
  JSON.stringify({ asOf: '2026-11-30', products, ...fields }, null, 2);
const errorsOf = (text: string) => {
  const result = parseSecurityCatalogue(text, { file: 'catalogue.json' });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => [e.path, e.code]);
};

describe('security catalogue files', () => {
  it('reads back the built-in catalogue exactly as it was written out', () => {
    const result = parseSecurityCatalogue(writeSecurityCatalogue(INITIAL_SECURITY_CATALOGUE));
    expect(result).toEqual({ ok: true, value: INITIAL_SECURITY_CATALOGUE, warnings: [] });
  });

  it('reads a product with its facts, keeping only what is said', () => {
    const text = catalogue([
      product({
        platforms: [],
        latest: {
          version: '7.6.1',
          asOf: '2026-11-02',
          source: 'https://docs.fortinet.com/product/fortimail',
        },
        endOfLife: [{ versions: '6.4', date: '2025-03-31', source: 'Fortinet product life cycle' }],
      }),
    ]);
    const result = parseSecurityCatalogue(text);
    expect(result.ok && result.value.products[0]).toEqual({
      id: 'fortimail',
      label: 'FortiMail',
      vendor: 'Fortinet',
      names: ['fortimail'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
      latest: { version: '7.6.1', asOf: '2026-11-02', source: 'https://docs.fortinet.com/product/fortimail' },
      endOfLife: [{ versions: '6.4', date: '2025-03-31', source: 'Fortinet product life cycle' }],
    });
  });

  it('refuses a fact without its source, naming where it is', () => {
    expect(
      errorsOf(
        catalogue([
          product({
            latest: { version: '7.6.1', asOf: '2026-11-02' },
            endOfLife: [{ versions: '6.4', date: '2025-03-31', source: '  ' }],
          }),
        ]),
      ),
    ).toEqual([
      ['$.products[0].latest.source', 'missing_source'],
      ['$.products[0].endOfLife[0].source', 'missing_source'],
    ]);
  });

  it('refuses what would make a check silently skip or depend on the order of the file', () => {
    expect(
      errorsOf(
        catalogue([
          product(),
          product({ names: ['FortiMail'] }),
          product({ id: 'other', names: ['forti mail', 'fortimail'] }),
          product({
            id: 'third',
            names: ['third'],
            latest: { version: '…', asOf: '2026-11-02', source: 'x' },
          }),
        ]),
      ),
    ).toEqual([
      ['$.products[1].id', 'duplicate_id'],
      ['$.products[1].names[0]', 'duplicate_name'],
      ['$.products[2].names[1]', 'duplicate_name'],
      ['$.products[3].latest.version', 'invalid_version'],
    ]);
  });

  it('names every wrong field by its JSON path: types, dates, kinds, unknown fields', () => {
    expect(
      errorsOf(
        catalogue(
          [
            product({
              id: 'Forti Mail',
              kind: 'spam-filter',
              signatures: 'yes',
              platforms: ['windows', 'amiga'],
              lastest: { version: '1' },
              endOfLife: [{ versions: '6.4', date: '2025-02-30', source: 'x' }],
            }),
            'FortiMail',
          ],
          { asOf: '30/11/2026' },
        ),
      ),
    ).toEqual([
      ['$.asOf', 'invalid_date'],
      ['$.products[0].lastest', 'unknown_field'],
      ['$.products[0].id', 'invalid_value'],
      ['$.products[0].kind', 'invalid_value'],
      ['$.products[0].signatures', 'invalid_value'],
      ['$.products[0].platforms[1]', 'invalid_value'],
      ['$.products[0].endOfLife[0].date', 'invalid_date'],
      ['$.products[1]', 'invalid_value'],
    ]);
  });

  it('says where the JSON breaks, and refuses a document over the size limit before reading it', () => {
    const broken = parseSecurityCatalogue('{\n  "asOf": "2026-11-30",\n  "products": [,]\n}', {
      file: 'c.json',
    });
    expect(broken.ok === false && broken.errors[0]).toMatchObject({
      code: 'json_syntax',
      file: 'c.json',
      line: 3,
    });
    const huge = parseSecurityCatalogue(' '.repeat(MAX_SECURITY_CATALOGUE_BYTES + 1));
    expect(huge.ok === false && huge.errors[0]?.code).toBe('too_large');
    expect(errorsOf('[]')).toEqual([['$', 'invalid_value']]);
    expect(errorsOf(catalogue([]))).toEqual([['$.products', 'invalid_value']]);
  });

  it('compares names as the lookup does, and warns when a fact is dated after the catalogue', () => {
    const result = parseSecurityCatalogue(
      catalogue([
        product({
          names: ['FortiMail®  Gateway'],
          latest: { version: '7.6.1', asOf: '2026-12-15', source: 'x' },
        }),
      ]),
    );
    expect(result.ok && result.value.products[0]?.names).toEqual(['fortimail gateway']);
    expect(result.warnings.map((w) => [w.path, w.code])).toEqual([
      ['$.products[0].names[0]', 'name_normalised'],
      ['$.products[0].latest.asOf', 'fact_after_catalogue'],
    ]);
  });
});
