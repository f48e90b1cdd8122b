import { describe, expect, it } from 'vitest';
import {
  boundLine,
  boundText,
  type ExposureObservation,
  isoMillis,
  mergeObservations,
  ObservationMerger,
  type ObservedService,
} from '../../../src/core/exposure/observation.js';

function observation(extra: Partial<ExposureObservation>): ExposureObservation {
  return {
    source: 'shodan',
    observedAt: '2026-02-14T03:21:45Z',
    address: '203.0.113.10',
    family: 'ipv4',
    hostnames: [],
    hostState: 'up',
    services: [],
    vulnerabilities: [],
    tags: [],
    internetFacing: true,
    ...extra,
  };
}

const service = (port: number, extra: Partial<ObservedService> = {}): ObservedService => ({
  port,
  transport: 'tcp',
  state: 'open',
  cpes: [],
  tls: false,
  vulnerabilities: [],
  ...extra,
});

describe('bounded texts', () => {
  it('cuts long text with an ellipsis, never splitting a surrogate pair', () => {
    expect(boundText('a'.repeat(2000), 1024)).toHaveLength(1024);
    expect(boundText('a'.repeat(2000), 1024)!.endsWith('…')).toBe(true);
    const emoji = `${'a'.repeat(7)}😀😀`;
    const cut = boundText(emoji, 9)!;
    expect(cut).toBe(`${'a'.repeat(7)}…`);
    expect(boundText('short', 10)).toBe('short');
  });

  it('drops NULs, and answers undefined for nothing', () => {
    expect(boundText('a\0b', 10)).toBe('ab');
    expect(boundText('', 10)).toBeUndefined();
  });

  it('makes one line of a title', () => {
    expect(boundLine('  Infusion\r\n  Gateway\tLogin ', 100)).toBe('Infusion Gateway Login');
    expect(boundLine('   ', 100)).toBeUndefined();
  });
});

describe('mergeObservations', () => {
  it('makes one observation per address of the banners of a host, with the newest time', () => {
    const merged = mergeObservations([
      observation({
        observedAt: '2026-02-14T03:21:45.123Z',
        services: [service(445, { name: 'smb' })],
        hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
        tags: ['medical'],
      }),
      observation({ address: '203.0.113.11', services: [service(3389)] }),
      observation({
        observedAt: '2026-02-15T01:00:00Z',
        services: [service(139)],
        hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
        tags: ['medical', 'eol-os'],
      }),
    ]);
    expect(merged.map((o) => [o.address, o.observedAt, o.services.map((s) => s.port)])).toEqual([
      ['203.0.113.10', '2026-02-15T01:00:00Z', [139, 445]],
      ['203.0.113.11', '2026-02-14T03:21:45Z', [3389]],
    ]);
    expect(merged[0]!.hostnames).toHaveLength(1);
    expect(merged[0]!.tags).toEqual(['medical', 'eol-os']);
  });

  it('keeps the newest sighting of a port, filled from older ones, whatever the input order', () => {
    const older = observation({
      observedAt: '2026-01-01T00:00:00Z',
      services: [
        service(80, {
          product: 'lighttpd',
          version: '1.4.35',
          cpes: ['cpe:2.3:a:lighttpd:lighttpd:1.4.35:*:*:*:*:*:*:*'],
        }),
      ],
    });
    const newer = observation({
      observedAt: '2026-02-01T00:00:00Z',
      services: [service(80, { httpTitle: 'Login', version: '1.4.59' })],
    });
    for (const input of [
      [older, newer],
      [newer, older],
    ]) {
      const [merged] = mergeObservations(input);
      expect(merged!.services).toEqual([
        service(80, {
          product: 'lighttpd',
          version: '1.4.59',
          httpTitle: 'Login',
          cpes: ['cpe:2.3:a:lighttpd:lighttpd:1.4.35:*:*:*:*:*:*:*'],
        }),
      ]);
      expect(merged!.observedAt).toBe('2026-02-01T00:00:00Z');
    }
  });

  it('tells TCP from UDP on the same port, and keeps sources and reach apart', () => {
    const merged = mergeObservations([
      observation({ services: [service(161)] }),
      observation({ services: [service(161, { transport: 'udp' })] }),
      observation({ source: 'nmap', internetFacing: false, services: [service(161)] }),
    ]);
    expect(merged.map((o) => [o.source, o.services.map((s) => `${s.transport}/${s.port}`)])).toEqual([
      ['shodan', ['tcp/161', 'udp/161']],
      ['nmap', ['tcp/161']],
    ]);
  });

  it('unites reported vulnerabilities by id', () => {
    const [merged] = mergeObservations([
      observation({ vulnerabilities: [{ id: 'CVE-2019-0708' }] }),
      observation({
        vulnerabilities: [
          { id: 'CVE-2017-0144', verified: true },
          { id: 'CVE-2019-0708', cvss: 9.8 },
        ],
      }),
    ]);
    expect(merged!.vulnerabilities).toEqual([
      { id: 'CVE-2017-0144', verified: true },
      { id: 'CVE-2019-0708', cvss: 9.8 },
    ]);
  });

  it('does not change its input', () => {
    const a = observation({ services: [service(445)] });
    const b = observation({ services: [service(139)] });
    mergeObservations([a, b]);
    expect(a.services.map((s) => s.port)).toEqual([445]);
  });
});

describe('ObservationMerger', () => {
  const input = () => [
    observation({ address: '203.0.113.20', services: [service(22)] }),
    observation({ services: [service(445)], tags: ['medical'] }),
    observation({ source: 'nmap', internetFacing: false, services: [service(445)] }),
    observation({ services: [service(445, { transport: 'udp' })] }),
    observation({
      observedAt: '2026-02-15T01:00:00Z',
      services: [service(139)],
      hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
    }),
    observation({ source: 'nmap', internetFacing: true, services: [service(80)] }),
    observation({ address: '203.0.113.20', observedAt: '2026-02-13T00:00:00Z', services: [service(22)] }),
  ];

  it('merges one observation at a time as mergeObservations merges them all, groups in order of first appearance', () => {
    for (const adopt of [false, true]) {
      const merger = new ObservationMerger({ adopt });
      for (const o of input()) merger.add(o);
      expect(merger.size).toBe(4);
      expect(merger.merged()).toEqual(mergeObservations(input()));
    }
    expect(
      mergeObservations(input()).map((o) => [o.address, o.source, o.internetFacing, o.services.length]),
    ).toEqual([
      ['203.0.113.20', 'shodan', true, 1],
      ['203.0.113.10', 'shodan', true, 3],
      ['203.0.113.10', 'nmap', false, 1],
      ['203.0.113.10', 'nmap', true, 1],
    ]);
  });

  it('keeps an adopted observation as it is, and copies a shared frozen list before adding to it', () => {
    const nothing = Object.freeze([]) as unknown as never[];
    const first = observation({ services: [service(445)], hostnames: nothing, tags: nothing });
    const merger = new ObservationMerger({ adopt: true });
    merger.add(first);
    merger.add(
      observation({
        observedAt: '2026-02-15T01:00:00Z',
        services: [service(139)],
        hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
        tags: ['medical'],
      }),
    );
    const [merged] = merger.merged();
    expect(merged).toBe(first);
    expect(merged!.hostnames).toEqual([{ name: 'pacs-gw.hopital.example', kind: 'ptr' }]);
    expect(merged!.tags).toEqual(['medical']);
    expect(merged!.services.map((s) => s.port)).toEqual([139, 445]);
    expect(nothing).toEqual([]);
  });
});

describe('isoMillis', () => {
  it('reads a time as Date.parse does, the forms parsers write by hand and every other one by Date.parse', () => {
    const odd = [
      '2026-11-01T10:00:00Z',
      '2026-11-01T10:00:00.123Z',
      '2024-02-29T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-02-30T00:00:00.000Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-01T24:00:00Z',
      '2026-11-01T10:60:00Z',
      '2026-11-01T10:00:60Z',
      '0050-01-01T00:00:00Z',
      '0100-03-01T00:00:00Z',
      '1900-03-01T00:00:00Z',
      '2000-02-28T23:59:59.999Z',
      '2026-11-01T10:00:00+01:00',
      '2026-11-01 10:00:00Z',
      '2026-11-01T10:00:00.12Z',
      '2026-1x-01T10:00:00Z',
      '+02026-11-01T10:00:00Z',
      '',
      'not a time',
    ];
    const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
    for (const text of odd) expect(same(isoMillis(text), Date.parse(text)), text).toBe(true);
    // A fixed spread of instants from 1900 to 2100, with and without milliseconds.
    const differ: string[] = [];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const iso = new Date(-2_208_988_800_000 + (seed / 2_147_483_648) * 6_311_390_400_000).toISOString();
      const text = i % 2 ? iso : `${iso.slice(0, 19)}Z`;
      if (isoMillis(text) !== Date.parse(text)) differ.push(text);
    }
    expect(differ).toEqual([]);
  });
});
