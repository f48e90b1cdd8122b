import { describe, expect, it } from 'vitest';
import { ScanRefusedError, scanConfig, scanPorts } from '../../src/app/scan-scope.js';
import {
  inScope,
  parsePortList,
  parseScanScope,
  parseScanTarget,
  planScan,
  type ResolvedTarget,
} from '../../src/core/exposure/scan-scope.js';
import { DEFAULT_SCAN_PORTS } from '../../src/core/exposure/service-banner.js';

const allowed = (text: string) => {
  const scope = parseScanScope(text);
  if (!scope.ok) throw new Error(scope.reason);
  return scope.ranges;
};

const target = (text: string): ResolvedTarget => {
  const t = parseScanTarget(text);
  if (!t.ok || t.target.kind !== 'addresses') throw new Error(`not addresses: ${text}`);
  return { text, ranges: [t.target.range] };
};

describe('the allowed ranges (VIGIL_SCAN_ALLOWED)', () => {
  it('reads addresses, CIDR blocks and ranges of both families', () => {
    expect(allowed(' 10.20.0.0/16, 10.30.1.5-40 ,2001:db8:20::/48,192.168.1.7')).toEqual([
      { first: '10.20.0.0', last: '10.20.255.255', family: 'ipv4', prefix: 16 },
      { first: '10.30.1.5', last: '10.30.1.40', family: 'ipv4' },
      { first: '2001:db8:20::', last: '2001:db8:20:ffff:ffff:ffff:ffff:ffff', family: 'ipv6', prefix: 48 },
      { first: '192.168.1.7', last: '192.168.1.7', family: 'ipv4' },
    ]);
  });

  it('allows nothing when empty or unset, and says how to allow ranges', () => {
    for (const text of [undefined, '', ' , ']) {
      const scope = parseScanScope(text);
      expect(scope.ok).toBe(false);
      if (!scope.ok) expect(scope.reason).toMatch(/Set VIGIL_SCAN_ALLOWED to .*for example/);
    }
  });

  it('refuses a malformed entry, and a block written with host bits rather than widening it', () => {
    expect(parseScanScope('10.0.0.0/8,pump-17')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"pump-17"'),
    });
    expect(parseScanScope('10.1.2.3/24')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('write the block itself (10.1.2.0/24)'),
    });
  });

  it('makes a malformed setting an error, not a default', () => {
    expect(() => scanConfig({ VIGIL_SCAN_ALLOWED: '10.0.0.0/33' })).toThrow(/VIGIL_SCAN_ALLOWED/);
    expect(() => scanConfig({ VIGIL_SCAN_ALLOWED: '10.0.0.0/8', VIGIL_SCAN_RATE: 'fast' })).toThrow(
      /VIGIL_SCAN_RATE/,
    );
    expect(scanConfig({})).toMatchObject({ allowed: [], maxAddresses: 65_536, rate: 100, concurrency: 32 });
    expect(scanConfig({}).notAllowed).toContain('VIGIL_SCAN_ALLOWED');
  });
});

describe('scan targets', () => {
  it('reads addresses, blocks, ranges and hostnames, and refuses anything else', () => {
    expect(parseScanTarget('10.1.2.0/30')).toMatchObject({ ok: true, target: { kind: 'addresses' } });
    expect(parseScanTarget('2001:DB8::1')).toMatchObject({
      ok: true,
      target: { kind: 'addresses', range: { first: '2001:db8::1', last: '2001:db8::1' } },
    });
    expect(parseScanTarget('PACS-01.Radiology.example.')).toMatchObject({
      ok: true,
      target: { kind: 'hostname', name: 'pacs-01.radiology.example' },
    });
    for (const bad of ['10.0.0.300', '10.0.0.1/40', 'a b', '-sS', '$(reboot)', 'http://x', ''])
      expect(parseScanTarget(bad).ok, bad).toBe(false);
  });
});

describe('the scan plan', () => {
  const scope = allowed('10.1.0.0/24,10.1.1.0/24,2001:db8::/120');

  it('expands allowed targets once each, IPv4 first, in order; adjacent allowed blocks count as one', () => {
    const planned = planScan(
      [target('10.1.0.254-10.1.1.1'), target('10.1.1.0'), target('2001:db8::2'), target('2001:db8::1')],
      scope,
      100,
    );
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.plan.addresses).toEqual([
      '10.1.0.254',
      '10.1.0.255',
      '10.1.1.0',
      '10.1.1.1',
      '2001:db8::1',
      '2001:db8::2',
    ]);
    expect(planned.plan.addresses.every((a) => inScope(planned.plan, a))).toBe(true);
  });

  it('refuses every target outside, naming each, and keeps nothing to scan', () => {
    const planned = planScan(
      [target('10.1.0.5'), target('10.1.2.5'), target('10.1.1.128/24'), target('2001:db8::80-2001:db8::1ff')],
      scope,
      1_000_000,
    );
    expect(planned).toMatchObject({
      ok: false,
      refusal: {
        code: 'out_of_scope',
        targets: ['10.1.2.5', '2001:db8::80-2001:db8::1ff (2001:db8::100 is not allowed)'],
      },
    });
  });

  it('never plans the unspecified, multicast or broadcast addresses, nor IPv4 spelt as IPv6', () => {
    const everything = allowed('0.0.0.0/0,::/0');
    for (const text of ['0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::ffff:10.1.0.5', 'ff02::1'])
      expect(planScan([target(text)], everything, 10), text).toMatchObject({
        ok: false,
        refusal: { code: 'not_unicast' },
      });
  });

  it('refuses more addresses than the cap before expanding any', () => {
    const planned = planScan([target('10.0.0.0/8')], allowed('10.0.0.0/8'), 65_536);
    expect(planned).toMatchObject({ ok: false, refusal: { code: 'too_many_addresses' } });
    if (!planned.ok) expect(planned.refusal.message).toContain('16,777,216 addresses');
  });

  it('checks against the allowed ranges whatever the spelling', () => {
    const planned = planScan([target('10.1.0.1')], scope, 10);
    if (!planned.ok) throw new Error('planned');
    expect(inScope(planned.plan, '10.1.0.1')).toBe(true);
    expect(inScope(planned.plan, '10.1.2.1')).toBe(false);
    expect(inScope(planned.plan, 'localhost')).toBe(false);
    // Not in normal form: refused rather than read generously.
    expect(inScope(planned.plan, '2001:DB8::1')).toBe(false);
  });
});

describe('ports', () => {
  it('reads lists and ranges, once each and sorted', () => {
    expect(parsePortList('443, 22,80-82,22')).toEqual({ ok: true, ports: [22, 80, 81, 82, 443] });
    for (const bad of ['0', '65536', '80-79', '22,,80', 'ssh'])
      expect(parsePortList(bad).ok, bad).toBe(false);
  });

  it('probes the clinical ports by default: the risky services’ TCP ports and DICOM, HL7, HTTPS', () => {
    expect(scanPorts(undefined)).toEqual(DEFAULT_SCAN_PORTS);
    for (const port of [22, 23, 80, 104, 443, 445, 2575, 3389, 5900, 11112])
      expect(DEFAULT_SCAN_PORTS).toContain(port);
    // UDP-only entries (SNMP, TFTP) are not TCP ports to connect to.
    expect(DEFAULT_SCAN_PORTS).not.toContain(161);
    expect(() => scanPorts('22,x')).toThrow(ScanRefusedError);
  });
});
