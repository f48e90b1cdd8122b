/**
 * What a device is made of when its SBOM does not say: the operating system the inventory records (as
 * hygiene recognises it, with the CPE names NVD uses for it) and the services scans saw answering on it
 * (their CPE names, or a well-known product's, with the version they announced). Each becomes a component
 * for the matcher, so that NVD's configurations are evaluated on a device exactly as on an SBOM: the OS and
 * the services are each other's platforms ("OpenSSH running on Windows"), and the OS's own parts (SMBv1 on
 * Windows 7) are taken as the OS's.
 *
 * A service's CPE without a version is not matched: it would be covered by every CVE ever published for the
 * product. Many devices share one OS spelling and a few service versions, so `cpeSetKey` names what a
 * device's matches depend on, for the caller to match each set once.
 */
import { parseCpe23 } from '../cpe.js';
import { type DeviceExposure, EXPOSURE_WINDOW_DAYS } from '../exposure/device-exposure.js';
import type { OsIdentity } from '../hygiene/os-identity.js';
import type { ComponentToMatch } from './engine.js';

export const DEVICE_FINDING_ORIGINS = ['recorded-os', 'observed-service'] as const;
/** `recorded-os`: the inventory's operating system; `observed-service`: a service a scan saw answering. */
export type DeviceFindingOrigin = (typeof DEVICE_FINDING_ORIGINS)[number];

export interface DeviceComponent extends ComponentToMatch {
  cpe: string;
  origin: DeviceFindingOrigin;
  /** What a finding on it follows from one run to the next: `os`, or the service's `tcp/22`. */
  originKey: string;
  port?: number;
  transport?: string;
  /** Why a match on it is less than certain whatever its CPE says (a distribution's build). */
  caveats: string[];
}

/** A service as the device's exposure keeps it (core/exposure/device-exposure.ts). */
export type ServiceSighting = DeviceExposure['openServices'][number];

/**
 * States in which a service is known to answer. `open|filtered` is a port that never answered (UDP), so
 * nothing it announced can be relied on.
 */
const ANSWERING: ReadonlySet<string> = new Set(['open', 'unfiltered']);

/**
 * Products scanners name without a CPE (a Shodan banner without `cpe23`), with NVD's names for them.
 * nginx has two: NVD moved it from nginx:nginx to f5:nginx in 2022, and older CVEs keep the first.
 */
const KNOWN_SERVICE_PRODUCTS: readonly { names: readonly string[]; cpes: readonly string[] }[] = [
  { names: ['openssh'], cpes: ['cpe:2.3:a:openbsd:openssh'] },
  { names: ['apache httpd', 'apache http server', 'apache'], cpes: ['cpe:2.3:a:apache:http_server'] },
  { names: ['nginx'], cpes: ['cpe:2.3:a:f5:nginx', 'cpe:2.3:a:nginx:nginx'] },
  { names: ['lighttpd'], cpes: ['cpe:2.3:a:lighttpd:lighttpd'] },
  {
    names: ['microsoft iis httpd', 'microsoft-iis', 'microsoft iis'],
    cpes: ['cpe:2.3:a:microsoft:internet_information_services'],
  },
  { names: ['dropbear sshd', 'dropbear'], cpes: ['cpe:2.3:a:dropbear_ssh_project:dropbear_ssh'] },
  { names: ['vsftpd'], cpes: ['cpe:2.3:a:beasts:vsftpd'] },
  { names: ['proftpd'], cpes: ['cpe:2.3:a:proftpd:proftpd'] },
];

/** A version as a CPE value may hold it unquoted: `7.4`, `2.4.41`, `7.4p1`. */
const CPE_SAFE_VERSION = /^[0-9][0-9a-z._-]{0,63}$/;
/** A version string that names a distribution's build, whose backported fixes NVD does not see. */
const DISTRIBUTION_BUILD =
  /\b(?:debian|ubuntu|raspbian|el\d|rhel|red hat|centos|fedora|suse|alpine)\b|[+~]deb\d/i;

/**
 * The operating system's CPE names as components, the most specific first (NVD names some releases two
 * ways). A release read with less than full confidence (from a build number, an abbreviation) says so on
 * every match.
 */
export function osComponents(os: OsIdentity): DeviceComponent[] {
  const caveats =
    os.confidence === 'high'
      ? []
      : [`the inventory's operating system was read as ${os.label} with ${os.confidence} confidence`];
  return [...new Set(os.cpes)].map((cpe, i) => ({
    id: i + 1,
    ref: `os:${cpe}`,
    name: os.label,
    ...(os.version !== undefined ? { version: os.version } : {}),
    type: 'operating-system',
    cpe,
    origin: 'recorded-os',
    originKey: 'os',
    caveats,
  }));
}

/**
 * The services answering within the window, each of its CPE names that carries a version a component (a
 * CPE without one takes the version the service announced).
 */
export function serviceComponents(
  services: readonly ServiceSighting[],
  now: Date,
  windowDays = EXPOSURE_WINDOW_DAYS,
): DeviceComponent[] {
  const since = now.getTime() - windowDays * 86_400_000;
  const out: DeviceComponent[] = [];
  const sorted = [...services].sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport));
  for (const s of sorted) {
    if (!ANSWERING.has(s.state) || !(Date.parse(s.observedAt) >= since)) continue;
    const version = s.version?.trim();
    const caveats =
      version && DISTRIBUTION_BUILD.test(version)
        ? [
            `${s.product ?? 'the service'} ${version} is a distribution's build, whose backported fixes NVD does not see`,
          ]
        : [];
    const originKey = `${s.transport}/${s.port}`;
    const names = s.cpes.length ? s.cpes : knownProductCpes(s.product);
    const seen = new Set<string>();
    for (const name of names) {
      const cpe = withVersion(name, version);
      if (!cpe || seen.has(cpe)) continue;
      seen.add(cpe);
      out.push({
        id: out.length + 1,
        ref: `${originKey}:${cpe}`,
        name: s.product ?? s.name ?? originKey,
        ...(version ? { version } : {}),
        type: cpe.startsWith('cpe:2.3:o:') ? 'operating-system' : 'application',
        cpe,
        origin: 'observed-service',
        originKey,
        port: s.port,
        transport: s.transport,
        caveats,
      });
    }
  }
  return out;
}

/** A device's components: its recorded OS (unless its SBOM speaks for it) and its answering services. */
export function deviceComponents(input: {
  os?: OsIdentity;
  services: readonly ServiceSighting[];
  now: Date;
  windowDays?: number;
}): DeviceComponent[] {
  const all = [
    ...(input.os ? osComponents(input.os) : []),
    ...serviceComponents(input.services, input.now, input.windowDays),
  ];
  return all.map((c, i) => ({ ...c, id: i + 1 }));
}

/** The distinct CPE names of a device's components, sorted: devices with the same set match alike. */
export function cpeSetKey(components: readonly Pick<DeviceComponent, 'cpe'>[]): string {
  return [...new Set(components.map((c) => c.cpe))].sort().join('\n');
}

function knownProductCpes(product: string | undefined): string[] {
  if (!product) return [];
  const name = product.trim().toLowerCase();
  const known = KNOWN_SERVICE_PRODUCTS.find((k) => k.names.includes(name));
  return known ? known.cpes.map((prefix) => `${prefix}:*:*:*:*:*:*:*:*`) : [];
}

// A hundred thousand devices announce a few hundred product versions: each pair is read once.
const versionMemo = new Map<string, string | undefined>();
const VERSION_MEMO_LIMIT = 10_000;

/**
 * The CPE name with a version: its own, else the announced one (its first word, when a CPE value can hold
 * it); undefined when it has none, or is not a CPE 2.3 name.
 */
function withVersion(name: string, announced: string | undefined): string | undefined {
  const key = `${name}\u0000${announced ?? ''}`;
  if (versionMemo.has(key)) return versionMemo.get(key);
  const result = readVersion(name, announced);
  if (versionMemo.size >= VERSION_MEMO_LIMIT) versionMemo.clear();
  versionMemo.set(key, result);
  return result;
}

function readVersion(name: string, announced: string | undefined): string | undefined {
  const parsed = parseCpe23(name);
  if (!parsed.ok) return undefined;
  const { version } = parsed.cpe;
  if (version.kind === 'value' && !version.wildcard) return name;
  if (version.kind !== 'any' || !announced) return undefined;
  const first = announced.split(/\s/, 1)[0]!.toLowerCase();
  if (!CPE_SAFE_VERSION.test(first)) return undefined;
  const attributes = splitAttributes(name);
  // cpe, 2.3, part, vendor, product, version…
  if (attributes.length !== 13) return undefined;
  attributes[5] = first;
  const filled = attributes.join(':');
  return parseCpe23(filled).ok ? filled : undefined;
}

/** A formatted string's attributes, split on the colons a backslash does not quote. */
function splitAttributes(name: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\') i++;
    else if (name[i] === ':') {
      out.push(name.slice(start, i));
      start = i + 1;
    }
  }
  out.push(name.slice(start));
  return out;
}
