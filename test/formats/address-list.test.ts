import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { riskyServicesOf } from '../../src/core/exposure/risky-services.js';
import { type AddressListOptions, parseAddressList } from '../../src/formats/address-list/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/exposure/${name}`, import.meta.url), 'utf8');
const exported = '2026-03-01T06:00:00Z';

function listOf(text: string, options: Partial<AddressListOptions> = {}) {
  const result = parseAddressList(text, { observedAt: exported, ...options });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return { list: result.value, warnings: result.warnings };
}

describe('plain address lists', () => {
  const { list, warnings } = listOf(fixture('firewall-published.txt'), {
    file: 'published.txt',
    external: true,
  });

  it('reads one address, block or range per line, with comments, keeping blocks whole', () => {
    expect(list.format).toBe('text');
    expect(
      list.observations.map((o) => [o.address, o.range ? `${o.range.first}…${o.range.last}` : '-']),
    ).toEqual([
      ['203.0.113.10', '-'],
      ['203.0.113.16/29', '203.0.113.16…203.0.113.23'],
      ['198.51.100.20-198.51.100.25', '198.51.100.20…198.51.100.25'],
      ['2001:db8::42', '-'],
      ['2001:db8:abcd::/48', '2001:db8:abcd::…2001:db8:abcd:ffff:ffff:ffff:ffff:ffff'],
      ['203.0.113.0/24', '203.0.113.0…203.0.113.255'],
    ]);
  });

  it('records each entry as seen at the export time, internet-facing when the list is external', () => {
    expect(list.observations[0]).toEqual({
      source: 'firewall-list',
      observedAt: '2026-03-01T06:00:00Z',
      address: '203.0.113.10',
      family: 'ipv4',
      hostnames: [],
      hostState: 'unknown',
      services: [],
      vulnerabilities: [],
      tags: [],
      internetFacing: true,
    });
    expect(listOf('10.0.0.1\n').list.observations[0]!.internetFacing).toBe(false);
  });

  it('skips bad lines, naming each, and says how a block with host bits was read', () => {
    expect([list.entries, list.badLines]).toEqual([8, 2]);
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [9, 'invalid_address'],
      [10, 'cidr_host_bits'],
      [11, 'invalid_address'],
    ]);
    expect(warnings[0]).toMatchObject({
      file: 'published.txt',
      message:
        '"pacs-gateway": it is not an IPv4 or IPv6 address, a CIDR block or a range: the line is skipped',
    });
    expect(warnings[2]!.message).toContain('more than one entry');
  });

  it('refuses a list in which nothing is an address', () => {
    expect(parseAddressList('pump-1\npump-2\n', { observedAt: exported })).toMatchObject({
      ok: false,
      errors: [{ code: 'no_valid_entries' }],
    });
  });

  it('reads a plain list whose first entry has a tab before its comment', () => {
    expect(listOf('10.0.0.1\t# pump\n10.0.0.2\n').list).toMatchObject({ format: 'text', entries: 2 });
  });

  it('accepts an empty list, with a warning, and refuses an export time that is not a time', () => {
    expect(parseAddressList('# nothing\n\n', { observedAt: exported })).toMatchObject({
      ok: true,
      warnings: [{ code: 'no_entries' }],
    });
    expect(parseAddressList('10.0.0.1', { observedAt: 'last week' })).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_option' }],
    });
  });
});

describe('CSV address lists', () => {
  const { list, warnings } = listOf(fixture('firewall-objects.csv'), { file: 'objects.csv' });

  it('finds the columns by their usual names and the delimiter from the header', () => {
    expect(list.format).toBe('csv');
    expect(list.observations.map((o) => o.address)).toEqual([
      '10.20.1.5',
      '10.20.1.6',
      'fe80::202:b3ff:fe1e:8329',
      '10.20.2.0/24',
      '10.20.1.7',
    ]);
    expect(warnings.find((w) => w.code === 'ignored_columns')).toMatchObject({
      line: 2,
      message: 'Columns ignored: "Comment"',
    });
  });

  it('reads hostname, MAC, last-seen time and permitted ports of a row', () => {
    expect(list.observations[0]).toMatchObject({
      observedAt: '2026-02-28T17:05:00Z',
      hostnames: [{ name: 'infusion-gw-03.icu.hopital.example', kind: 'list' }],
      mac: '00:1b:2c:3d:4e:5f',
      hostState: 'unknown',
      services: [
        { port: 80, transport: 'tcp', state: 'unfiltered', cpes: [], tls: false, vulnerabilities: [] },
        { port: 443, transport: 'tcp', state: 'unfiltered', cpes: [], tls: false, vulnerabilities: [] },
      ],
    });
    // A time with a zone is converted to UTC; the protocol's case does not matter.
    expect(list.observations[1]).toMatchObject({
      observedAt: '2026-02-28T07:00:00Z',
      mac: '00:1b:2c:3d:4e:60',
      services: [{ port: 104 }, { port: 3389 }],
    });
    // A row without a time has the export's.
    expect(list.observations[2]!.observedAt).toBe(exported);
  });

  it('takes a protocol written with the port, and "any" as both TCP and UDP', () => {
    expect(list.observations[3]!.services.map((s) => `${s.transport}/${s.port}`)).toEqual(['udp/161']);
    expect(list.observations[4]!.services.map((s) => `${s.transport}/${s.port}`)).toEqual([
      'tcp/502',
      'udp/502',
    ]);
  });

  it('reports bad cells and keeps the row, skips a row whose address is bad, ignores empty rows', () => {
    expect([list.entries, list.badLines]).toEqual([6, 1]);
    expect(warnings.filter((w) => w.code !== 'ignored_columns').map((w) => [w.line, w.code])).toEqual([
      [6, 'name_on_range'],
      [7, 'invalid_address'],
      [8, 'invalid_time'],
      [8, 'invalid_mac'],
      [8, 'invalid_port'],
      [5, 'transport_assumed'],
    ]);
    expect(warnings.find((w) => w.code === 'invalid_port')!.message).toContain('a port range');
  });

  it('flags risky permitted ports as unconfirmed', () => {
    const flagged = list.observations.flatMap((o) =>
      riskyServicesOf(o).map(
        (f) => `${o.address} ${f.service.transport}/${f.service.port} ${f.entry.id} ${f.confirmed}`,
      ),
    );
    expect(flagged).toEqual([
      '10.20.1.5 tcp/80 http-cleartext false',
      '10.20.1.6 tcp/104 dicom false',
      '10.20.1.6 tcp/3389 rdp false',
      'fe80::202:b3ff:fe1e:8329 tcp/2575 hl7-mllp false',
      '10.20.2.0/24 udp/161 snmp-v1-v2c false',
      '10.20.1.7 tcp/502 modbus false',
    ]);
  });

  it('asks which column holds the devices when a log names both source and destination', () => {
    const refused = parseAddressList(fixture('firewall-log.csv'), { observedAt: exported, file: 'log.csv' });
    expect(refused).toMatchObject({
      ok: false,
      errors: [{ code: 'ambiguous_address_column', line: 1, file: 'log.csv' }],
    });
    expect(!refused.ok && refused.errors[0]!.message).toContain('"src", "dst"');
    const { list: log } = listOf(fixture('firewall-log.csv'), { addressColumn: 'DST' });
    expect(
      log.observations.map((o) => [
        o.address,
        o.observedAt,
        o.services.map((s) => `${s.transport}/${s.port}`),
      ]),
    ).toEqual([
      ['10.20.1.6', '2026-02-28T10:00:01Z', ['tcp/3389']],
      ['10.20.1.5', '2026-02-28T10:00:02Z', ['tcp/443']],
    ]);
  });

  it('refuses a header with no address column, or without the column asked for', () => {
    expect(parseAddressList('device,room\npump,ICU-3\n', { observedAt: exported })).toMatchObject({
      ok: false,
      errors: [{ code: 'missing_column', line: 1 }],
    });
    expect(
      parseAddressList('ip,port\n10.0.0.1,22\n', { observedAt: exported, addressColumn: 'dst' }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'missing_column' }],
    });
  });

  it('refuses broken CSV with the line', () => {
    const result = parseAddressList('ip,hostname\n10.0.0.1,"pump\n', { observedAt: exported });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'csv_syntax' }] });
  });

  it('reads a one-column CSV with only its header naming the address', () => {
    const { list: single } = listOf('address\n10.0.0.1\n10.0.0.0/30\n');
    expect([single.format, single.observations.map((o) => o.address)]).toEqual([
      'csv',
      ['10.0.0.1', '10.0.0.0/30'],
    ]);
    // Told it is CSV, a list without a header is refused rather than read with an address as header.
    expect(parseAddressList('10.0.0.1\n', { observedAt: exported, format: 'csv' })).toMatchObject({
      ok: false,
      errors: [{ code: 'missing_column' }],
    });
  });
});
