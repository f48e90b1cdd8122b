import { describe, expect, it } from 'vitest';
import { parseMailGateways, signatureDay } from '../../src/formats/mail-gateways/index.js';

const problemsOf = (text: string) => {
  const result = parseMailGateways(text, { file: 'gateways' });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => [e.line ?? e.path, e.code]);
};

describe('mail gateway files', () => {
  it('reads JSON: each gateway with its filters, blank versions left out, date-times taken on their UTC day', () => {
    const result = parseMailGateways(
      JSON.stringify({
        gateways: [
          {
            name: 'mx1.hospital.example',
            filters: [
              {
                product: 'Cisco Secure Email Gateway',
                version: '15.5.1-055',
                engineVersion: ' ',
                signatureDate: '2026-12-01T23:30:00-02:00',
              },
            ],
          },
          { name: 'relay.hospital.example', filters: [] },
        ],
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        format: 'json',
        gateways: [
          {
            name: 'mx1.hospital.example',
            filters: [
              { product: 'Cisco Secure Email Gateway', version: '15.5.1-055', signatureDate: '2026-12-02' },
            ],
          },
          { name: 'relay.hospital.example', filters: [] },
        ],
      },
      warnings: [],
    });
  });

  it('reads a CSV with one filter a row, headers spelt any way, a gateway without a filter as a row of its own', () => {
    const result = parseMailGateways(
      [
        'Gateway;Product;Version;Engine Version;Signature date;Site',
        'mx1.hospital.example;Cisco Secure Email Gateway;15.5.1-055;3.0.2.1;2026-12-02;North',
        'mx1.hospital.example;Sophos Anti-Virus;10.8;;2026-12-02;North',
        'MX2.hospital.example;FortiMail;7.2.6;;2026-11-21;South',
        'relay.hospital.example;;;;;',
        '',
      ].join('\r\n'),
    );
    expect(result.ok && result.value).toEqual({
      format: 'csv',
      gateways: [
        {
          name: 'mx1.hospital.example',
          filters: [
            {
              product: 'Cisco Secure Email Gateway',
              version: '15.5.1-055',
              engineVersion: '3.0.2.1',
              signatureDate: '2026-12-02',
            },
            { product: 'Sophos Anti-Virus', version: '10.8', signatureDate: '2026-12-02' },
          ],
        },
        {
          name: 'MX2.hospital.example',
          filters: [{ product: 'FortiMail', version: '7.2.6', signatureDate: '2026-11-21' }],
        },
        { name: 'relay.hospital.example', filters: [] },
      ],
    });
    expect(result.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'unknown_column']]);
  });

  it('refuses a CSV whole, every problem on its line', () => {
    expect(
      problemsOf(
        [
          'gateway,product,version,signature_date',
          'mx1,FortiMail,7.2.6,2026-02-30',
          ',FortiMail,7.2.6,2026-11-21',
          'mx2,,7.2.6,',
          'mx3,FortiMail,7.2.6,2026-11-21,extra',
        ].join('\n'),
      ),
    ).toEqual([
      [2, 'invalid_date'],
      [3, 'missing_value'],
      [4, 'missing_value'],
      [5, 'extra_cells'],
    ]);
    expect(problemsOf('name,version\nmx1,1.0\n')).toEqual([[1, 'missing_column']]);
    expect(problemsOf('gateway,product\n')).toEqual([[1, 'no_gateways']]);
    expect(problemsOf('gateway,product\n"mx1,FortiMail\n')).toEqual([[2, 'csv_syntax']]);
  });

  it('refuses JSON whole, every problem at its JSON path: a gateway twice, unknown fields, missing products', () => {
    expect(
      problemsOf(
        JSON.stringify({
          gateways: [
            { name: 'mx1.hospital.example', filters: [{ product: 'FortiMail', signatureDate: 'yesterday' }] },
            { name: 'MX1.hospital.example', filters: [{ version: '1.0' }] },
            { name: 'mx3', filter: [] },
          ],
        }),
      ),
    ).toEqual([
      ['$.gateways[0].filters[0].signatureDate', 'invalid_date'],
      ['$.gateways[1].filters[0].product', 'missing_field'],
      ['$.gateways[1].name', 'duplicate_gateway'],
      ['$.gateways[2].filter', 'unknown_field'],
      ['$.gateways[2].filters', 'missing_field'],
    ]);
    expect(problemsOf('{"gateways": [}')).toEqual([[1, 'json_syntax']]);
    expect(problemsOf('{"gateways": []}')).toEqual([['$.gateways', 'invalid_value']]);
  });

  it('takes a signature date as a day, or a moment on its UTC day; nothing else', () => {
    expect(signatureDay('2026-12-01')).toBe('2026-12-01');
    expect(signatureDay('2026-12-01T04:10:00Z')).toBe('2026-12-01');
    expect(signatureDay('2026-12-01 23:10+02:00')).toBe('2026-12-01');
    expect(signatureDay('2026-12-01T23:10:00-05:00')).toBe('2026-12-02');
    expect(signatureDay('2026-12-01T04:10:00')).toBeUndefined();
    expect(signatureDay('01/12/2026')).toBeUndefined();
  });
});
