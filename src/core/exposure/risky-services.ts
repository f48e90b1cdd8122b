/**
 * Services that should not be reachable on a clinical network, or not from the internet, and why: a
 * catalogue kept as data (`RISKY_SERVICES`), each entry with the ports and service names it recognises,
 * how severe it is inside the hospital network and from the internet, the reason in words a biomedical
 * engineer or a CISO can act on, and public references. `riskyServicesOf` applies it to an observation.
 *
 * What the catalogue does not do: judge a product's version. An old OpenSSH or IIS is found by matching the
 * service's CPEs to vulnerabilities, which names the CVEs; the catalogue says what is risky whatever the
 * version (a protocol without authentication, cleartext credentials, remote administration).
 */
import type { ExposureObservation, ObservedService, PortState, Transport } from './observation.js';

export type RiskSeverity = 'critical' | 'high' | 'medium' | 'low';
export const RISK_SEVERITIES: readonly RiskSeverity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Conditions an entry may require or exclude, named so that the catalogue stays data. Each is a pure test
 * of a service (see `CONDITIONS` below):
 * - `tls`: the service spoke TLS.
 * - `admin-page`: an HTTP title that looks like a login or administration page.
 * - `ssh-protocol-1`: an SSH server that still accepts protocol 1 (`SSH-1.5`, `SSH-1.99`).
 * - `snmpv3-only`: an SNMP agent identified as answering SNMPv3 only.
 */
export type RiskCondition = 'tls' | 'admin-page' | 'ssh-protocol-1' | 'snmpv3-only';

export interface RiskReference {
  title: string;
  url: string;
}

export interface RiskyServiceEntry {
  id: string;
  title: string;
  /** Ports the service usually listens on: a match unless a probe identified another service there. */
  ports: readonly number[];
  /** Service names as nmap (`nmap-services`, version detection) and Shodan (`_shodan.module`) write them. */
  serviceNames: readonly string[];
  transport: Transport | 'any';
  /** Severity when the device is reachable only inside the hospital network. */
  severity: RiskSeverity;
  /** Severity when it is reachable from the internet. */
  internetSeverity: RiskSeverity;
  /** Flag only when the observation is internet-facing. */
  internetOnly?: boolean;
  requires?: readonly RiskCondition[];
  unless?: readonly RiskCondition[];
  /** Entries this one makes redundant on the same service (a login page over HTTP is also HTTP without TLS). */
  supersedes?: readonly string[];
  reason: string;
  references: readonly RiskReference[];
}

const ref = (title: string, url: string): RiskReference => ({ title, url });

const MITRE_EXTERNAL_REMOTE = ref(
  'MITRE ATT&CK T1133: External Remote Services',
  'https://attack.mitre.org/techniques/T1133/',
);
const MITRE_PUBLIC_APP = ref(
  'MITRE ATT&CK T1190: Exploit Public-Facing Application',
  'https://attack.mitre.org/techniques/T1190/',
);
const MITRE_SNIFFING = ref(
  'MITRE ATT&CK T1040: Network Sniffing',
  'https://attack.mitre.org/techniques/T1040/',
);
const MITRE_DEFAULT_ACCOUNTS = ref(
  'MITRE ATT&CK T1078.001: Valid Accounts: Default Accounts',
  'https://attack.mitre.org/techniques/T1078/001/',
);
const MITRE_BRUTE_FORCE = ref(
  'MITRE ATT&CK T1110: Brute Force',
  'https://attack.mitre.org/techniques/T1110/',
);
const CWE_CLEARTEXT = ref(
  'CWE-319: Cleartext Transmission of Sensitive Information',
  'https://cwe.mitre.org/data/definitions/319.html',
);
const CWE_NO_AUTH = ref(
  'CWE-306: Missing Authentication for Critical Function',
  'https://cwe.mitre.org/data/definitions/306.html',
);
const CWE_DEFAULT_CREDENTIALS = ref(
  'CWE-1392: Use of Default Credentials',
  'https://cwe.mitre.org/data/definitions/1392.html',
);
const CISA_AMPLIFICATION = ref(
  'CISA Alert TA14-017A: UDP-Based Amplification Attacks',
  'https://www.cisa.gov/news-events/alerts/2014/01/17/udp-based-amplification-attacks',
);
const CISA_KEV = ref(
  'CISA Known Exploited Vulnerabilities Catalog',
  'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
);
const FDA_PREMARKET = ref(
  'FDA: Cybersecurity in Medical Devices: Quality System Considerations and Content of Premarket Submissions',
  'https://www.fda.gov/regulatory-information/search-fda-guidance-documents/cybersecurity-medical-devices-quality-system-considerations-and-content-premarket-submissions',
);
const PACS_REVIEW = ref(
  'Eichelberg et al., Cybersecurity Challenges for PACS and Medical Imaging, Academic Radiology 2020',
  'https://doi.org/10.1016/j.acra.2020.03.026',
);

const HTTP_NAMES = [
  'http',
  'http-alt',
  'http-proxy',
  'http-mgmt',
  'www',
  'www-http',
  'http-simple-new',
] as const;
const HTTP_PORTS = [80, 8000, 8008, 8080, 8081, 8888] as const;

/** The catalogue. Order is the order findings are reported in for one service. */
export const RISKY_SERVICES: readonly RiskyServiceEntry[] = [
  {
    id: 'smb',
    title: 'SMB file sharing',
    ports: [445, 139],
    serviceNames: ['microsoft-ds', 'netbios-ssn', 'smb', 'cifs'],
    transport: 'tcp',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'SMB is how WannaCry (EternalBlue, MS17-010) spread through hospitals in 2017 and stopped imaging and ' +
      'clinical systems. Devices built on Windows XP or 7 Embedded often cannot be patched, so SMB reachable ' +
      'on the clinical network lets one infected workstation reach them; it should be closed or limited to ' +
      'the few servers that need it, and never reachable from the internet.',
    references: [
      ref(
        'Microsoft Security Bulletin MS17-010',
        'https://learn.microsoft.com/en-us/security-updates/securitybulletins/2017/ms17-010',
      ),
      ref('NVD: CVE-2017-0144 (EternalBlue)', 'https://nvd.nist.gov/vuln/detail/CVE-2017-0144'),
      ref(
        'CISA Alert: Indicators Associated With WannaCry Ransomware',
        'https://www.cisa.gov/news-events/alerts/2017/05/12/indicators-associated-wannacry-ransomware',
      ),
      ref(
        'National Audit Office: Investigation: WannaCry cyber attack and the NHS',
        'https://www.nao.org.uk/reports/investigation-wannacry-cyber-attack-and-the-nhs/',
      ),
      ref(
        'MITRE ATT&CK T1021.002: SMB/Windows Admin Shares',
        'https://attack.mitre.org/techniques/T1021/002/',
      ),
    ],
  },
  {
    id: 'netbios',
    title: 'NetBIOS name and datagram services',
    ports: [137, 138],
    serviceNames: ['netbios-ns', 'netbios-dgm', 'netbios'],
    transport: 'udp',
    severity: 'medium',
    internetSeverity: 'high',
    reason:
      'NetBIOS name service answers give away host, domain and user names, and let an attacker on the same ' +
      'network answer name queries in place of a server to capture or relay credentials. From the internet ' +
      'it also serves as a DDoS amplifier.',
    references: [
      ref(
        'MITRE ATT&CK T1557.001: LLMNR/NBT-NS Poisoning and SMB Relay',
        'https://attack.mitre.org/techniques/T1557/001/',
      ),
      CISA_AMPLIFICATION,
    ],
  },
  {
    id: 'rdp',
    title: 'Remote Desktop (RDP)',
    ports: [3389],
    serviceNames: ['ms-wbt-server', 'microsoft-rdp', 'rdp', 'ms-term-serv'],
    transport: 'any',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'Remote Desktop gives full control of the Windows system behind a modality console or a device ' +
      'workstation. BlueKeep (CVE-2019-0708) takes over unpatched Windows XP to 7 without a password, and ' +
      'RDP reachable from the internet is one of the commonest ways ransomware gets into hospitals. Vendor ' +
      'remote service should go through a managed remote-access gateway, not an open RDP port.',
    references: [
      ref('NVD: CVE-2019-0708 (BlueKeep)', 'https://nvd.nist.gov/vuln/detail/CVE-2019-0708'),
      ref(
        'Microsoft Security Response Center: CVE-2019-0708',
        'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-0708',
      ),
      ref(
        'MITRE ATT&CK T1021.001: Remote Desktop Protocol',
        'https://attack.mitre.org/techniques/T1021/001/',
      ),
      MITRE_EXTERNAL_REMOTE,
      CISA_KEV,
    ],
  },
  {
    id: 'telnet',
    title: 'Telnet',
    ports: [23, 2323],
    serviceNames: ['telnet'],
    transport: 'tcp',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'Telnet sends the login and everything typed in cleartext, and on devices it usually opens a ' +
      'service shell with a default or hard-coded password. Mirai and its successors took over hundreds of ' +
      'thousands of devices through Telnet default passwords alone.',
    references: [
      ref(
        'CISA Alert TA16-288A: Heightened DDoS Threat Posed by Mirai and Other Botnets',
        'https://www.cisa.gov/news-events/alerts/2016/10/14/heightened-ddos-threat-posed-mirai-and-other-botnets',
      ),
      CWE_CLEARTEXT,
      CWE_DEFAULT_CREDENTIALS,
      MITRE_DEFAULT_ACCOUNTS,
    ],
  },
  {
    id: 'vnc',
    title: 'VNC remote screen',
    ports: [5900, 5901, 5902, 5903],
    serviceNames: ['vnc', 'vnc-1', 'vnc-2', 'vnc-3', 'rfb'],
    transport: 'tcp',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      "VNC shows and controls the device's screen: on a clinical device, the user interface that sets " +
      'doses or acquisition parameters. Vendors leave it on for remote service, often without a password or ' +
      'with a weak one (classic VNC authentication uses only 8 characters), and the session is not encrypted.',
    references: [
      ref('MITRE ATT&CK T1021.005: VNC', 'https://attack.mitre.org/techniques/T1021/005/'),
      ref('RFC 6143: The Remote Framebuffer Protocol', 'https://www.rfc-editor.org/rfc/rfc6143'),
      CWE_NO_AUTH,
      MITRE_EXTERNAL_REMOTE,
    ],
  },
  {
    id: 'ftp',
    title: 'FTP without TLS',
    ports: [21],
    serviceNames: ['ftp'],
    transport: 'tcp',
    unless: ['tls'],
    severity: 'medium',
    internetSeverity: 'high',
    reason:
      'FTP sends logins and files in cleartext and often allows anonymous login; devices use it for logs, ' +
      'exports and firmware, so anyone on the path can read patient exports or replace a firmware image.',
    references: [
      ref('RFC 2577: FTP Security Considerations', 'https://www.rfc-editor.org/rfc/rfc2577'),
      CWE_CLEARTEXT,
      MITRE_SNIFFING,
    ],
  },
  {
    id: 'tftp',
    title: 'TFTP',
    ports: [69],
    serviceNames: ['tftp'],
    transport: 'udp',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'TFTP has no authentication at all: whoever reaches it can read, and often write, the files it serves, ' +
      'typically device configurations and firmware images used for network boot and updates.',
    references: [
      ref('RFC 1350: The TFTP Protocol (Revision 2)', 'https://www.rfc-editor.org/rfc/rfc1350'),
      CWE_NO_AUTH,
    ],
  },
  {
    id: 'dicom',
    title: 'DICOM without TLS',
    ports: [104, 11112],
    serviceNames: ['dicom', 'acr-nema'],
    transport: 'tcp',
    unless: ['tls'],
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'DICOM nodes (modalities, PACS, workstations) usually accept an association on the calling AE title ' +
      'alone, without user authentication or encryption. Anyone who can reach the port can query and ' +
      'retrieve patient images and demographics, or store forged studies. PACS reachable from the internet ' +
      'have exposed millions of patient studies.',
    references: [
      ref(
        'DICOM PS3.15: Security and System Management Profiles',
        'https://dicom.nema.org/medical/dicom/current/output/html/part15.html',
      ),
      ref(
        'ProPublica: Millions of Americans’ Medical Images and Data Are Available on the Internet',
        'https://www.propublica.org/article/millions-of-americans-medical-images-and-data-are-available-on-the-internet',
      ),
      ref(
        'AHA: Hospitals, others reminded to patch PACS cyber vulnerabilities (HHS HC3 alert)',
        'https://www.aha.org/news/headline/2020-12-17-hospitals-others-reminded-patch-pacs-cyber-vulnerabilities-regularly',
      ),
      PACS_REVIEW,
      CWE_NO_AUTH,
    ],
  },
  {
    id: 'hl7-mllp',
    title: 'HL7 v2 over MLLP without TLS',
    ports: [2575],
    serviceNames: ['hl7', 'mllp', 'hl7-mllp'],
    transport: 'tcp',
    unless: ['tls'],
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'HL7 v2 messages over MLLP carry patient identities, orders and results with no authentication and ' +
      'no encryption. Anyone who can connect can send admissions or results that change what clinicians ' +
      'see, and anyone on the path can read them.',
    references: [
      ref(
        'IANA service name and port registry: hl7 (2575)',
        'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=2575',
      ),
      PACS_REVIEW,
      CWE_NO_AUTH,
      CWE_CLEARTEXT,
    ],
  },
  {
    id: 'http-admin-cleartext',
    title: 'Login or administration page over HTTP',
    ports: HTTP_PORTS,
    serviceNames: HTTP_NAMES,
    transport: 'tcp',
    requires: ['admin-page'],
    unless: ['tls'],
    supersedes: ['http-cleartext'],
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      "A login or administration page served without TLS sends the device's administrator password in " +
      'cleartext to anyone on the path, and device web consoles often keep their default passwords.',
    references: [CWE_CLEARTEXT, CWE_DEFAULT_CREDENTIALS, MITRE_DEFAULT_ACCOUNTS, MITRE_PUBLIC_APP],
  },
  {
    id: 'http-cleartext',
    title: 'Web interface without TLS',
    ports: HTTP_PORTS,
    serviceNames: HTTP_NAMES,
    transport: 'tcp',
    unless: ['tls'],
    severity: 'low',
    internetSeverity: 'high',
    reason:
      "A device's web interface without TLS lets anyone on the path read and change what it shows and " +
      'sends, and the device cannot prove it is the device. Reachable from the internet it is an open door ' +
      'to whatever the interface does.',
    references: [CWE_CLEARTEXT, MITRE_PUBLIC_APP, FDA_PREMARKET],
  },
  {
    id: 'snmp-v1-v2c',
    title: 'SNMP v1/v2c',
    ports: [161],
    serviceNames: ['snmp'],
    transport: 'udp',
    unless: ['snmpv3-only'],
    severity: 'medium',
    internetSeverity: 'high',
    reason:
      'SNMP v1 and v2c authenticate with a community string sent in cleartext, often left at "public" or ' +
      '"private": reading gives away the device and network configuration, writing changes it. From the ' +
      'internet it also serves as a DDoS amplifier.',
    references: [
      ref(
        'CISA Alert TA17-156A: Reducing the Risk of SNMP Abuse',
        'https://www.cisa.gov/news-events/alerts/2017/06/05/reducing-risk-snmp-abuse',
      ),
      CISA_AMPLIFICATION,
      CWE_CLEARTEXT,
    ],
  },
  {
    id: 'mqtt-cleartext',
    title: 'MQTT without TLS',
    ports: [1883],
    serviceNames: ['mqtt', 'ibm-mqisdp'],
    transport: 'tcp',
    unless: ['tls'],
    severity: 'medium',
    internetSeverity: 'high',
    reason:
      'MQTT on 1883 is unencrypted and brokers often accept anonymous clients: anyone who connects can ' +
      'subscribe to every topic (device telemetry, locations, alarms) or publish false ones.',
    references: [
      ref(
        'OASIS MQTT Version 3.1.1 (section 5, Security)',
        'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
      ),
      CWE_CLEARTEXT,
      CWE_NO_AUTH,
    ],
  },
  {
    id: 'modbus',
    title: 'Modbus/TCP',
    ports: [502],
    serviceNames: ['modbus', 'mbap'],
    transport: 'tcp',
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'Modbus has no authentication: anyone who reaches it can read and write the controller’s registers. ' +
      'In a hospital it runs building systems that care depends on: operating-theatre ventilation, medical ' +
      'gas, power and cooling.',
    references: [
      ref(
        'MITRE ATT&CK for ICS T0855: Unauthorized Command Message',
        'https://attack.mitre.org/techniques/T0855/',
      ),
      ref(
        'MITRE ATT&CK for ICS T0883: Internet Accessible Device',
        'https://attack.mitre.org/techniques/T0883/',
      ),
      CWE_NO_AUTH,
    ],
  },
  {
    id: 'ssh-protocol-1',
    title: 'SSH accepting protocol version 1',
    ports: [22],
    serviceNames: ['ssh'],
    transport: 'tcp',
    requires: ['ssh-protocol-1'],
    severity: 'high',
    internetSeverity: 'critical',
    reason:
      'SSH protocol 1 is broken by design (session hijacking, the CRC-32 compensation attack) and was ' +
      'removed from OpenSSH in 2017; a server that still offers it is old firmware that has not been updated.',
    references: [
      ref(
        'NVD: CVE-2001-0144 (SSH1 CRC-32 compensation attack detector)',
        'https://nvd.nist.gov/vuln/detail/CVE-2001-0144',
      ),
      ref('OpenSSH 7.6 release notes (SSH protocol 1 removed)', 'https://www.openssh.com/txt/release-7.6'),
    ],
  },
  {
    id: 'ssh-internet',
    title: 'SSH reachable from the internet',
    ports: [22],
    serviceNames: ['ssh'],
    transport: 'tcp',
    internetOnly: true,
    severity: 'medium',
    internetSeverity: 'medium',
    reason:
      'SSH itself is the safe way to administer a system, but a medical device whose SSH is reachable from ' +
      'the internet is open to password guessing and to any flaw in its SSH server; remote service should go ' +
      "through the hospital's remote-access gateway. Old SSH versions are found by CPE matching.",
    references: [MITRE_EXTERNAL_REMOTE, MITRE_BRUTE_FORCE],
  },
  {
    id: 'mssql',
    title: 'Microsoft SQL Server reachable',
    ports: [1433, 1434],
    serviceNames: ['ms-sql-s', 'ms-sql-m', 'mssql'],
    transport: 'any',
    severity: 'medium',
    internetSeverity: 'critical',
    reason:
      'Device and clinical-system databases (PACS, monitoring central stations, lab systems) hold patient ' +
      'data; vendors ship them with known or default "sa" passwords, and a logged-in SQL Server user can run ' +
      'operating system commands. Only the application servers should reach them.',
    references: [CWE_DEFAULT_CREDENTIALS, MITRE_DEFAULT_ACCOUNTS, MITRE_PUBLIC_APP],
  },
  {
    id: 'mysql',
    title: 'MySQL reachable',
    ports: [3306],
    serviceNames: ['mysql'],
    transport: 'tcp',
    severity: 'medium',
    internetSeverity: 'critical',
    reason:
      'A database reachable by every device on the network is one password (often a default) away from ' +
      'its patient data; only the application servers should reach it.',
    references: [CWE_DEFAULT_CREDENTIALS, MITRE_BRUTE_FORCE, MITRE_PUBLIC_APP],
  },
  {
    id: 'postgresql',
    title: 'PostgreSQL reachable',
    ports: [5432],
    serviceNames: ['postgresql', 'postgres'],
    transport: 'tcp',
    severity: 'medium',
    internetSeverity: 'critical',
    reason:
      'A database reachable by every device on the network is one password (often a default) away from ' +
      'its patient data; only the application servers should reach it.',
    references: [CWE_DEFAULT_CREDENTIALS, MITRE_BRUTE_FORCE, MITRE_PUBLIC_APP],
  },
  {
    id: 'upnp-ssdp',
    title: 'UPnP / SSDP',
    ports: [1900],
    serviceNames: ['upnp', 'ssdp'],
    transport: 'any',
    severity: 'medium',
    internetSeverity: 'high',
    reason:
      'UPnP announces the device (maker, model, serial number, firmware) to anyone who asks, and some ' +
      'implementations open firewall ports on request; no medical device needs it. From the internet, SSDP ' +
      'is a DDoS amplifier.',
    references: [CISA_AMPLIFICATION, CWE_NO_AUTH],
  },
];

// Linear: bounded alternations over a title that the parsers already bound to 256 characters.
const ADMIN_TITLE =
  /\b(?:log ?in|log ?on|sign ?in|admin|administration|administrator|management|manager|configuration|config|setup|settings|dashboard|console|control panel|web ?ui|password|authentication|maintenance|service mode)\b/i;

const CONDITIONS: Record<RiskCondition, (s: ObservedService) => boolean> = {
  tls: (s) => s.tls,
  'admin-page': (s) => s.httpTitle !== undefined && ADMIN_TITLE.test(s.httpTitle),
  'ssh-protocol-1': (s) => /\bprotocol 1\.\d+/i.test(s.extraInfo ?? '') || /^SSH-1\./.test(s.banner ?? ''),
  'snmpv3-only': (s) => {
    const text = `${s.product ?? ''} ${s.extraInfo ?? ''} ${s.banner ?? ''}`;
    return /snmpv3/i.test(text) && !/snmpv1|snmpv2|v2c|community/i.test(text);
  },
};

/** Service names that say nothing about what listens: a port match stands. */
const UNINFORMATIVE_NAMES = new Set(['unknown', 'tcpwrapped']);

/** States in which a service may be reached; `confirmed` only for `open`. */
const REACHABLE: ReadonlySet<PortState> = new Set<PortState>(['open', 'open|filtered', 'unfiltered']);

export interface RiskyServiceFinding {
  service: ObservedService;
  entry: RiskyServiceEntry;
  /** The entry's severity for where the device is reachable from. */
  severity: RiskSeverity;
  reason: string;
  /** `service-name` when the name identified it, `port` when only the usual port did. */
  matchedBy: 'service-name' | 'port';
  /** False for a port not known to answer (`open|filtered` UDP, a firewall list's permitted port). */
  confirmed: boolean;
  internetFacing: boolean;
}

function matchOf(entry: RiskyServiceEntry, s: ObservedService): 'service-name' | 'port' | undefined {
  if (entry.transport !== 'any' && entry.transport !== s.transport) return undefined;
  if (s.name !== undefined && entry.serviceNames.includes(s.name)) return 'service-name';
  if (!entry.ports.includes(s.port)) return undefined;
  // A probe that found another service on the usual port outranks the port number.
  if (s.identifiedBy === 'probe' && s.name !== undefined && !UNINFORMATIVE_NAMES.has(s.name))
    return undefined;
  return 'port';
}

/** Where each entry of a catalogue is, by the service names and ports it recognises. */
interface CatalogueIndex {
  byName: Map<string, number[]>;
  byPort: Map<number, number[]>;
}

const catalogueIndexes = new WeakMap<readonly RiskyServiceEntry[], CatalogueIndex>();
const NO_ENTRIES: readonly number[] = [];

function indexOf(catalogue: readonly RiskyServiceEntry[]): CatalogueIndex {
  let index = catalogueIndexes.get(catalogue);
  if (!index) {
    const byName = new Map<string, number[]>();
    const byPort = new Map<number, number[]>();
    const add = <K>(map: Map<K, number[]>, key: K, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list.at(-1) !== i) list.push(i);
    };
    catalogue.forEach((entry, i) => {
      for (const name of entry.serviceNames) add(byName, name, i);
      for (const port of entry.ports) add(byPort, port, i);
    });
    index = { byName, byPort };
    catalogueIndexes.set(catalogue, index);
  }
  return index;
}

/**
 * The entries (their places, in catalogue order) that name the service or its port: no other entry can
 * match it, so an import of 100,000 services tries a few entries each rather than the whole catalogue.
 */
function candidatesFor(catalogue: readonly RiskyServiceEntry[], s: ObservedService): readonly number[] {
  const index = indexOf(catalogue);
  const named = s.name !== undefined ? index.byName.get(s.name) : undefined;
  const ported = index.byPort.get(s.port);
  if (!named) return ported ?? NO_ENTRIES;
  if (!ported) return named;
  return [...new Set([...named, ...ported])].sort((a, b) => a - b);
}

/** The risky services of an observation, by port then catalogue order; nothing for a host that is down. */
export function riskyServicesOf(
  observation: ExposureObservation,
  catalogue: readonly RiskyServiceEntry[] = RISKY_SERVICES,
): RiskyServiceFinding[] {
  if (observation.hostState === 'down') return [];
  const internet = observation.internetFacing;
  const findings: RiskyServiceFinding[] = [];
  for (const service of observation.services) {
    if (!REACHABLE.has(service.state)) continue;
    const matched: RiskyServiceFinding[] = [];
    for (const i of candidatesFor(catalogue, service)) {
      const entry = catalogue[i]!;
      if (entry.internetOnly && !internet) continue;
      const by = matchOf(entry, service);
      if (!by) continue;
      if (entry.requires && !entry.requires.every((c) => CONDITIONS[c](service))) continue;
      if (entry.unless?.some((c) => CONDITIONS[c](service))) continue;
      matched.push({
        service,
        entry,
        severity: internet ? entry.internetSeverity : entry.severity,
        reason: entry.reason,
        matchedBy: by,
        confirmed: service.state === 'open',
        internetFacing: internet,
      });
    }
    if (matched.length > 1 && matched.some((f) => f.entry.supersedes)) {
      const superseded = new Set(matched.flatMap((f) => f.entry.supersedes ?? []));
      for (const f of matched) if (!superseded.has(f.entry.id)) findings.push(f);
    } else findings.push(...matched);
  }
  if (findings.length > 1) findings.sort(byServicePort);
  return findings;
}

const byServicePort = (a: RiskyServiceFinding, b: RiskyServiceFinding) =>
  a.service.port - b.service.port ||
  (a.service.transport < b.service.transport ? -1 : a.service.transport > b.service.transport ? 1 : 0);

/** Reachable from the internet with at least one service answering: what the dashboard flags. */
export function isInternetExposed(observation: ExposureObservation): boolean {
  return (
    observation.internetFacing &&
    observation.hostState !== 'down' &&
    observation.services.some((s) => s.state === 'open')
  );
}
