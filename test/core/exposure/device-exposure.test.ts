import { describe, expect, it } from 'vitest';
import { deviceExposureOf, mergeDeviceExposure } from '../../../src/core/exposure/device-exposure.js';
import type { ExposureObservation, ObservedService } from '../../../src/core/exposure/observation.js';

const service = (port: number, state: ObservedService['state'] = 'open', name?: string): ObservedService => ({
  port,
  transport: 'tcp',
  state,
  cpes: [],
  tls: false,
  vulnerabilities: [],
  ...(name ? { name } : {}),
});
const seen = (
  at: string,
  services: ObservedService[],
  extra: Partial<ExposureObservation> = {},
): ExposureObservation => ({
  source: 'nmap',
  observedAt: at,
  address: '10.1.2.1',
  family: 'ipv4',
  hostnames: [],
  hostState: 'up',
  services,
  vulnerabilities: [],
  tags: [],
  internetFacing: false,
  ...extra,
});
const now = new Date('2026-12-01T00:00:00Z');

describe('a device’s exposure', () => {
  it('keeps the latest sighting of each port, and drops risks on ports closed since', () => {
    const first = deviceExposureOf(
      [
        seen('2026-11-01T00:00:00Z', [
          service(445, 'open', 'microsoft-ds'),
          service(3389, 'open', 'ms-wbt-server'),
        ]),
      ],
      now,
    )!;
    expect(first.riskyServices.map((r) => r.port).sort()).toEqual([3389, 445]);
    const later = mergeDeviceExposure(first, [seen('2026-11-20T00:00:00Z', [service(445, 'closed')])], now)!;
    expect(later.openServices.map((s) => s.port)).toEqual([3389]);
    expect(later.riskyServices.map((r) => r.port)).toEqual([3389]);
    // An older scan folded in afterwards does not reopen what a newer one saw closed.
    const stale = mergeDeviceExposure(
      later,
      [seen('2026-11-10T00:00:00Z', [service(445, 'open', 'microsoft-ds')])],
      now,
    )!;
    expect(stale.openServices.map((s) => s.port)).toEqual([3389]);
  });

  it('lets sightings older than the window age out, internet reach included', () => {
    const external = deviceExposureOf(
      [
        seen('2026-08-01T00:00:00Z', [service(3389, 'open', 'ms-wbt-server')], {
          internetFacing: true,
          source: 'shodan',
        }),
      ],
      new Date('2026-08-02T00:00:00Z'),
    )!;
    expect(external.internetFacing).toBe(true);
    const now2 = new Date('2026-12-01T00:00:00Z');
    const after = mergeDeviceExposure(external, [seen('2026-11-30T00:00:00Z', [service(80)])], now2)!;
    expect(after.internetFacing).toBe(false);
    expect(after.openServices.map((s) => s.port)).toEqual([80]);
    expect(after.sources).toEqual(['nmap']);
    expect(mergeDeviceExposure(external, [], now2)).toBeUndefined();
  });

  it('takes an address a list publishes to the internet, without ports, as reachable', () => {
    const listed = deviceExposureOf(
      [
        seen('2026-11-30T00:00:00Z', [], {
          source: 'firewall-list',
          hostState: 'unknown',
          internetFacing: true,
        }),
      ],
      now,
    )!;
    expect(listed.internetFacing).toBe(true);
    expect(listed.lastInternetFacingAt).toBe('2026-11-30T00:00:00Z');
  });
});
