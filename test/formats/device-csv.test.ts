import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeviceInput } from '../../src/core/device.js';
import type { ParseResult, Problem } from '../../src/core/problem.js';
import {
  DEFAULT_DEVICE_MAPPING,
  type DeviceMapping,
  parseDeviceCsv,
  parseDeviceMapping,
} from '../../src/formats/device-csv/index.js';

const FILE = 'inventory.csv';
const HEADER = 'asset_tag,manufacturer,model,site';

/** CSV text from lines, LF-terminated. */
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

function devices(result: ParseResult<DeviceInput[]>): DeviceInput[] {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.value;
}

function errors(result: ParseResult<DeviceInput[]>): Problem[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

const read = (text: string, mapping?: DeviceMapping) => parseDeviceCsv(text, { file: FILE, mapping });

/** Warnings other than the status default, which the short test files here all trigger. */
const warningsBut = (result: ParseResult<DeviceInput[]>) =>
  result.warnings.filter((w) => w.code !== 'status_defaulted');

function mapping(overrides: Partial<DeviceMapping>): DeviceMapping {
  return { ...DEFAULT_DEVICE_MAPPING, ...overrides };
}

describe('parseDeviceCsv: Vigil’s own layout', () => {
  it('reads every column of the default mapping into a DeviceInput', () => {
    const header =
      'asset_tag,serial_number,manufacturer,model,software_version,device_type,site,location,department,clinical_function,clinical_criticality,status,ip_address,mac_address,hostname,os_name,os_version,os_build,os_edition,last_patch_date,installed_updates,security_software,security_software_version,av_signature_date,owner,purchase_date,end_of_support_date,patch_policy,patch_restrictions';
    const row =
      'BME-1,SN1,GE Healthcare,CARESCAPE B450,2.1.3,patient-monitor,Main,4W-12,ICU,monitoring,life-critical,in-service,10.0.0.5,00:1A:2B:3C:4D:5E,mon-1,Windows,10,19044,IoT Enterprise,2024-03-05,KB5005565;KB5006670,Trellix,10.7,2024-03-01,Biomed,2019-06-01,2029-12-31,supplier-approval-required,Only validated bundles';
    const result = read(csv(header, row));
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: [
        {
          assetTag: 'BME-1',
          serialNumber: 'SN1',
          manufacturer: 'GE Healthcare',
          model: 'CARESCAPE B450',
          softwareVersion: '2.1.3',
          deviceType: 'patient-monitor',
          site: 'Main',
          location: '4W-12',
          department: 'ICU',
          clinicalFunction: 'monitoring',
          clinicalCriticality: 'life-critical',
          status: 'in-service',
          networkIdentities: [{ ipAddress: '10.0.0.5', macAddress: '00:1a:2b:3c:4d:5e', hostname: 'mon-1' }],
          os: { name: 'Windows', version: '10', build: '19044', edition: 'IoT Enterprise' },
          lastPatchDate: '2024-03-05',
          installedUpdates: ['KB5005565', 'KB5006670'],
          securitySoftware: [{ product: 'Trellix', version: '10.7', signatureDate: '2024-03-01' }],
          owner: 'Biomed',
          purchaseDate: '2019-06-01',
          endOfSupportDate: '2029-12-31',
          patchPolicy: 'supplier-approval-required',
          patchRestrictions: 'Only validated bundles',
        },
      ],
    });
  });

  it('trims every value and leaves empty cells absent, never empty strings', () => {
    const [device] = devices(
      read(
        csv(
          `${HEADER},serial_number,location,status,os_name`,
          '  BME-1 , GE ,  M1,  Main ,   ,"  ",active, ',
        ),
      ),
    );
    expect(device).toEqual({
      assetTag: 'BME-1',
      manufacturer: 'GE',
      model: 'M1',
      site: 'Main',
      status: 'in-service',
      networkIdentities: [],
      installedUpdates: [],
      securitySoftware: [],
    });
    expect(Object.keys(device ?? {})).not.toContain('serialNumber');
    expect(Object.keys(device ?? {})).not.toContain('os');
  });

  it('matches header names ignoring case and surrounding spaces', () => {
    expect(devices(read(csv(' Asset_Tag ,MANUFACTURER,Model,  site', 'A,B,C,D')))).toHaveLength(1);
  });

  it('skips blank lines and rows of empty cells that spreadsheets leave behind', () => {
    expect(devices(read(csv(HEADER, 'A,B,C,D', '', ',,,', 'E,F,G,H')))).toHaveLength(2);
  });
});

describe('parseDeviceCsv: delimiters, BOM and line numbers', () => {
  it('reads a semicolon file with a byte-order mark, detecting the delimiter from the header', () => {
    const result = read(
      `\uFEFFasset_tag;manufacturer;model;site;installed_updates\r\nBME-1;GE;M1;Main;"KB1;KB2"\r\n`,
    );
    expect(devices(result)).toEqual([
      expect.objectContaining({ assetTag: 'BME-1', installedUpdates: ['KB1', 'KB2'] }),
    ]);
  });

  it('detects a tab delimiter', () => {
    expect(devices(read('asset_tag\tmanufacturer\tmodel\tsite\nA\tB, Inc.\tC\tD\n'))[0]?.manufacturer).toBe(
      'B, Inc.',
    );
  });

  it('uses the delimiter the mapping names instead of detecting one', () => {
    // The header has more commas than semicolons, so detection would pick the comma.
    const text = 'asset_tag;manufacturer;model;site,with,commas\nA;B;C;D\n';
    expect(errors(read(text))[0]?.code).toBe('missing_column');
    const result = read(text, mapping({ delimiter: ';', defaults: { site: 'Main' } }));
    expect(devices(result)[0]?.site).toBe('Main');
  });

  it('reports the line a row starts on when an earlier quoted field spans lines (LF)', () => {
    const text = csv(HEADER, 'A1,"Multi', 'line', 'maker",M,S', 'A1,B,C,D');
    expect(errors(read(text))).toEqual([
      expect.objectContaining({
        code: 'duplicate_asset_tag',
        line: 5,
        message: expect.stringContaining('line 2 and again on line 5'),
      }),
    ]);
  });

  it('reports the line a row starts on when an earlier quoted field spans lines (CRLF)', () => {
    // csv-parse's own line count doubles CRLFs inside quotes; this would say 8.
    const text = [
      'asset_tag,manufacturer,model,site',
      'A1,"Multi',
      'line',
      'maker",M,S',
      '',
      'A1,B,C,D',
      '',
    ].join('\r\n');
    expect(errors(read(text))).toEqual([expect.objectContaining({ code: 'duplicate_asset_tag', line: 6 })]);
  });

  it('reports a multi-line row by the line it starts on', () => {
    const text = csv(HEADER, 'A1,B,C,D', 'A2,"Multi', 'line",C,D', ',"x', 'y",C,D');
    expect(errors(read(text))).toEqual([expect.objectContaining({ code: 'missing_value', line: 5 })]);
  });

  it('counts lines in old Mac (CR-only) files', () => {
    const text = 'asset_tag,manufacturer,model,site\rA1,B,C,D\r\rA1,B,C,D\r';
    expect(errors(read(text))).toEqual([expect.objectContaining({ code: 'duplicate_asset_tag', line: 4 })]);
  });
});

describe('parseDeviceCsv: missing columns', () => {
  it('refuses a file without required columns, listing every missing one and the headers found', () => {
    const result = read(csv('asset_tag,Model Name,location', 'A,B,C'));
    const found = errors(result);
    expect(found.map((e) => [e.code, e.line, e.file])).toEqual([
      ['missing_column', 1, FILE],
      ['missing_column', 1, FILE],
      ['missing_column', 1, FILE],
    ]);
    expect(found[0]?.message).toContain('no column "manufacturer" for the manufacturer');
    expect(found[1]?.message).toContain('no column "model" for the model');
    expect(found[2]?.message).toContain('no column "site" for the site');
    for (const e of found)
      expect(e.message).toContain('Headers found: "asset_tag", "Model Name", "location"');
  });

  it('hints at the delimiter when the header is one column holding delimiters', () => {
    const result = read(csv('asset_tag|manufacturer|model|site', 'A|B|C|D'));
    expect(errors(result)[0]?.message).toContain('is the delimiter right?');
  });

  it('does not require the site column when the mapping gives a default site', () => {
    const result = read(
      csv('asset_tag,manufacturer,model', 'A,B,C'),
      mapping({ defaults: { site: 'Main Campus' } }),
    );
    expect(devices(result)[0]?.site).toBe('Main Campus');
  });

  it('says when the mapping names no column at all for a required field', () => {
    const result = read(csv(HEADER, 'A,B,C,D'), {
      columns: { assetTag: 'asset_tag', model: 'model', site: 'site' },
    });
    expect(errors(result)).toEqual([
      expect.objectContaining({
        code: 'missing_column',
        message: expect.stringContaining('the mapping names no column for the manufacturer'),
      }),
    ]);
  });

  it('refuses a header where a mapped column appears twice', () => {
    const result = read(csv(`${HEADER},Site`, 'A,B,C,D,E'));
    expect(errors(result)).toEqual([
      expect.objectContaining({
        code: 'duplicate_column',
        line: 1,
        message: expect.stringContaining('Column "site" appears 2 times in the header (columns 4, 5)'),
      }),
    ]);
  });
});

describe('parseDeviceCsv: CSV syntax', () => {
  it('refuses a row with the wrong number of fields, naming its line, and goes on to check the rest', () => {
    const found = errors(read(csv(HEADER, 'A1,B,C,D', 'A2,B,C', 'A3,B,C,D', 'A4,B,C,D,E,F')));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'csv_syntax',
        line: 3,
        file: FILE,
        message: expect.stringContaining('the row has 3 field(s) but the header has 4'),
      }),
      expect.objectContaining({
        code: 'csv_syntax',
        line: 5,
        message: expect.stringContaining('has 6 field(s)'),
      }),
    ]);
  });

  it('refuses an unclosed quote, naming the line of the row where it opens', () => {
    const found = errors(read(csv(HEADER, 'A1,B,C,D', 'A2,"B,C,D', 'A3,B,C,D', 'A4,B,C,D')));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'csv_syntax',
        line: 3,
        message: expect.stringContaining('never closed'),
      }),
    ]);
  });

  it('refuses text after a closing quote', () => {
    const found = errors(read(csv(HEADER, 'A1,"B" x,C,D')));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'csv_syntax',
        line: 2,
        message: expect.stringContaining('Invalid Closing Quote'),
      }),
    ]);
  });

  it('keeps the row errors found before a syntax error', () => {
    const found = errors(read(csv(HEADER, ',B,C,D', 'A2,"B,C,D')));
    expect(found.map((e) => [e.code, e.line])).toEqual([
      ['missing_value', 2],
      ['csv_syntax', 3],
    ]);
  });
});

describe('parseDeviceCsv: empty files', () => {
  it.each([
    ['an empty file', ''],
    ['a byte-order mark only', '\uFEFF'],
    ['blank lines only', '\n\n'],
    ['a header only', csv(HEADER)],
    ['a header and empty rows', csv(HEADER, ',,,')],
  ])('accepts %s as 0 devices with a no_rows warning', (_name, text) => {
    const result = read(text);
    expect(result).toEqual({
      ok: true,
      value: [],
      warnings: [expect.objectContaining({ severity: 'warning', code: 'no_rows', file: FILE })],
    });
  });

  it('still refuses a header-only file whose header does not fit the mapping', () => {
    expect(errors(read(csv('asset_tag,model'))).map((e) => e.code)).toEqual([
      'missing_column',
      'missing_column',
    ]);
  });
});

describe('parseDeviceCsv: row errors', () => {
  it('refuses a row without an asset tag, naming the line and column', () => {
    expect(errors(read(csv(HEADER, 'A1,B,C,D', '  ,B,C,D')))).toEqual([
      {
        severity: 'error',
        code: 'missing_value',
        file: FILE,
        line: 3,
        message: 'Column "asset_tag" is empty: every device needs an asset tag',
      },
    ]);
  });

  it('refuses a row without a manufacturer, model or site', () => {
    const found = errors(read(csv(HEADER, 'A1,,,')));
    expect(found.map((e) => e.message)).toEqual([
      'Column "manufacturer" is empty: every device needs a manufacturer',
      'Column "model" is empty: every device needs a model',
      'Column "site" is empty: every device needs a site',
    ]);
  });

  it('refuses a file whose asset tags repeat, naming both lines', () => {
    expect(errors(read(csv(HEADER, 'BME-1,B,C,D', 'BME-2,B,C,D', 'BME-1,X,Y,Z')))).toEqual([
      {
        severity: 'error',
        code: 'duplicate_asset_tag',
        file: FILE,
        line: 4,
        message: 'Column "asset_tag": asset tag "BME-1" is on line 2 and again on line 4',
      },
    ]);
  });

  it('refuses an invalid date, showing the value and the expected format', () => {
    const result = read(csv(`${HEADER},purchase_date`, 'A1,B,C,D,2023-02-29'));
    expect(errors(result)).toEqual([
      {
        severity: 'error',
        code: 'invalid_date',
        file: FILE,
        line: 2,
        message:
          'Column "purchase_date": "2023-02-29" is not a valid date (purchase date); expected YYYY-MM-DD (ISO dates such as 2024-03-31 are also accepted)',
      },
    ]);
  });

  it('reads dates in the configured format and always accepts ISO dates and datetimes', () => {
    const header = `${HEADER},purchase_date,last_patch_date,end_of_support_date`;
    const us = devices(
      read(
        csv(header, 'A1,B,C,D,03/04/2021,2024-03-05T23:30:00-05:00,2/29/2024'),
        mapping({ dateFormat: 'MM/DD/YYYY' }),
      ),
    );
    expect(us[0]).toMatchObject({
      purchaseDate: '2021-03-04',
      lastPatchDate: '2024-03-05',
      endOfSupportDate: '2024-02-29',
    });
    const uk = devices(read(csv(header, 'A1,B,C,D,03/04/2021,,'), mapping({ dateFormat: 'DD/MM/YYYY' })));
    expect(uk[0]?.purchaseDate).toBe('2021-04-03');
    const de = devices(read(csv(header, 'A1,B,C,D,31.12.2021,,'), mapping({ dateFormat: 'DD.MM.YYYY' })));
    expect(de[0]?.purchaseDate).toBe('2021-12-31');
  });

  it('refuses a date in another format than the configured one', () => {
    const result = read(
      csv(`${HEADER},purchase_date`, 'A1,B,C,D,13/04/2021'),
      mapping({ dateFormat: 'MM/DD/YYYY' }),
    );
    expect(errors(result)[0]).toMatchObject({
      code: 'invalid_date',
      message: expect.stringContaining(
        '"13/04/2021" is not a valid date (purchase date); expected MM/DD/YYYY',
      ),
    });
  });

  it('refuses an invalid IP address', () => {
    expect(errors(read(csv(`${HEADER},ip_address`, 'A1,B,C,D,10.0.0.256')))).toEqual([
      {
        severity: 'error',
        code: 'invalid_ip',
        file: FILE,
        line: 2,
        message: 'Column "ip_address": "10.0.0.256" is not a valid IPv4 or IPv6 address',
      },
    ]);
  });

  it('refuses an invalid MAC address, listing the accepted forms', () => {
    expect(errors(read(csv(`${HEADER},mac_address`, 'A1,B,C,D,00:1A:2B:3C:4D')))).toEqual([
      expect.objectContaining({
        code: 'invalid_mac',
        line: 2,
        message: expect.stringMatching(
          /^Column "mac_address": "00:1A:2B:3C:4D" is not a MAC address; accepted forms: 00:1A:2B/,
        ),
      }),
    ]);
  });

  it.each([
    ['clinical_criticality', 'urgent', 'clinical criticality', 'life-critical, high, medium, low'],
    ['status', 'on loan', 'status', 'in-service, in-storage, maintenance, retired, missing'],
    [
      'patch_policy',
      'sometimes',
      'patch policy',
      'hospital-may-patch, supplier-approval-required, supplier-only, no-patching',
    ],
  ])('refuses an unknown %s value, listing the accepted values', (column, value, label, accepted) => {
    expect(errors(read(csv(`${HEADER},${column}`, `A1,B,C,D,${value}`)))).toEqual([
      expect.objectContaining({
        code: 'invalid_value',
        line: 2,
        message: expect.stringContaining(
          `Column "${column}": "${value}" is not a ${label}; accepted: ${accepted}`,
        ),
      }),
    ]);
  });

  it('refuses the whole file for one bad row: nothing is returned', () => {
    const result = read(csv(HEADER, 'A1,B,C,D', 'A2,B,C,D', 'A3,B,C,D', ',B,C,D'));
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('value');
  });

  it('stops after 50 errors with a note of how many rows were checked', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `A${i},B,C,D,not-an-ip`);
    const found = errors(read(csv(`${HEADER},ip_address`, ...rows)));
    expect(found).toHaveLength(51);
    expect(found.slice(0, 50).every((e) => e.code === 'invalid_ip')).toBe(true);
    expect(found[49]?.line).toBe(51);
    expect(found[50]).toMatchObject({
      code: 'too_many_errors',
      message:
        'Stopped after 50 errors: checked 50 row(s), up to line 51; the rest of the file was not checked',
    });
  });
});

describe('parseDeviceCsv: values', () => {
  it.each([
    ['life critical', 'life-critical'],
    ['Life-Critical', 'life-critical'],
    ['LIFE_CRITICAL', 'life-critical'],
    ['critical', 'life-critical'],
    ['High', 'high'],
    ['medium', 'medium'],
    ['Moderate', 'medium'],
    ['low', 'low'],
  ])('reads criticality %j as %s', (value, expected) => {
    expect(
      devices(read(csv(`${HEADER},clinical_criticality`, `A,B,C,D,${value}`)))[0]?.clinicalCriticality,
    ).toBe(expected);
  });

  it.each([
    ['Active', 'in-service'],
    ['in service', 'in-service'],
    ['In Use', 'in-service'],
    ['storage', 'in-storage'],
    ['Spare', 'in-storage'],
    ['repair', 'maintenance'],
    ['Maintenance', 'maintenance'],
    ['Retired', 'retired'],
    ['disposed', 'retired'],
    ['Decommissioned', 'retired'],
    ['missing', 'missing'],
    ['Lost', 'missing'],
  ])('reads status %j as %s', (value, expected) => {
    expect(devices(read(csv(`${HEADER},status`, `A,B,C,D,${value}`)))[0]?.status).toBe(expected);
  });

  it.each([
    ['Hospital may patch', 'hospital-may-patch'],
    ['hospital', 'hospital-may-patch'],
    ['Vendor approval required', 'supplier-approval-required'],
    ['supplier_approval_required', 'supplier-approval-required'],
    ['Vendor only', 'supplier-only'],
    ['Supplier Only', 'supplier-only'],
    ['none', 'no-patching'],
    ['No Patching', 'no-patching'],
  ])('reads patch policy %j as %s', (value, expected) => {
    expect(devices(read(csv(`${HEADER},patch_policy`, `A,B,C,D,${value}`)))[0]?.patchPolicy).toBe(expected);
  });

  it('applies value maps before the built-in words, ignoring case', () => {
    const m = mapping({
      valueMaps: {
        clinicalCriticality: { 'Tier 1': 'life-critical', '1': 'life-critical', Hi: 'high', Unknown: '' },
        status: { Active: 'in-service', Inactive: 'in-storage', Disposed: 'retired' },
        site: { MAIN: 'Main Campus' },
      },
    });
    const result = read(
      csv(
        `${HEADER},clinical_criticality,status`,
        'A1,B,C,main,tier 1,inactive',
        'A2,B,C,MAIN,1,DISPOSED',
        'A3,B,C,North,hi,Active',
        'A4,B,C,North,unknown,Active',
      ),
      m,
    );
    expect(devices(result).map((d) => [d.site, d.clinicalCriticality, d.status])).toEqual([
      ['Main Campus', 'life-critical', 'in-storage'],
      ['Main Campus', 'life-critical', 'retired'],
      ['North', 'high', 'in-service'],
      ['North', undefined, 'in-service'],
    ]);
  });

  it('fills empty cells and absent columns from the mapping defaults', () => {
    const m = mapping({ defaults: { site: 'Main', status: 'Spare', clinicalCriticality: 'high' } });
    const result = read(csv('asset_tag,manufacturer,model,status', 'A1,B,C,', 'A2,B,C,retired'), m);
    expect(devices(result).map((d) => [d.site, d.status, d.clinicalCriticality])).toEqual([
      ['Main', 'in-storage', 'high'],
      ['Main', 'retired', 'high'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('treats the mapping’s empty values as empty cells in every column', () => {
    const m = mapping({ emptyValues: ['N/A', '-'] });
    const [device] = devices(read(csv(`${HEADER},serial_number`, 'A1,B,C,D,n/a')));
    expect(device?.serialNumber).toBe('n/a');
    expect(errors(read(csv(`${HEADER},purchase_date`, 'A1,B,C,D,N/A')))[0]?.code).toBe('invalid_date');
    const [mapped] = devices(
      read(csv(`${HEADER},serial_number,ip_address,purchase_date`, 'A1,B,C,D,n/a,-,N/A'), m),
    );
    expect(mapped).not.toHaveProperty('serialNumber');
    expect(mapped?.networkIdentities).toEqual([]);
  });

  it('takes the first non-empty column when a field maps to several', () => {
    const m: DeviceMapping = {
      columns: { assetTag: ['Asset Tag', 'Equipment ID'], manufacturer: 'Mfr', model: 'Model', site: 'Site' },
    };
    const result = read(csv('Equipment ID,Asset Tag,Mfr,Model,Site', 'EQ-1,,B,C,D', 'EQ-2,AT-2,B,C,D'), m);
    expect(devices(result).map((d) => d.assetTag)).toEqual(['EQ-1', 'AT-2']);
  });

  it('splits installed updates on ; and |, dropping empty items and repeats', () => {
    const [device] = devices(read(csv(`${HEADER},installed_updates`, 'A1,B,C,D,"KB1; KB2|KB1;;KB3 "')));
    expect(device?.installedUpdates).toEqual(['KB1', 'KB2', 'KB3']);
  });

  it('splits lists on the mapping’s own separator', () => {
    const [device] = devices(
      read(csv(`${HEADER},installed_updates`, 'A1,B,C,D,"KB1, KB2;x"'), mapping({ listSeparator: ',' })),
    );
    expect(device?.installedUpdates).toEqual(['KB1', 'KB2;x']);
  });
});

describe('parseDeviceCsv: network identities', () => {
  it('pairs the IP addresses, MAC addresses and hostnames of a multi-NIC device by position', () => {
    const [device] = devices(
      read(
        csv(
          `${HEADER},ip_address,mac_address,hostname`,
          'CT-1,Siemens,go.Top,Main,"10.20.40.11;10.30.40.11|2001:DB8:0:0:0:0:0:1","00-1A-2B-3C-4F-11;001a.2b3c.4f12|001A2B3C4F13","ct-acq;ct-recon;"',
        ),
      ),
    );
    expect(device?.networkIdentities).toEqual([
      { ipAddress: '10.20.40.11', macAddress: '00:1a:2b:3c:4f:11', hostname: 'ct-acq' },
      { ipAddress: '10.30.40.11', macAddress: '00:1a:2b:3c:4f:12', hostname: 'ct-recon' },
      { ipAddress: '2001:db8::1', macAddress: '00:1a:2b:3c:4f:13' },
    ]);
  });

  it('keeps positions across several columns, so a NIC without an IP address still pairs with its MAC', () => {
    const m: DeviceMapping = {
      columns: {
        ...DEFAULT_DEVICE_MAPPING.columns,
        ipAddress: ['IP 1', 'IP 2'],
        macAddress: ['MAC 1', 'MAC 2'],
      },
    };
    const [device] = devices(
      read(
        csv(`${HEADER},IP 1,IP 2,MAC 1,MAC 2`, 'A,B,C,D,,10.0.0.2,00:00:00:00:00:01,00:00:00:00:00:02'),
        m,
      ),
    );
    expect(device?.networkIdentities).toEqual([
      { macAddress: '00:00:00:00:00:01' },
      { ipAddress: '10.0.0.2', macAddress: '00:00:00:00:00:02' },
    ]);
  });

  it('warns, once for all rows, when the lists have different lengths', () => {
    const result = read(
      csv(
        `${HEADER},ip_address,mac_address`,
        'A1,B,C,D,10.0.0.1;10.0.0.2,00:00:00:00:00:01',
        'A2,B,C,D,10.0.0.3,',
      ),
    );
    expect(devices(result)[0]?.networkIdentities).toHaveLength(2);
    expect(warningsBut(result)).toEqual([
      expect.objectContaining({
        code: 'network_list_mismatch',
        line: 2,
        message: expect.stringContaining('(line 2)'),
      }),
    ]);
  });

  it('names the faulty item of a list, and its column', () => {
    const result = read(csv(`${HEADER},ip_address`, 'A1,B,C,D,10.0.0.1;10.0.0.1/24'));
    expect(errors(result)[0]?.message).toBe(
      'Column "ip_address": "10.0.0.1/24" is not a valid IPv4 or IPv6 address',
    );
  });
});

describe('parseDeviceCsv: security software and operating system', () => {
  it('pairs products with their versions and signature dates by position', () => {
    const [device] = devices(
      read(
        csv(
          `${HEADER},security_software,security_software_version,av_signature_date`,
          'A1,B,C,D,CrowdStrike Falcon|Trellix,7.11|,2024-03-01|2024-02-20',
        ),
      ),
    );
    expect(device?.securitySoftware).toEqual([
      { product: 'CrowdStrike Falcon', version: '7.11', signatureDate: '2024-03-01' },
      { product: 'Trellix', signatureDate: '2024-02-20' },
    ]);
  });

  it('warns about a version or signature date without a product, and ignores it', () => {
    const result = read(csv(`${HEADER},security_software_version,os_version`, 'A1,B,C,D,7.11,21H2'));
    expect(devices(result)[0]).toMatchObject({ securitySoftware: [] });
    expect(devices(result)[0]).not.toHaveProperty('os');
    expect(warningsBut(result)).toEqual([
      expect.objectContaining({
        code: 'orphan_value',
        line: 2,
        message:
          'Column "security_software_version": "7.11" is ignored: a security software version needs a security software, and the row has none',
      }),
      expect.objectContaining({
        code: 'orphan_value',
        line: 2,
        message: expect.stringContaining('Column "os_version": "21H2" is ignored'),
      }),
    ]);
  });
});

describe('parseDeviceCsv: warnings', () => {
  it('ignores unknown columns with one warning listing them', () => {
    const result = read(csv(`${HEADER},Cost Center,Warranty,`, 'A1,B,C,D,4711,yes,', 'A2,B,C,D,4712,no,'));
    expect(devices(result)).toHaveLength(2);
    expect(warningsBut(result)).toEqual([
      {
        severity: 'warning',
        code: 'unmapped_columns',
        file: FILE,
        line: 1,
        message: 'Ignoring 2 column(s) that the mapping does not use: "Cost Center", "Warranty"',
      },
    ]);
  });

  it('imports rows without a status as in-service, with one warning for all of them', () => {
    const result = read(csv(`${HEADER},status`, 'A1,B,C,D,', 'A2,B,C,D,retired', 'A3,B,C,D,'));
    expect(devices(result).map((d) => d.status)).toEqual(['in-service', 'retired', 'in-service']);
    expect(result.warnings).toEqual([
      {
        severity: 'warning',
        code: 'status_defaulted',
        file: FILE,
        line: 2,
        message: 'Status is empty on 2 row(s) (lines 2, 4): imported as in-service',
      },
    ]);
  });

  it('says so when the file has no status column at all', () => {
    const result = read(csv(HEADER, 'A1,B,C,D', 'A2,B,C,D'));
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'status_defaulted',
        message: 'The file has no status column ("status"): all 2 device(s) are imported as in-service',
      }),
    ]);
  });

  it('warns when a hand-written mapping names columns the file lacks', () => {
    const m: DeviceMapping = {
      columns: {
        assetTag: 'Tag',
        manufacturer: 'Mfr',
        model: 'Model',
        site: 'Site',
        serialNumber: 'Serial No',
      },
    };
    const result = read(csv('Tag,Mfr,Model,Site', 'A,B,C,D'), m);
    expect(result.warnings.map((w) => [w.code, w.message])).toContainEqual([
      'absent_columns',
      'The mapping names 1 column(s) the file does not have: "Serial No"; those fields are left empty',
    ]);
  });
});

describe('parseDeviceCsv: mappings given in code', () => {
  it('refuses a mapping that breaks the schema, with JSON paths', () => {
    const bad = { columns: { assetTag: '' } } as DeviceMapping;
    const result = read(csv(HEADER, 'A,B,C,D'), bad);
    expect(errors(result)).toEqual([
      expect.objectContaining({ code: 'invalid_mapping', path: '$.columns.assetTag' }),
    ]);
  });
});

describe('sample CMMS mapping', () => {
  const mappingText = readFileSync(new URL('../../docs/mappings/cmms-sample.json', import.meta.url), 'utf8');
  const csvText = readFileSync(new URL('../fixtures/device-csv/cmms-sample.csv', import.meta.url), 'utf8');

  it('reads the sample CMMS export without errors or warnings', () => {
    const parsed = parseDeviceMapping(mappingText, 'cmms-sample.json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const result = parseDeviceCsv(csvText, { file: 'cmms-sample.csv', mapping: parsed.value });
    expect(result.warnings).toEqual([]);
    const all = devices(result);
    expect(all).toHaveLength(15);
    expect(all.find((d) => d.assetTag === 'BME-100410')).toEqual({
      assetTag: 'BME-100410',
      serialNumber: 'CT-GOTOP-55120',
      manufacturer: 'Siemens Healthineers',
      model: 'SOMATOM go.Top',
      softwareVersion: 'VA40',
      deviceType: 'ct-scanner',
      site: 'Riverside General - Main Campus',
      location: 'Radiology, CT Room 2',
      department: 'Radiology',
      clinicalCriticality: 'high',
      status: 'in-service',
      networkIdentities: [
        { ipAddress: '10.20.40.11', macAddress: '00:1a:2b:3c:4f:11', hostname: 'ct2-acq' },
        { ipAddress: '10.30.40.11', macAddress: '00:1a:2b:3c:4f:12', hostname: 'ct2-recon' },
      ],
      os: { name: 'Windows 10 IoT Enterprise LTSC', version: '21H2' },
      lastPatchDate: '2024-02-28',
      installedUpdates: [],
      securitySoftware: [{ product: 'Trellix Endpoint Security', signatureDate: '2024-03-01' }],
      purchaseDate: '2021-06-15',
      endOfSupportDate: '2031-06-30',
      patchPolicy: 'supplier-approval-required',
    });
    expect(new Set(all.map((d) => d.status))).toEqual(
      new Set(['in-service', 'in-storage', 'maintenance', 'retired']),
    );
    expect(all.find((d) => d.assetTag === 'BME-100231')).not.toHaveProperty('os');
  });
});

describe('parseDeviceCsv: compensating controls and extended security updates', () => {
  const header = `${HEADER},compensating_controls,extended_support,extended_support_until`;

  it('reads controls with their details, in common spellings, and an enrolment with its paid-through date', () => {
    const [device] = devices(
      read(
        csv(
          header,
          'P-1,Baxter,Sigma,Main,"VLAN: pumps VLAN 40;service-disabled: SMBv1;IDS;segmentation: pumps VLAN 40",yes,2026-01-13',
        ),
      ),
    );
    expect(device?.compensatingControls).toEqual([
      { kind: 'segmentation', detail: 'pumps VLAN 40' },
      { kind: 'service-disabled', detail: 'SMBv1' },
      { kind: 'monitoring' },
    ]);
    expect(device?.extendedSupport).toEqual({
      enrolled: true,
      channel: 'commercial',
      paidThrough: '2026-01-13',
    });
  });

  it('reads an empty controls cell as none recorded, and a file without the column as not saying', () => {
    expect(devices(read(csv(header, 'P-1,Baxter,Sigma,Main,,no,')))[0]).toMatchObject({
      compensatingControls: [],
      extendedSupport: { enrolled: false },
    });
    const [device] = devices(read(csv(HEADER, 'P-1,Baxter,Sigma,Main')));
    expect(device).not.toHaveProperty('compensatingControls');
    expect(device).not.toHaveProperty('extendedSupport');
  });

  it('refuses an unknown control or enrolment, naming the line, the column and what is accepted', () => {
    const problems = errors(read(csv(header, 'P-1,Baxter,Sigma,Main,prayer,maybe,')));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        2,
        expect.stringMatching(
          /^Column "compensating_controls": "prayer" is not a compensating control; accepted: segmentation, service-disabled/,
        ),
      ],
      [
        2,
        'Column "extended_support": "maybe" is not an enrolment in extended security updates; accepted: no, yes, commercial, consumer, azure',
      ],
    ]);
  });

  it('refuses a control detail longer than the API accepts', () => {
    const problems = errors(read(csv(header, `P-1,Baxter,Sigma,Main,segmentation: ${'x'.repeat(501)},,`)));
    expect(problems[0]?.message).toBe(
      'Column "compensating_controls": the detail of "segmentation" is 501 characters long; at most 500 are allowed',
    );
  });

  it('warns of a paid-through date without an enrolment', () => {
    const result = read(csv(header, 'P-1,Baxter,Sigma,Main,,,2026-01-13'));
    expect(devices(result)[0]).not.toHaveProperty('extendedSupport');
    expect(warningsBut(result).map((w) => w.code)).toEqual(['orphan_value']);
  });
});
