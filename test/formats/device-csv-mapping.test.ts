import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseResult, Problem } from '../../src/core/problem.js';
import {
  DEFAULT_DEVICE_MAPPING,
  DEVICE_FIELDS,
  type DeviceMapping,
  parseDeviceMapping,
} from '../../src/formats/device-csv/index.js';

const FILE = 'mapping.json';

function errors(result: ParseResult<DeviceMapping>): Problem[] {
  if (result.ok) throw new Error('expected the mapping to be refused');
  return result.errors;
}

describe('parseDeviceMapping', () => {
  it('reads the sample CMMS mapping', () => {
    const text = readFileSync(new URL('../../docs/mappings/cmms-sample.json', import.meta.url), 'utf8');
    const result = parseDeviceMapping(text, 'cmms-sample.json');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.dateFormat).toBe('MM/DD/YYYY');
      expect(result.value.columns?.assetTag).toBe('Equipment ID');
    }
  });

  it('accepts the default mapping written out as JSON', () => {
    expect(parseDeviceMapping(JSON.stringify(DEFAULT_DEVICE_MAPPING)).ok).toBe(true);
  });

  it('maps every field in the default mapping', () => {
    expect(Object.keys(DEFAULT_DEVICE_MAPPING.columns ?? {}).sort()).toEqual([...DEVICE_FIELDS].sort());
  });

  it('accepts an empty object: Vigil’s own layout', () => {
    expect(parseDeviceMapping('{}')).toEqual({ ok: true, value: {}, warnings: [] });
  });

  it('refuses text that is not JSON, naming the line', () => {
    expect(errors(parseDeviceMapping('{\n  "dateFormat": "MM/DD/YYYY",\n}', FILE))).toEqual([
      expect.objectContaining({ code: 'json_syntax', file: FILE, line: 3 }),
    ]);
  });

  it('refuses schema violations, each with its JSON path', () => {
    const text = JSON.stringify({
      columns: { assetTag: '', serial: 'Serial #', ipAddress: [] },
      delimiter: '|',
      dateFormat: 'YYYY/MM/DD',
      valueMaps: { status: { Active: 'active' }, assetTag: { a: 'b' } },
      defaults: { assetTag: 'X' },
      extra: true,
    });
    const found = errors(parseDeviceMapping(text, FILE));
    expect(found.every((e) => e.code === 'invalid_mapping' && e.file === FILE)).toBe(true);
    expect(found.map((e) => e.path).sort()).toEqual(
      [
        '$.extra',
        '$.columns.serial',
        '$.columns.assetTag',
        '$.columns.ipAddress',
        '$.delimiter',
        '$.dateFormat',
        '$.valueMaps.assetTag',
        '$.valueMaps.status.Active',
        '$.defaults.assetTag',
      ].sort(),
    );
    const byPath = new Map(found.map((e) => [e.path, e.message]));
    expect(byPath.get('$.columns.serial')).toContain('unknown field; the fields are assetTag, serialNumber');
    expect(byPath.get('$.delimiter')).toBe(
      'Mapping $.delimiter: expected one of "auto", ",", ";", "\\t", got "|"',
    );
    expect(byPath.get('$.valueMaps.status.Active')).toContain('expected one of "in-service", "in-storage"');
    expect(byPath.get('$.defaults.assetTag')).toContain('defaults apply to manufacturer, model');
  });

  it('quotes JSON path keys that are not identifiers', () => {
    const found = errors(parseDeviceMapping(JSON.stringify({ valueMaps: { status: { 'Tier 1': 'top' } } })));
    expect(found[0]?.path).toBe('$.valueMaps.status["Tier 1"]');
  });

  it('refuses a default that is not an accepted value even after the value maps', () => {
    const text = JSON.stringify({
      defaults: { status: 'Running' },
      valueMaps: { status: { Active: 'in-service' } },
    });
    expect(errors(parseDeviceMapping(text, FILE))).toEqual([
      {
        severity: 'error',
        code: 'invalid_mapping',
        file: FILE,
        path: '$.defaults.status',
        message:
          'Mapping $.defaults.status: "Running" is not a status; accepted: in-service, in-storage, maintenance, retired, missing',
      },
    ]);
  });

  it('accepts a default spelled as the export spells it', () => {
    const text = JSON.stringify({
      defaults: { status: 'Active', clinicalCriticality: 'Tier 1' },
      valueMaps: { clinicalCriticality: { 'tier 1': 'life-critical' } },
    });
    expect(parseDeviceMapping(text).ok).toBe(true);
  });

  it('refuses value-map keys that differ only in case but map to different values', () => {
    const text = JSON.stringify({ valueMaps: { status: { Inactive: 'in-storage', INACTIVE: 'retired' } } });
    expect(errors(parseDeviceMapping(text))).toEqual([
      expect.objectContaining({ code: 'invalid_mapping', path: '$.valueMaps.status.INACTIVE' }),
    ]);
  });
});
