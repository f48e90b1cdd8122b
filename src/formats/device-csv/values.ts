/**
 * Checks and normalisations for single cell values: dates, IP and MAC addresses, and the enumerated
 * device fields. Each returns `undefined` for a value it cannot accept, so the caller can word the error
 * with the file, line and column it knows about.
 */
import type {
  ClinicalCriticality,
  CompensatingControl,
  CompensatingControlKind,
  DeviceStatus,
  ExtendedSupportChannel,
  ExtendedSupportEnrolment,
  PatchPolicy,
} from '../../core/device.js';

export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

// Spreadsheet exports often append a time to a date; it carries nothing a device inventory needs.
const TIME_SUFFIX = String.raw`(?:,?[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)? *(?:[AaPp][Mm])?)?`;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME_SUFFIX}$`);
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME_SUFFIX}$`);

function ymd(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as `YYYY-MM-DD`. ISO dates and datetimes are accepted whatever the configured format, because
 * they cannot be misread; the date is taken as written, without converting a time zone, since the
 * inventory means the calendar day its users saw.
 */
export function parseDate(value: string, format: DateFormat): string | undefined {
  const iso = ISO.exec(value);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (format === 'YYYY-MM-DD') return undefined;
  const m = (format === 'DD.MM.YYYY' ? DOTTED : SLASHED).exec(value);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = Number(m[3]);
  return format === 'MM/DD/YYYY' ? ymd(year, a, b) : ymd(year, b, a);
}

// Leading zeros are refused: some tools read `010` as octal (8), others as decimal (10).
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

function parseIpv4Octets(value: string): number[] | undefined {
  const m = IPV4.exec(value);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function formatIpv6(groups: number[]): string {
  // RFC 5952: the text form is canonical, so two spellings of one address compare equal downstream.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const lo = groups[6] ?? 0;
    const hi = groups[7] ?? 0;
    return `::ffff:${lo >> 8}.${lo & 0xff}.${hi >> 8}.${hi & 0xff}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function parseIpv6(value: string): string | undefined {
  // 45 characters is the longest textual IPv6 address (with an embedded IPv4 address).
  if (value.length > 45 || value.length < 2) return undefined;
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (text: string, mayEndInIpv4: boolean): number[] | undefined => {
    if (text === '') return [];
    const parts = text.split(':');
    const groups: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (mayEndInIpv4 && i === parts.length - 1 && part.includes('.')) {
        const octets = parseIpv4Octets(part);
        if (!octets) return undefined;
        groups.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = parseGroups(value, true);
    return groups && groups.length === 8 ? formatIpv6(groups) : undefined;
  }
  const head = parseGroups(halves[0] ?? '', false);
  const tail = parseGroups(halves[1] ?? '', true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return formatIpv6([...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail]);
}

/**
 * An IPv4 address as written, or an IPv6 address in RFC 5952 form; `undefined` if it is neither.
 * Prefix lengths (`/24`) and zone ids (`%eth0`) are refused: an inventory records a device's address,
 * and a zone id only means something on the host that wrote it.
 */
export function parseIpAddress(value: string): string | undefined {
  if (value.includes(':')) return parseIpv6(value);
  return IPV4.test(value) ? value : undefined;
}

const MAC_COLON = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
const MAC_DASH = /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}$/;
const MAC_DOTTED = /^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}$/;
const MAC_BARE = /^[0-9a-fA-F]{12}$/;

/** A MAC address in lower-case colon form (`00:1a:2b:3c:4d:5e`), or `undefined`. */
export function parseMacAddress(value: string): string | undefined {
  if (MAC_COLON.test(value)) return value.toLowerCase();
  if (MAC_DASH.test(value)) return value.replaceAll('-', ':').toLowerCase();
  let hex: string;
  if (MAC_DOTTED.test(value)) hex = value.replaceAll('.', '');
  else if (MAC_BARE.test(value)) hex = value;
  else return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

/** How enumerated values are compared: case, surrounding space and `-`/`_`/space differences ignored. */
export function enumKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

function synonyms<T extends string>(table: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [canonical, words] of Object.entries(table) as [T, readonly string[]][]) {
    map.set(enumKey(canonical), canonical);
    for (const word of words) map.set(enumKey(word), canonical);
  }
  return map;
}

const CRITICALITY_WORDS = synonyms<ClinicalCriticality>({
  'life-critical': ['life critical', 'lifecritical', 'critical'],
  high: [],
  medium: ['moderate', 'med'],
  low: [],
});

const STATUS_WORDS = synonyms<DeviceStatus>({
  'in-service': ['active', 'in service', 'in use', 'inservice', 'operational', 'deployed'],
  'in-storage': ['storage', 'in storage', 'stored', 'spare'],
  maintenance: [
    'repair',
    'in repair',
    'under repair',
    'out for repair',
    'in maintenance',
    'under maintenance',
  ],
  retired: ['disposed', 'decommissioned', 'retire'],
  missing: ['lost', 'stolen'],
});

const PATCH_POLICY_WORDS = synonyms<PatchPolicy>({
  'hospital-may-patch': ['hospital', 'hospital patches', 'customer', 'customer may patch'],
  'supplier-approval-required': [
    'supplier approval',
    'vendor approval',
    'vendor approval required',
    'manufacturer approval',
    'manufacturer approval required',
  ],
  'supplier-only': ['supplier', 'vendor', 'manufacturer', 'vendor only', 'manufacturer only'],
  'no-patching': ['none', 'no patch', 'no patches', 'not patchable', 'never', 'do not patch'],
});

export const normaliseCriticality = (value: string): ClinicalCriticality | undefined =>
  CRITICALITY_WORDS.get(enumKey(value));
export const normaliseStatus = (value: string): DeviceStatus | undefined => STATUS_WORDS.get(enumKey(value));
export const normalisePatchPolicy = (value: string): PatchPolicy | undefined =>
  PATCH_POLICY_WORDS.get(enumKey(value));

const CONTROL_WORDS = synonyms<CompensatingControlKind>({
  segmentation: [
    'segmented',
    'network segmentation',
    'vlan',
    'isolated vlan',
    'firewalled',
    'microsegmentation',
  ],
  'service-disabled': ['services disabled', 'service disabled', 'disabled services', 'hardening', 'hardened'],
  monitoring: ['monitored', 'network monitoring', 'ids', 'nids', 'anomaly detection'],
  'application-allowlisting': [
    'allowlisting',
    'whitelisting',
    'application whitelisting',
    'app allowlisting',
  ],
  'remote-access-restricted': ['remote access restricted', 'brokered remote access', 'no remote access'],
  'removable-media-blocked': ['usb blocked', 'usb disabled', 'removable media blocked'],
  other: [],
});

/** `segmentation: VLAN 40` → the kind and its detail; `undefined` when the kind is not one Vigil knows. */
export function parseCompensatingControl(value: string): CompensatingControl | undefined {
  const colon = value.indexOf(':');
  const kind = CONTROL_WORDS.get(enumKey(colon < 0 ? value : value.slice(0, colon)));
  if (!kind) return undefined;
  const detail = colon < 0 ? '' : value.slice(colon + 1).trim();
  return detail ? { kind, detail } : { kind };
}

const NOT_ENROLLED_WORDS = new Set(['no', 'none', 'false', 'not enrolled', 'n']);
const CHANNEL_WORDS = synonyms<ExtendedSupportChannel>({
  commercial: ['yes', 'true', 'enrolled', 'esu', 'y', 'extended security updates'],
  consumer: [],
  azure: ['azure esu'],
});

/** An ESU enrolment cell: no/none, or yes or the programme's channel. `undefined`: not understood. */
export function parseExtendedSupport(value: string): ExtendedSupportEnrolment | undefined {
  const key = enumKey(value);
  if (NOT_ENROLLED_WORDS.has(key)) return { enrolled: false };
  const channel = CHANNEL_WORDS.get(key);
  return channel ? { enrolled: true, channel } : undefined;
}
