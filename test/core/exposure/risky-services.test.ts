import { describe, expect, it } from 'vitest';
import type { ExposureObservation, ObservedService } from '../../../src/core/exposure/observation.js';
import {
  isInternetExposed,
  RISK_SEVERITIES,
  RISKY_SERVICES,
  type RiskyServiceEntry,
  riskyServicesOf,
} from '../../../src/core/exposure/risky-services.js';

function service(port: number, extra: Partial<ObservedService> = {}): ObservedService {
  return { port, transport: 'tcp', state: 'open', cpes: [], tls: false, vulnerabilities: [], ...extra };
}

function observation(
  services: ObservedService[],
  extra: Partial<ExposureObservation> = {},
): ExposureObservation {
  return {
    source: 'nmap',
    observedAt: '2026-03-02T09:00:00Z',
    address: '10.20.1.5',
    family: 'ipv4',
    hostnames: [],
    hostState: 'up',
    services,
    vulnerabilities: [],
    tags: [],
    internetFacing: false,
    ...extra,
  };
}

/** `port/transport entry-id severity` for each finding. */
const flagged = (o: ExposureObservation) =>
  riskyServicesOf(o).map((f) => `${f.service.port}/${f.service.transport} ${f.entry.id} ${f.severity}`);

describe('the risky services catalogue, as data', () => {
  it('has unique ids, a reason and public references for every entry', () => {
    const ids = RISKY_SERVICES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of RISKY_SERVICES) {
      expect(e.reason.length, e.id).toBeGreaterThan(80);
      expect(e.references.length, e.id).toBeGreaterThan(0);
      for (const r of e.references) expect(r.url, e.id).toMatch(/^https:\/\/[^\s]+$/);
      expect(e.ports.length + e.serviceNames.length, e.id).toBeGreaterThan(0);
      for (const p of e.ports) expect(p >= 0 && p <= 65535, e.id).toBe(true);
      for (const n of e.serviceNames) expect(n, e.id).toBe(n.toLowerCase());
      for (const s of e.supersedes ?? []) expect(ids, e.id).toContain(s);
    }
  });

  it('never rates a service less severe from the internet than inside the hospital', () => {
    const rank = (s: string) => RISK_SEVERITIES.indexOf(s as never);
    for (const e of RISKY_SERVICES)
      expect(rank(e.internetSeverity), e.id).toBeLessThanOrEqual(rank(e.severity));
  });

  it('covers the services a clinical network must not expose', () => {
    const covers = (port: number, transport: 'tcp' | 'udp') =>
      RISKY_SERVICES.some(
        (e) => e.ports.includes(port) && (e.transport === 'any' || e.transport === transport),
      );
    const expected: [number, 'tcp' | 'udp'][] = [
      [445, 'tcp'],
      [139, 'tcp'],
      [137, 'udp'],
      [138, 'udp'],
      [3389, 'tcp'],
      [23, 'tcp'],
      [5900, 'tcp'],
      [5901, 'tcp'],
      [5902, 'tcp'],
      [5903, 'tcp'],
      [21, 'tcp'],
      [69, 'udp'],
      [104, 'tcp'],
      [11112, 'tcp'],
      [2575, 'tcp'],
      [80, 'tcp'],
      [8080, 'tcp'],
      [161, 'udp'],
      [1883, 'tcp'],
      [502, 'tcp'],
      [22, 'tcp'],
      [1433, 'tcp'],
      [3306, 'tcp'],
      [5432, 'tcp'],
      [1900, 'udp'],
    ];
    for (const [port, transport] of expected)
      expect(covers(port, transport), `${port}/${transport}`).toBe(true);
  });
});

describe('riskyServicesOf', () => {
  it('flags SMB by its port, more severely when the device is reachable from the internet', () => {
    const smb = [service(445), service(139, { name: 'netbios-ssn', identifiedBy: 'probe' })];
    expect(flagged(observation(smb))).toEqual(['139/tcp smb high', '445/tcp smb high']);
    expect(flagged(observation(smb, { internetFacing: true }))).toEqual([
      '139/tcp smb critical',
      '445/tcp smb critical',
    ]);
    const [finding] = riskyServicesOf(observation([service(445)]));
    expect(finding).toMatchObject({ matchedBy: 'port', confirmed: true, internetFacing: false });
    expect(finding!.reason).toContain('WannaCry');
  });

  it('flags a service by its name on an unusual port', () => {
    const o = observation([service(8445, { name: 'microsoft-ds', identifiedBy: 'probe' })]);
    expect(riskyServicesOf(o).map((f) => [f.entry.id, f.matchedBy])).toEqual([['smb', 'service-name']]);
  });

  it('trusts a probe that found another service on a well-known port', () => {
    const o = observation([service(445, { name: 'http', identifiedBy: 'probe' })]);
    expect(flagged(o)).toEqual(['445/tcp http-cleartext low']);
    // A name taken from the port table, or one that says nothing, leaves the port's meaning standing.
    expect(flagged(observation([service(445, { name: 'tcpwrapped', identifiedBy: 'probe' })]))).toEqual([
      '445/tcp smb high',
    ]);
    expect(
      flagged(observation([service(3389, { name: 'unknown-thing', identifiedBy: 'port-table' })])),
    ).toEqual(['3389/tcp rdp high']);
  });

  it('ignores closed and filtered ports, and flags unanswered UDP ports as unconfirmed', () => {
    expect(
      flagged(observation([service(23, { state: 'closed' }), service(445, { state: 'filtered' })])),
    ).toEqual([]);
    const [snmp] = riskyServicesOf(observation([service(161, { transport: 'udp', state: 'open|filtered' })]));
    expect(snmp).toMatchObject({ entry: { id: 'snmp-v1-v2c' }, confirmed: false });
  });

  it('matches the transport: TFTP is UDP, RDP either', () => {
    expect(flagged(observation([service(69, { transport: 'udp' })]))).toEqual(['69/udp tftp high']);
    expect(flagged(observation([service(69)]))).toEqual([]);
    expect(flagged(observation([service(3389, { transport: 'udp' })]))).toEqual(['3389/udp rdp high']);
  });

  it('flags DICOM, HL7 and FTP without TLS, and not with it', () => {
    const clear = [service(104), service(11112), service(2575), service(21)];
    expect(flagged(observation(clear))).toEqual([
      '21/tcp ftp medium',
      '104/tcp dicom high',
      '2575/tcp hl7-mllp high',
      '11112/tcp dicom high',
    ]);
    expect(flagged(observation(clear.map((s) => ({ ...s, tls: true }))))).toEqual([]);
  });

  it('tells a login page over HTTP from any web interface without TLS', () => {
    const admin = service(80, { name: 'http', httpTitle: 'Infusion Gateway – Administrator Login' });
    const plain = service(8080, { name: 'http-proxy', httpTitle: 'Ward status board' });
    const secure = service(443, { name: 'https', tls: true, httpTitle: 'Login' });
    expect(flagged(observation([admin, plain, secure]))).toEqual([
      '80/tcp http-admin-cleartext high',
      '8080/tcp http-cleartext low',
    ]);
    // Any HTTP service without TLS, whatever its port.
    expect(flagged(observation([service(5000, { name: 'http', identifiedBy: 'probe' })]))).toEqual([
      '5000/tcp http-cleartext low',
    ]);
  });

  it('flags SNMP unless the agent is identified as SNMPv3 only', () => {
    const v3 = service(161, {
      transport: 'udp',
      name: 'snmp',
      product: 'net-snmp',
      extraInfo: 'SNMPv3 server',
    });
    expect(flagged(observation([v3]))).toEqual([]);
    const v1 = service(161, {
      transport: 'udp',
      name: 'snmp',
      extraInfo: 'SNMPv1 server; net-snmp SNMPv3 server (public)',
    });
    expect(flagged(observation([v1]))).toEqual(['161/udp snmp-v1-v2c medium']);
  });

  it('flags SSH only when it accepts protocol 1, or is reachable from the internet', () => {
    const ssh2 = service(22, {
      name: 'ssh',
      product: 'OpenSSH',
      version: '8.9p1',
      extraInfo: 'protocol 2.0',
    });
    const ssh1 = service(22, { name: 'ssh', product: 'OpenSSH', version: '5.3', extraInfo: 'protocol 1.99' });
    expect(flagged(observation([ssh2]))).toEqual([]);
    expect(flagged(observation([ssh1]))).toEqual(['22/tcp ssh-protocol-1 high']);
    expect(flagged(observation([ssh2], { internetFacing: true }))).toEqual(['22/tcp ssh-internet medium']);
    expect(flagged(observation([service(22, { banner: 'SSH-1.5-Cisco-1.25' })]))).toEqual([
      '22/tcp ssh-protocol-1 high',
    ]);
  });

  it('flags the remaining catalogue: VNC, Telnet, MQTT, Modbus, databases, UPnP, NetBIOS', () => {
    const o = observation([
      service(23),
      service(137, { transport: 'udp' }),
      service(502, { name: 'mbap', identifiedBy: 'port-table' }),
      service(1433, { name: 'ms-sql-s', identifiedBy: 'probe' }),
      service(1434, { transport: 'udp' }),
      service(1883),
      service(1900, { transport: 'udp' }),
      service(2323),
      service(3306),
      service(5432, { name: 'postgres' }),
      service(5903),
      service(8883, { name: 'secure-mqtt', tls: true }),
    ]);
    expect(flagged(o)).toEqual([
      '23/tcp telnet high',
      '137/udp netbios medium',
      '502/tcp modbus high',
      '1433/tcp mssql medium',
      '1434/udp mssql medium',
      '1883/tcp mqtt-cleartext medium',
      '1900/udp upnp-ssdp medium',
      '2323/tcp telnet high',
      '3306/tcp mysql medium',
      '5432/tcp postgresql medium',
      '5903/tcp vnc high',
    ]);
  });

  it('marks a firewall list’s permitted port as unconfirmed', () => {
    const o = observation([service(3389, { state: 'unfiltered' })], {
      source: 'firewall-list',
      internetFacing: true,
    });
    expect(riskyServicesOf(o)).toMatchObject([
      { entry: { id: 'rdp' }, severity: 'critical', confirmed: false },
    ]);
  });

  it('looks entries up by name and by port, each catalogue on its own', () => {
    const entry = (id: string, ports: number[], serviceNames: string[]): RiskyServiceEntry => ({
      ...RISKY_SERVICES[0]!,
      id,
      ports,
      serviceNames,
      transport: 'any',
      requires: undefined,
      unless: undefined,
      supersedes: undefined,
      internetOnly: undefined,
    });
    const catalogue = [
      entry('by-port', [9999], []),
      entry('by-name', [], ['pager']),
      entry('both', [9999], ['pager']),
    ];
    const ids = (s: ObservedService, c: readonly RiskyServiceEntry[] = catalogue) =>
      riskyServicesOf(observation([s]), c).map((f) => f.entry.id);
    // Named by one entry, on the port of another: both, once each, in catalogue order.
    expect(ids(service(9999, { name: 'pager', identifiedBy: 'probe' }))).toEqual(['by-name', 'both']);
    expect(ids(service(9999, { name: 'unknown', identifiedBy: 'probe' }))).toEqual(['by-port', 'both']);
    expect(ids(service(1234, { name: 'pager' }))).toEqual(['by-name', 'both']);
    expect(ids(service(1234))).toEqual([]);
    // The default catalogue is not the custom one, before or after it.
    expect(ids(service(9999, { name: 'pager' }), RISKY_SERVICES)).toEqual([]);
    expect(ids(service(445), RISKY_SERVICES)).toEqual(['smb']);
    expect(ids(service(445))).toEqual([]);
  });

  it('flags nothing on a host that is down', () => {
    expect(flagged(observation([service(445)], { hostState: 'down' }))).toEqual([]);
  });
});

describe('isInternetExposed', () => {
  it('is an internet-facing observation with an open service', () => {
    expect(isInternetExposed(observation([service(443)], { internetFacing: true }))).toBe(true);
    expect(isInternetExposed(observation([service(443)]))).toBe(false);
    expect(
      isInternetExposed(observation([service(443, { state: 'filtered' })], { internetFacing: true })),
    ).toBe(false);
  });
});
