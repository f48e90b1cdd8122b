/**
 * The demo health system: sites, the SBOMs its suppliers delivered, and every device as the CMMS lists it.
 * Pure and deterministic: the same options give byte-identical output.
 */
import type {
  CompensatingControl,
  DeviceInput,
  DeviceStatus,
  NetworkIdentity,
  OperatingSystem,
  PatchPolicy,
  SecuritySoftware,
} from '../../core/device.js';
import {
  DEPARTMENTS,
  DEVICE_TYPES,
  type Department,
  type DeviceTypeSpec,
  type Manufacturer,
  manufacturerByName,
  OPERATING_SYSTEMS,
  type OsSpec,
  PRODUCT_VERSIONS,
  type ProductVersionSpec,
  SITE_DEPARTMENTS,
  type SiteKind,
  slug,
  type WindowsLine,
} from './catalogue.js';
import { dayNumber, formatDay, hash32, monthsBetween, Random } from './random.js';
import { buildProductSbom } from './sbom.js';

export interface DemoOptions {
  /** Multiplies sites (3 per unit) and devices (about 5,000 per unit). Default 1. */
  scale?: number;
  /** Default `'vigil'`. */
  seed?: string | number;
  /** YYYY-MM-DD, default `'2026-11-28'`: the reference date for "recent" patches, signatures and ages. */
  today?: string;
}

export interface DemoSbom {
  fileName: string;
  /** A CycloneDX 1.5 or 1.6 JSON document, as the supplier delivered it. */
  text: string;
  supplier: string;
  product: string;
  productVersion: string;
}

export interface DemoSite {
  name: string;
  code: string;
  city: string;
}

export interface DemoHospital {
  sites: DemoSite[];
  sboms: DemoSbom[];
  devices: DeviceInput[];
}

const DEFAULT_TODAY = '2026-11-28';

const CITIES = [
  'Ashford',
  'Brookhaven',
  'Carrow',
  'Dunmore',
  'Eastleigh',
  'Fairhaven',
  'Glenrock',
  'Harwick',
  'Ironbridge',
  'Kingsport',
  'Lakemont',
  'Millbrook',
  'Northfield',
  'Oakridge',
  'Pinecrest',
  'Queensbury',
  'Riverton',
  'Stonebridge',
  'Thornbury',
  'Upton',
  'Westfield',
  'Yarrow',
  'Alderney',
  'Bramwell',
  'Cresthaven',
  'Danbury',
  'Elmstead',
  'Foxley',
  'Greywater',
  'Hollins',
  'Kirkwood',
  'Larkspur',
  'Marlow',
  'Newhaven',
  'Orwell',
  'Penrose',
];
const QUALIFIERS = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Port', 'Mount'];
const KINDS: readonly SiteKind[] = ['teaching', 'community', 'outpatient'];
const KIND_INDEX: Record<SiteKind, 0 | 1 | 2> = { teaching: 0, community: 1, outpatient: 2 };
const KIND_LETTER: Record<SiteKind, string> = { teaching: 'U', community: 'C', outpatient: 'O' };
const KIND_SUFFIX: Record<SiteKind, string> = {
  teaching: 'University Hospital',
  community: 'Community Hospital',
  outpatient: 'Outpatient & Imaging Centre',
};
const BUILDINGS: Record<SiteKind, readonly string[]> = {
  teaching: ['Main Building', 'North Tower', 'South Tower', "Children's Wing", 'Imaging Centre'],
  community: ['Main Building', 'East Wing'],
  outpatient: ['Clinic Building'],
};

// Each site owns a /17 of 10.0.0.0/8 starting at 10.4.0.0, so addresses never repeat across the system.
const SITE_BLOCK_BITS = 15;
const FIRST_SITE_BLOCK = 8;
const MAX_SITES = (1 << (24 - SITE_BLOCK_BITS)) - FIRST_SITE_BLOCK;

interface SiteInfo extends DemoSite {
  kind: SiteKind;
  index: number;
}

function makeSites(groups: number): SiteInfo[] {
  const sites: SiteInfo[] = [];
  for (let g = 0; g < groups; g++) {
    for (let j = 0; j < 3; j++) {
      const kind = KINDS[j]!;
      const n = 3 * g + j;
      const base = CITIES[n % CITIES.length]!;
      const round = Math.floor(n / CITIES.length);
      const qualifier = round === 0 ? '' : `${QUALIFIERS[(round - 1) % QUALIFIERS.length]} `;
      const repeat = round > QUALIFIERS.length ? ` ${Math.ceil(round / QUALIFIERS.length)}` : '';
      const city = `${qualifier}${base}${repeat}`;
      sites.push({
        index: sites.length,
        kind,
        city,
        name: `${city} ${KIND_SUFFIX[kind]}`,
        code: `${base.slice(0, 3).toUpperCase()}${KIND_LETTER[kind]}${round === 0 ? '' : round + 1}`,
      });
    }
  }
  return sites;
}

/** Hands out addresses department by department from the site's block, as VLAN-per-department networks do. */
class AddressPlan {
  private readonly base: number;
  private readonly pools = new Map<string, { blocks: number[]; block: number; host: number }>();
  private nextSpare = 64;

  constructor(siteIndex: number) {
    if (siteIndex >= MAX_SITES) throw new RangeError(`the demo addresses at most ${MAX_SITES} sites`);
    this.base = (10 * 2 ** 24 + (FIRST_SITE_BLOCK + siteIndex) * 2 ** SITE_BLOCK_BITS) >>> 0;
  }

  next(pool: Department | 'device-network'): string {
    let state = this.pools.get(pool);
    if (!state) {
      const index = pool === 'device-network' ? 15 : DEPARTMENTS.indexOf(pool);
      state = { blocks: [index * 4, index * 4 + 1, index * 4 + 2, index * 4 + 3], block: 0, host: 10 };
      this.pools.set(pool, state);
    }
    // .1–.9 are gateways and infrastructure, .251–.255 reserved, as hospital IPAM plans usually keep them.
    if (state.host > 250) {
      state.block++;
      state.host = 10;
      if (state.block >= state.blocks.length) {
        if (this.nextSpare >= 128) throw new RangeError('site address block exhausted');
        state.blocks.push(this.nextSpare++);
      }
    }
    const address = this.base + state.blocks[state.block]! * 256 + state.host++;
    return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
  }
}

// KB numbers grew by about 18,400 a month until September 2021 (KB4012212 in March 2017, KB5005565 in
// September 2021) and by about 1,230 a month since; months count from January 2015.
function kbForMonth(month: number, line: WindowsLine): string {
  const lineOffset = { xp: 0, win7: 7, win81: 14, 'win10-1607': 21, modern: 28 }[line];
  const n = month <= 80 ? 4012212 + (month - 26) * 18400 : 5005565 + (month - 80) * 1230;
  return `KB${n + lineOffset}`;
}

/** Security-only fixes the dashboard checks by id: MS17-010 (WannaCry) and CVE-2019-0708 (BlueKeep). */
const CRITICAL_KBS: Readonly<Record<WindowsLine, readonly { kb: string; day: number }[]>> = {
  xp: [
    { kb: 'KB4012598', day: dayNumber('2017-05-12') },
    { kb: 'KB4500331', day: dayNumber('2019-05-14') },
  ],
  win7: [
    { kb: 'KB4012212', day: dayNumber('2017-03-14') },
    { kb: 'KB4499175', day: dayNumber('2019-05-14') },
  ],
  win81: [{ kb: 'KB4012213', day: dayNumber('2017-03-14') }],
  // Cumulative-update lines carry every fix in their build number instead.
  'win10-1607': [],
  modern: [],
};

const EPOCH_2015 = dayNumber('2015-01-01');

interface SecurityProduct {
  product: string;
  version: string;
  /** Cloud/behavioural agents report no signature date. */
  signatures: boolean;
}

const AV_LEGACY: readonly (readonly [SecurityProduct, number])[] = [
  [{ product: 'McAfee VirusScan Enterprise', version: '8.8.0.2024', signatures: true }, 45],
  [{ product: 'Symantec Endpoint Protection', version: '12.1.7266.6800', signatures: true }, 35],
  [{ product: 'Trellix Endpoint Security', version: '10.7.0.5786', signatures: true }, 20],
];
const AV_MID: readonly (readonly [SecurityProduct, number])[] = [
  [{ product: 'Symantec Endpoint Protection', version: '14.3.8289.5000', signatures: true }, 40],
  [{ product: 'Trellix Endpoint Security', version: '10.7.0.6421', signatures: true }, 35],
  [{ product: 'Microsoft Defender Antivirus', version: '4.18.23110.3', signatures: true }, 25],
];
const AV_MODERN: readonly (readonly [SecurityProduct, number])[] = [
  [{ product: 'Microsoft Defender Antivirus', version: '4.18.24090.11', signatures: true }, 45],
  [{ product: 'CrowdStrike Falcon Sensor', version: '7.18.18906.0', signatures: false }, 20],
  [{ product: 'Sophos Intercept X', version: '2024.2.1.1', signatures: true }, 15],
  [{ product: 'Trellix Endpoint Security', version: '10.7.0.6617', signatures: true }, 10],
  [{ product: 'Trend Micro Apex One', version: '14.0.12737', signatures: true }, 10],
];
// Hospital-managed endpoints update signatures daily; supplier-locked ones lag behind by weeks or years.
const SIGNATURE_AGES_MANAGED: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 2], 75],
  [[3, 30], 20],
  [[31, 400], 5],
];
const SIGNATURE_AGES_SUPPLIER: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 3], 35],
  [[4, 60], 35],
  [[61, 1100], 30],
];

function inBand(rng: Random, [min, max]: readonly [number, number]): number {
  return rng.int(min, max);
}

const NO_AV_SHARE: Record<PatchPolicy, number> = {
  'hospital-may-patch': 0.03,
  'supplier-approval-required': 0.12,
  'supplier-only': 0.3,
  'no-patching': 0.5,
};

type AgeBand = readonly [min: number, max: number] | 'never';
const PATCH_AGES: Record<PatchPolicy, readonly (readonly [AgeBand, number])[]> = {
  'hospital-may-patch': [
    [[0, 40], 70],
    [[41, 180], 18],
    [[181, 900], 9],
    ['never', 3],
  ],
  'supplier-approval-required': [
    [[0, 60], 20],
    [[61, 365], 40],
    [[366, 1500], 30],
    ['never', 10],
  ],
  'supplier-only': [
    [[0, 90], 10],
    [[91, 720], 30],
    [[721, 2500], 40],
    ['never', 20],
  ],
  'no-patching': [
    [[400, 3000], 15],
    ['never', 85],
  ],
};

// Devices past end of support are retired more often; small portable ones go missing more often.
function statusWeights(
  endOfSupportPassed: boolean,
  portable: boolean,
): readonly (readonly [DeviceStatus, number])[] {
  return [
    ['in-service', 88],
    ['in-storage', 4],
    ['maintenance', 3],
    ['retired', endOfSupportPassed ? 9 : 2],
    ['missing', portable ? 3 : 0.5],
  ];
}
const STATUS_WEIGHTS = [
  statusWeights(false, false),
  statusWeights(false, true),
  statusWeights(true, false),
  statusWeights(true, true),
];

const DEPARTMENT_FLOOR: Record<Department, string> = {
  ICU: '3',
  ED: 'G',
  OR: '2',
  Radiology: 'G',
  Laboratory: '1',
  Oncology: '4',
  NICU: '3',
  Cardiology: '2',
  Pharmacy: 'B1',
  'Medical Ward': '5',
  'Surgical Ward': '6',
  Maternity: '4',
  Paediatrics: '7',
  Outpatients: '1',
  'IT Data Centre': 'B2',
};

/** Serial prefix from the product's initials: "Sapphire LVP" → "SL". */
function productCode(product: string): string {
  return product
    .split(/[\s-]+/)
    .map((w) => (/^\d/.test(w) ? w : (w[0] ?? '')))
    .join('')
    .toUpperCase()
    .slice(0, 4);
}

function hex2(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16);
}

interface Context {
  rng: Random;
  today: number;
  seed: string;
  serialCounters: Map<string, number>;
  macCounters: Map<string, number>;
}

function nextMac(ctx: Context, mfr: Manufacturer): string {
  let n = ctx.macCounters.get(mfr.oui);
  // Each manufacturer's NIC range starts somewhere in its OUI, as a real production run would.
  if (n === undefined) n = hash32(`${ctx.seed}/mac/${mfr.oui}`) & 0x7fffff;
  ctx.macCounters.set(mfr.oui, n + 1);
  return `${mfr.oui}:${hex2((n >>> 16) & 255)}:${hex2((n >>> 8) & 255)}:${hex2(n & 255)}`;
}

function nextSerial(ctx: Context, prefix: string): string {
  let n = ctx.serialCounters.get(prefix);
  if (n === undefined) n = 100000 + (hash32(`${ctx.seed}/serial/${prefix}`) % 400000);
  n += ctx.rng.int(1, 4);
  ctx.serialCounters.set(prefix, n);
  return `${prefix}-${String(n).padStart(7, '0')}`;
}

function windowsState(
  os: OsSpec,
  line: WindowsLine,
  effectiveDay: number,
  policy: PatchPolicy,
  rng: Random,
): { build: string; updates: string[] } {
  const spec = os.build;
  let build = typeof spec === 'string' ? spec : spec.prefix;
  let osMonths = 0;
  if (typeof spec !== 'string') {
    osMonths = Math.max(0, monthsBetween(dayNumber(spec.released), effectiveDay));
    build = `${spec.prefix}.${spec.baseRevision + osMonths * spec.perMonth}`;
  }
  const month = monthsBetween(EPOCH_2015, effectiveDay);
  const updates = [kbForMonth(month, line)];
  if (rng.chance(0.6)) updates.push(kbForMonth(month - 1, line));
  for (const critical of CRITICAL_KBS[line]) {
    // Suppliers that validate patches one by one sometimes never release a given fix.
    if (effectiveDay >= critical.day && !(policy === 'supplier-approval-required' && rng.chance(0.12)))
      updates.push(critical.kb);
  }
  return { build, updates: updates.sort() };
}

function securitySoftware(
  ctx: Context,
  line: WindowsLine,
  policy: PatchPolicy,
  networked: boolean,
  purchaseDay: number,
): SecuritySoftware[] {
  const { rng } = ctx;
  if (rng.chance(NO_AV_SHARE[policy])) return [];
  const table = line === 'xp' || line === 'win7' ? AV_LEGACY : line === 'modern' ? AV_MODERN : AV_MID;
  const chosen = rng.weighted(table);
  let age: number;
  if (!networked) age = rng.int(200, 1500);
  else if (policy === 'hospital-may-patch') age = inBand(rng, rng.weighted(SIGNATURE_AGES_MANAGED));
  else age = inBand(rng, rng.weighted(SIGNATURE_AGES_SUPPLIER));
  const signatureDay = Math.max(purchaseDay, ctx.today - age);
  return [
    {
      product: chosen.product,
      version: chosen.version,
      ...(chosen.signatures ? { signatureDate: formatDay(signatureDay) } : {}),
    },
  ];
}

/** What every device of one product version shares, worked out once rather than per device. */
interface Prepared {
  pv: ProductVersionSpec;
  mfr: Manufacturer;
  os: OsSpec;
  released: number;
  endOfSupport: number;
  osUpdatesEnd?: number;
  serialPrefix: string;
}

function prepare(pv: ProductVersionSpec): Prepared {
  const mfr = manufacturerByName(pv.manufacturer);
  const os: OsSpec = OPERATING_SYSTEMS[pv.os];
  return {
    pv,
    mfr,
    os,
    released: dayNumber(pv.released),
    endOfSupport: dayNumber(pv.endOfSupport),
    ...(os.updatesEnd ? { osUpdatesEnd: dayNumber(os.updatesEnd) } : {}),
    serialPrefix: `${mfr.code}-${productCode(pv.product)}`,
  };
}

function makeDevice(
  ctx: Context,
  site: SiteInfo,
  plan: AddressPlan,
  type: DeviceTypeSpec,
  prepared: Prepared,
  department: Department,
  assetNumber: number,
  hostSeq: number,
): DeviceInput {
  const { rng, today } = ctx;
  const { pv, mfr, os, released, endOfSupport } = prepared;

  const latestPurchase = Math.max(released + 30, Math.min(today - 7, released + 365 * 7));
  const purchaseDay = Math.min(today, rng.int(released + 30, latestPurchase));
  const status = rng.weighted(STATUS_WEIGHTS[(endOfSupport < today ? 2 : 0) + (type.portable ? 1 : 0)]!);

  // Last patch: drawn as an age by patch policy, never before purchase, never after the OS vendor stopped shipping fixes.
  let patchDay: number | undefined;
  const band = rng.weighted(PATCH_AGES[pv.patchPolicy]);
  if (band !== 'never') {
    patchDay = today - inBand(rng, band);
    const end = prepared.osUpdatesEnd;
    if (os.family === 'windows' && end !== undefined && patchDay > end) patchDay = end - rng.int(0, 45);
    if (patchDay < purchaseDay) patchDay = undefined;
  }

  const networked = status !== 'retired' && rng.chance(type.networked);
  const networkIdentities: NetworkIdentity[] = [];
  if (networked) {
    const windows = os.family === 'windows';
    const hostname = windows
      ? `${site.code}${type.abbr.toUpperCase()}${String(hostSeq).padStart(4, '0')}`.slice(0, 15)
      : os.family === 'linux' || rng.chance(0.5)
        ? `${type.abbr}-${String(hostSeq).padStart(4, '0')}.${site.code.toLowerCase()}.med.example.org`
        : undefined;
    networkIdentities.push({
      ipAddress: plan.next(department),
      macAddress: nextMac(ctx, mfr),
      ...(hostname ? { hostname } : {}),
    });
    if (rng.chance(type.dualNic))
      networkIdentities.push({ ipAddress: plan.next('device-network'), macAddress: nextMac(ctx, mfr) });
  }

  const osOut: OperatingSystem = { name: os.name, version: os.version };
  let installedUpdates: string[] = [];
  let security: SecuritySoftware[] = [];
  if (os.family === 'windows' && os.windowsLine) {
    // A never-patched device still runs the supplier's factory image, built a month before release.
    const effective = patchDay ?? released - 30;
    const state = windowsState(os, os.windowsLine, effective, pv.patchPolicy, rng);
    osOut.build = state.build;
    installedUpdates = state.updates;
    security = securitySoftware(ctx, os.windowsLine, pv.patchPolicy, networked, purchaseDay);
  } else {
    osOut.build = typeof os.build === 'string' ? os.build : os.build.prefix;
    if (patchDay !== undefined) installedUpdates = [`${mfr.code}-SR-${formatDay(patchDay).slice(0, 7)}`];
  }
  if (os.edition) osOut.edition = os.edition;

  const building = rng.pick(BUILDINGS[site.kind]);
  const location =
    department === 'IT Data Centre'
      ? `${building}, Level B2, Server Room ${rng.int(1, 3)}, Rack ${String.fromCharCode(65 + rng.int(0, 7))}${rng.int(1, 12)}`
      : `${building}, Level ${DEPARTMENT_FLOOR[department]}, ${department}, Room ${DEPARTMENT_FLOOR[department]}${String(rng.int(1, 60)).padStart(2, '0')}`;

  const assetTag = `${site.code}-${String(assetNumber).padStart(6, '0')}`;
  const compensatingControls = networked ? demoControls(assetTag, pv.patchPolicy, department, os) : [];
  return {
    assetTag,
    serialNumber: nextSerial(ctx, prepared.serialPrefix),
    manufacturer: pv.manufacturer,
    model: pv.product,
    softwareVersion: pv.version,
    deviceType: pv.deviceType,
    site: site.name,
    location,
    department,
    clinicalFunction: pv.clinicalFunction,
    clinicalCriticality: pv.criticality,
    status,
    networkIdentities,
    os: osOut,
    ...(patchDay !== undefined ? { lastPatchDate: formatDay(patchDay) } : {}),
    installedUpdates,
    securitySoftware: security,
    owner: type.owner,
    purchaseDate: formatDay(purchaseDay),
    endOfSupportDate: pv.endOfSupport,
    patchPolicy: pv.patchPolicy,
    ...(pv.patchRestrictions ? { patchRestrictions: pv.patchRestrictions } : {}),
    ...(compensatingControls.length ? { compensatingControls } : {}),
  };
}

/**
 * Where the hospital may not patch, it has segmented most such devices and watches some; a few old Windows
 * have SMBv1 turned off. Chosen by a hash of the asset tag, not the generator, so that adding controls did
 * not change any other drawn value of the demo.
 */
function demoControls(
  assetTag: string,
  policy: PatchPolicy,
  department: Department,
  os: OsSpec,
): CompensatingControl[] {
  if (policy === 'hospital-may-patch') return [];
  const h = hash32(`controls:${assetTag}`) % 100;
  const controls: CompensatingControl[] = [];
  if (h < (policy === 'supplier-approval-required' ? 35 : 65))
    controls.push({ kind: 'segmentation', detail: `${department} medical device VLAN, firewall allow-list` });
  if (h % 3 === 0) controls.push({ kind: 'monitoring', detail: 'Passive medical device network monitoring' });
  if (os.windowsLine && ['xp', 'win7'].includes(os.windowsLine) && h % 4 === 1)
    controls.push({ kind: 'service-disabled', detail: 'SMBv1' });
  return controls;
}

function pickDepartment(rng: Random, type: DeviceTypeSpec, kind: SiteKind): Department {
  const allowed = SITE_DEPARTMENTS[kind];
  const weights = type.departments.filter(([d, w]) => w > 0 && allowed.includes(d));
  return weights.length ? rng.weighted(weights) : 'Outpatients';
}

/** A file name a supplier portal would accept: manufacturer, product and version, lower-case. */
function sbomFileName(pv: ProductVersionSpec): string {
  return `${slug(pv.manufacturer)}_${slug(pv.product)}_${slug(pv.version)}.cdx.json`;
}

/** Generates the demo health system. Same options, same output, byte for byte. */
export function generateDemoHospital(options: DemoOptions = {}): DemoHospital {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError('scale must be a positive number');
  const seed = String(options.seed ?? 'vigil');
  const todayText = options.today ?? DEFAULT_TODAY;
  const today = dayNumber(todayText);
  // Whole units of scale add sites; a fractional scale shrinks or grows each site instead.
  const groups = Math.max(1, Math.round(scale));
  const perSite = scale / groups;

  const sites = makeSites(groups);
  if (sites.length > MAX_SITES)
    throw new RangeError(`scale too large: the demo addresses at most ${MAX_SITES} sites`);
  const available = PRODUCT_VERSIONS.filter((pv) => dayNumber(pv.released) <= today);

  const sboms: DemoSbom[] = available
    .filter((pv) => pv.sbom)
    .map((pv) => ({
      fileName: sbomFileName(pv),
      text: JSON.stringify(buildProductSbom(pv, seed, todayText), null, 2),
      supplier: pv.manufacturer,
      product: pv.product,
      productVersion: pv.version,
    }));

  const byType = new Map<string, (readonly [Prepared, number])[]>();
  for (const pv of available) {
    const list = byType.get(pv.deviceType) ?? [];
    list.push([prepare(pv), pv.share]);
    byType.set(pv.deviceType, list);
  }

  const ctx: Context = {
    rng: new Random(seed),
    today,
    seed,
    serialCounters: new Map(),
    macCounters: new Map(),
  };
  const devices: DeviceInput[] = [];
  for (const site of sites) {
    // One stream per site, so a site's devices do not depend on how many came before it.
    ctx.rng = new Random(`${seed}/site/${site.index}`);
    const plan = new AddressPlan(site.index);
    let assetNumber = 100000 + ctx.rng.int(0, 50000);
    for (const type of DEVICE_TYPES) {
      const products = byType.get(type.type);
      if (!products) continue;
      const count = Math.round(type.counts[KIND_INDEX[site.kind]] * perSite * (0.96 + 0.08 * ctx.rng.next()));
      for (let i = 0; i < count; i++) {
        const prepared = ctx.rng.weighted(products);
        const department = pickDepartment(ctx.rng, type, site.kind);
        devices.push(makeDevice(ctx, site, plan, type, prepared, department, assetNumber, i + 1));
        assetNumber += ctx.rng.int(1, 2);
      }
    }
  }

  return { sites: sites.map(({ name, code, city }) => ({ name, code, city })), sboms, devices };
}
