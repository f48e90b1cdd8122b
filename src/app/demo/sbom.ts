/**
 * Builds one product version's CycloneDX SBOM from its catalogue entry: the device as the subject, its
 * operating system, its firmware image, the manufacturer's own modules and the open-source stack.
 */
import type { OsSpec, Pack, ProductVersionSpec } from './catalogue.js';
import { OPERATING_SYSTEMS, slug } from './catalogue.js';
import {
  type ComponentEntry,
  DISTRO_FILLER_PACKAGES,
  DISTRO_KEY_PACKAGES,
  DISTRO_SOURCE_PACKAGES,
  type Distro,
  DOTNET_CORE,
  EMBEDDED_NET,
  type Era,
  FREERTOS,
  fillerUpstream,
  INTEGRITY,
  JAVA_RUNTIME,
  MAVEN,
  MIRTH,
  NATIVE,
  NODE_RUNTIME,
  NPM,
  NUGET,
  PYPI,
  PYTHON_RUNTIME,
  QNX,
  QT,
  RPM_FILLER_PACKAGES,
  RTOS_COMMON,
  SQL_EXPRESS,
  THREADX,
  VXWORKS,
  WEB_SERVERS,
  WINDOWS_NATIVE,
} from './components.js';
import {
  type CdxBom,
  type CdxComponent,
  type CdxDependency,
  type CdxTool,
  licenseChoice,
  makeCpe,
  makePurl,
  schemaUrl,
  stableSha256,
} from './cyclonedx.js';
import { addDays, dayNumber, hash32, Random } from './random.js';

/** A package as one SBOM uses it: the catalogue entry at a chosen version, with distribution qualifiers. */
interface Pkg {
  entry: ComponentEntry;
  version: string;
  qualifiers?: Record<string, string>;
  /** Deliberately present (a pin): never degraded by an imperfect SBOM. */
  pinned: boolean;
}

function identity(e: ComponentEntry): string {
  return `${e.eco}|${e.group ?? ''}|${e.name}`;
}

function byNames(pool: readonly ComponentEntry[], names: readonly string[]): ComponentEntry[] {
  return names.map((n) => {
    const found = pool.find((e) => e.name === n);
    if (!found) throw new Error(`demo catalogue: no component ${n}`);
    return found;
  });
}

function without(pool: readonly ComponentEntry[], names: readonly string[]): ComponentEntry[] {
  return pool.filter((e) => !names.includes(e.name));
}

const DISTRO_ERA: Record<Distro, Era> = {
  'debian-9': 0,
  'ubuntu-18.04': 0,
  'centos-7': 0,
  'debian-10': 1,
  'ubuntu-20.04': 1,
  'rhel-8': 1,
  'debian-11': 2,
  'ubuntu-22.04': 2,
};

const DISTRO_NAMESPACE: Record<Distro, string> = {
  'debian-9': 'debian',
  'debian-10': 'debian',
  'debian-11': 'debian',
  'ubuntu-18.04': 'ubuntu',
  'ubuntu-20.04': 'ubuntu',
  'ubuntu-22.04': 'ubuntu',
  'centos-7': 'centos',
  'rhel-8': 'redhat',
};

/** A distribution-style version for a package nobody pinned: upstream plus a revision in the release's idiom. */
function distroVersion(name: string, distro: Distro): string {
  const h = hash32(name);
  const upstream = fillerUpstream(h, DISTRO_ERA[distro]);
  const rev = 1 + (h % 4);
  if (distro.startsWith('debian')) {
    const n = distro.slice('debian-'.length);
    return h % 3 === 0 ? `${upstream}-${rev}+deb${n}u${1 + ((h >>> 8) % 3)}` : `${upstream}-${rev}`;
  }
  if (distro.startsWith('ubuntu')) {
    const n = distro.slice('ubuntu-'.length);
    return h % 2 === 0 ? `${upstream}-${rev}ubuntu0.${n}.${1 + ((h >>> 8) % 4)}` : `${upstream}-${rev}build1`;
  }
  return `${upstream}-${1 + ((h >>> 6) % 40)}.${distro === 'centos-7' ? 'el7' : 'el8'}`;
}

// Distribution packages that belong to an application stack, present only when the product uses that stack.
const STACK_PACKAGES: Readonly<Record<string, Pack>> = {
  'java-1.8.0-openjdk-headless': 'java',
  'java-11-openjdk-headless': 'java',
  'openjdk-11-jre-headless': 'java',
  python3: 'python',
  'python2.7': 'python',
  nginx: 'nginx',
  'postgresql-12': 'postgres',
  'postgresql-14': 'postgres',
};

function distroPackages(os: OsSpec, stack: readonly Pack[], arch: string): { core: Pkg[]; pool: Pkg[] } {
  const distro = os.distro;
  if (!distro) throw new Error(`demo catalogue: ${os.name} is not a distribution`);
  const rpm = distro === 'centos-7' || distro === 'rhel-8';
  const eco = rpm ? 'rpm' : 'deb';
  const qualifiers = { arch: rpm ? 'x86_64' : arch, distro };
  const make = (name: string, version: string, license: string): Pkg => {
    const source = DISTRO_SOURCE_PACKAGES[name];
    return {
      entry: { eco, group: DISTRO_NAMESPACE[distro], name, versions: [version, version, version], license },
      version,
      qualifiers: source && source !== name ? { ...qualifiers, upstream: source } : qualifiers,
      pinned: false,
    };
  };
  const core: Pkg[] = [];
  for (const [name, versions] of Object.entries(DISTRO_KEY_PACKAGES)) {
    const version = versions[distro];
    if (!version) continue;
    const needs = STACK_PACKAGES[name];
    if (needs && !stack.includes(needs)) continue;
    core.push(make(name, version, 'LicenseRef-distribution'));
  }
  const fillers = rpm ? RPM_FILLER_PACKAGES : DISTRO_FILLER_PACKAGES;
  const pool: Pkg[] = [];
  for (const name of fillers) {
    const pkg = make(name, distroVersion(name, distro), 'LicenseRef-distribution');
    if (stack.includes('qt') && name.startsWith('libqt5')) core.push(pkg);
    else pool.push(pkg);
  }
  return { core, pool };
}

interface PackContents {
  core: readonly ComponentEntry[];
  pool: readonly ComponentEntry[];
}

function packContents(pack: Pack, os: OsSpec): PackContents {
  switch (pack) {
    case 'native':
      return { core: byNames(NATIVE, ['glibc', 'linux', 'busybox', 'openssl', 'zlib']), pool: NATIVE };
    case 'native-portable': {
      const portable = without(NATIVE, [
        'glibc',
        'linux',
        'busybox',
        'bash',
        'util-linux',
        'e2fsprogs',
        'iptables',
        'dbus',
      ]);
      return { core: byNames(portable, ['zlib', 'sqlite']), pool: portable };
    }
    case 'distro':
      // Built separately: its packages carry distribution qualifiers.
      return { core: [], pool: [] };
    case 'freertos':
      return { core: FREERTOS, pool: RTOS_COMMON };
    case 'threadx':
      return { core: THREADX, pool: RTOS_COMMON };
    case 'vxworks':
      return { core: VXWORKS, pool: RTOS_COMMON };
    case 'qnx':
      return { core: QNX, pool: [] };
    case 'integrity':
      return { core: INTEGRITY, pool: RTOS_COMMON };
    case 'embedded-net':
      // Network stacks are chosen per product by pins; drawing them at random would misstate exposure.
      return { core: [], pool: [] };
    case 'rtos-common':
      return { core: [], pool: RTOS_COMMON };
    case 'windows': {
      const pool = without(WINDOWS_NATIVE, ['.NET Framework', 'DCMTK', 'Qt']);
      return { core: byNames(pool, ['Microsoft Visual C++ Redistributable', 'openssl', 'zlib']), pool };
    }
    case 'dotnet':
      return {
        core: [
          ...byNames(WINDOWS_NATIVE, ['.NET Framework']),
          ...byNames(NUGET, ['Newtonsoft.Json', 'log4net']),
        ],
        pool: NUGET,
      };
    case 'dotnet-core':
      return {
        core: [...DOTNET_CORE, ...byNames(NUGET, ['System.Text.Json', 'Microsoft.Extensions.Logging'])],
        pool: NUGET,
      };
    case 'sql-express':
      return { core: SQL_EXPRESS, pool: [] };
    case 'java':
      return {
        core: [
          ...JAVA_RUNTIME,
          ...byNames(MAVEN, [
            'log4j-core',
            'log4j-api',
            'jackson-databind',
            'jackson-core',
            'jackson-annotations',
            'slf4j-api',
            'commons-lang3',
          ]),
        ],
        pool: MAVEN,
      };
    case 'web':
      return { core: byNames(NPM, ['jquery', 'lodash', 'bootstrap']), pool: NPM };
    case 'node':
      return { core: [...NODE_RUNTIME, ...byNames(NPM, ['express', 'lodash', 'debug', 'ms'])], pool: NPM };
    case 'python':
      return {
        core: [...PYTHON_RUNTIME, ...byNames(PYPI, ['requests', 'urllib3', 'six', 'certifi', 'idna'])],
        pool: PYPI,
      };
    case 'qt':
      if (os.family === 'windows') return { core: byNames(WINDOWS_NATIVE, ['Qt']), pool: [] };
      if (os.distro) return { core: [], pool: [] };
      return { core: byNames(QT, ['qtbase', 'qtdeclarative']), pool: QT };
    case 'mirth':
      return { core: MIRTH, pool: [] };
    case 'httpd':
      return { core: [WEB_SERVERS.httpd], pool: [] };
    case 'nginx':
      // A distribution ships nginx as its own package.
      return { core: os.distro ? [] : [WEB_SERVERS.nginx], pool: [] };
    case 'tomcat':
      return { core: [WEB_SERVERS.tomcat], pool: [] };
    case 'postgres':
      return {
        core: os.distro === 'ubuntu-20.04' || os.distro === 'ubuntu-22.04' ? [] : [WEB_SERVERS.postgres],
        pool: [],
      };
  }
}

// Where a pin that no pack of the product offers is looked up (a DICOM toolkit on a plain Windows stack).
const PIN_FALLBACK: readonly ComponentEntry[] = [
  ...EMBEDDED_NET,
  ...WINDOWS_NATIVE,
  ...NATIVE,
  ...NUGET,
  ...MAVEN,
  ...NPM,
  ...PYPI,
];

function eraVersion(entry: ComponentEntry, era: Era): string {
  return entry.versions[era];
}

const VENDOR_MODULES = [
  'Core Services',
  'User Interface',
  'Alarm Manager',
  'Data Logger',
  'Network Service',
  'Update Agent',
  'Configuration Manager',
  'HL7 Interface',
  'Audit Trail',
  'Licensing Service',
  'Device Drivers',
  'Report Generator',
  'Remote Service Agent',
  'Event Journal',
];

const TYPE_MODULES: Readonly<Record<string, readonly string[]>> = {
  'infusion-pump': ['Drug Library Engine', 'Pump Motor Controller', 'Occlusion Detection'],
  'patient-monitor': ['Waveform Engine', 'Arrhythmia Analysis', 'SpO2 Module'],
  'central-station': ['Waveform Review', 'Alarm Forwarding'],
  'ct-scanner': ['Gantry Controller', 'Reconstruction Engine'],
  'mri-scanner': ['Sequence Manager', 'Reconstruction Engine', 'DICOM Service'],
  'modality-workstation': ['DICOM Service', 'Reconstruction Engine', 'Worklist Client'],
  'x-ray': ['Detector Calibration', 'DICOM Service', 'Image Processing'],
  ultrasound: ['Beamformer Control', 'DICOM Service', 'Measurement Package'],
  'pacs-server': ['DICOM Service', 'Study Router', 'Web Viewer'],
  'pacs-workstation': ['DICOM Service', 'Hanging Protocols'],
  'lab-analyzer': ['Assay Manager', 'Quality Control', 'LIS Interface'],
  ventilator: ['Ventilation Controller', 'Gas Mixer Control'],
};

function toolsFor(pv: ProductVersionSpec, rng: Random): CdxTool[] {
  const tools: CdxTool[] = [];
  if (pv.stack.includes('distro'))
    tools.push({
      type: 'application',
      author: 'anchore',
      name: 'syft',
      version: rng.pick(['0.98.0', '1.4.1', '1.11.0']),
    });
  else if (pv.stack.includes('native'))
    tools.push({
      type: 'application',
      author: 'CycloneDX',
      name: 'meta-cyclonedx',
      version: rng.pick(['1.2.0', '2.0.1']),
    });
  if (pv.stack.includes('java'))
    tools.push({
      type: 'application',
      author: 'CycloneDX',
      name: 'cyclonedx-maven-plugin',
      version: rng.pick(['2.7.9', '2.8.0']),
    });
  if (pv.stack.includes('dotnet') || pv.stack.includes('dotnet-core'))
    tools.push({
      type: 'application',
      author: 'CycloneDX',
      name: 'CycloneDX module for .NET',
      version: rng.pick(['2.7.0', '3.0.5']),
    });
  if (pv.stack.includes('web') || pv.stack.includes('node'))
    tools.push({
      type: 'application',
      author: 'CycloneDX',
      name: 'cdxgen',
      version: rng.pick(['9.11.4', '10.9.4']),
    });
  if (tools.length === 0)
    tools.push({
      type: 'application',
      author: pv.manufacturer,
      name: `${pv.manufacturer.split(' ')[0]} SBOM Builder`,
      version: rng.pick(['1.0', '1.2', '2.0']),
    });
  return tools;
}

function hhmmss(rng: Random): string {
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${two(rng.int(6, 19))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
}

/** One product version's SBOM as a CycloneDX document object. */
export function buildProductSbom(pv: ProductVersionSpec, seed: string, today: string): CdxBom {
  const shape = pv.sbom;
  if (!shape) throw new Error(`${pv.id} has no SBOM`);
  const rng = new Random(`${seed}/sbom/${pv.id}`);
  const os: OsSpec = OPERATING_SYSTEMS[pv.os];
  const era = pv.era;
  const mfrSlug = slug(pv.manufacturer);
  const embedded = os.family !== 'windows' && !os.distro;

  // Gather packages: pins first (they must survive the size cut), then each pack's core, then a random fill.
  const seen = new Set<string>();
  const chosen: Pkg[] = [];
  const pool: Pkg[] = [];
  const take = (pkg: Pkg, into: Pkg[]) => {
    const id = identity(pkg.entry);
    if (seen.has(id) || !pkg.version) return;
    seen.add(id);
    into.push(pkg);
  };
  const packs = pv.stack.map((p) => ({ pack: p, ...packContents(p, os) }));
  const distro = pv.stack.includes('distro') ? distroPackages(os, pv.stack, pv.arch ?? 'amd64') : undefined;
  const offered = [
    ...packs.flatMap((p) => [...p.core, ...p.pool]),
    ...(distro ? [...distro.core, ...distro.pool].map((p) => p.entry) : []),
  ];
  for (const [name, pin] of Object.entries(pv.pins)) {
    const entry = offered.find((e) => e.name === name) ?? PIN_FALLBACK.find((e) => e.name === name);
    if (!entry) throw new Error(`demo catalogue: ${pv.id} pins unknown component ${name}`);
    const distroPkg = distro && [...distro.core, ...distro.pool].find((p) => p.entry === entry);
    if (distroPkg) take({ ...distroPkg, pinned: true }, chosen);
    else
      take(
        { entry, version: pin === true ? eraVersion(entry, era) || entry.versions[2] : pin, pinned: true },
        chosen,
      );
  }
  if (distro) for (const pkg of distro.core) take(pkg, chosen);
  for (const p of packs)
    for (const entry of p.core) take({ entry, version: eraVersion(entry, era), pinned: false }, chosen);
  if (distro) for (const pkg of distro.pool) take(pkg, pool);
  for (const p of packs)
    for (const entry of p.pool) take({ entry, version: eraVersion(entry, era), pinned: false }, pool);

  const moduleNames = rng.sample([...(TYPE_MODULES[pv.deviceType] ?? []), ...VENDOR_MODULES], rng.int(3, 6));
  const fixed = 1 + (embedded ? 1 : 0) + 1 + moduleNames.length + chosen.length;
  const fill = rng.sample(pool, Math.max(0, pv.size - fixed));

  const refs = new Set<string>();
  const uniqueRef = (wanted: string): string => {
    let ref = wanted;
    for (let n = 2; refs.has(ref); n++) ref = `${wanted}#${n}`;
    refs.add(ref);
    return ref;
  };
  const manufacturer = { name: pv.manufacturer };

  const rootRef = uniqueRef(`device:${mfrSlug}/${slug(pv.product)}@${pv.version}`);
  const osRef = uniqueRef(`os:${slug(os.name)}@${os.version}`);
  const osComponent: CdxComponent = {
    type: 'operating-system',
    'bom-ref': osRef,
    supplier: { name: os.supplier },
    name: os.name,
    version: os.version,
    ...(os.edition ? { description: `${os.name} ${os.edition}` } : {}),
    cpe: os.cpe,
  };

  const appVersion = pv.version;
  const appRef = uniqueRef(`${mfrSlug}:${slug(pv.product)}-application@${appVersion}`);
  const modules: CdxComponent[] = moduleNames.map((m) => {
    const version = rng.chance(0.6) ? appVersion : `${appVersion}.${rng.int(1, 40)}`;
    return {
      type: 'library',
      'bom-ref': uniqueRef(`${mfrSlug}:${slug(m)}@${version}`),
      supplier: manufacturer,
      name: `${pv.product} ${m}`,
      version,
      hashes: [{ alg: 'SHA-256', content: stableSha256(`${pv.id}/${m}`) }],
      licenses: [licenseChoice('LicenseRef-Proprietary')],
      purl: makePurl('generic', mfrSlug, slug(`${pv.product} ${m}`), version),
    };
  });
  const app: CdxComponent = {
    type: 'application',
    'bom-ref': appRef,
    supplier: manufacturer,
    name: `${pv.product} ${embedded ? 'Control Software' : 'Application'}`,
    version: appVersion,
    hashes: [{ alg: 'SHA-256', content: stableSha256(`${pv.id}/application`) }],
    licenses: [licenseChoice('LicenseRef-Proprietary')],
    purl: makePurl('generic', mfrSlug, slug(`${pv.product} application`), appVersion),
    ...(shape.nested ? { components: modules } : {}),
  };
  const firmware: CdxComponent | undefined = embedded
    ? {
        type: 'firmware',
        'bom-ref': uniqueRef(`firmware:${mfrSlug}/${slug(pv.product)}@${pv.version}`),
        supplier: manufacturer,
        name: `${pv.product} Firmware`,
        version: pv.version,
        hashes: [{ alg: 'SHA-256', content: stableSha256(`${pv.id}/firmware`) }],
        licenses: [licenseChoice('LicenseRef-Proprietary')],
      }
    : undefined;

  const libs = [...chosen, ...fill];
  const libComponents: CdxComponent[] = libs.map((pkg) => {
    const e = pkg.entry;
    // An imperfect SBOM loses identifiers the way hand-made supplier SBOMs do; pinned packages stay findable.
    const degrade = shape.imperfect && !pkg.pinned;
    const noVersion = degrade && rng.chance(0.03);
    const noPurl = noVersion || (degrade && rng.chance(0.08));
    const version = noVersion ? undefined : pkg.version;
    const purl = noPurl ? undefined : makePurl(e.eco, e.group, e.name, version, pkg.qualifiers);
    const ref = uniqueRef(purl ?? `component:${slug(e.name)}${version ? `@${version}` : ''}`);
    return {
      type: e.type ?? 'library',
      'bom-ref': ref,
      ...(e.supplier ? { supplier: { name: e.supplier } } : {}),
      ...(e.group && e.eco !== 'deb' && e.eco !== 'rpm' && e.eco !== 'generic' ? { group: e.group } : {}),
      name: e.name,
      ...(version ? { version } : {}),
      ...(degrade && rng.chance(0.05)
        ? {}
        : { hashes: [{ alg: 'SHA-256', content: stableSha256(`${identity(e)}@${pkg.version}`) }] }),
      ...(degrade && rng.chance(0.1) ? {} : { licenses: [licenseChoice(e.license)] }),
      ...(e.cpe && version && !noPurl ? { cpe: makeCpe(e.cpe, version) } : {}),
      ...(purl ? { purl } : {}),
    };
  });

  const components: CdxComponent[] = [
    osComponent,
    ...(firmware ? [firmware] : []),
    app,
    ...(shape.nested ? [] : modules),
    ...libComponents,
  ];

  // Edges point only to earlier libraries of the same kind, so the graph is acyclic and base libraries
  // (libc, openssl, zlib, which come first) collect the most dependants, as in real builds.
  const dependencies: CdxDependency[] = [];
  const libRefs = libComponents.map((c) => c['bom-ref']);
  const kindOf = (pkg: Pkg) =>
    pkg.entry.eco === 'deb' || pkg.entry.eco === 'rpm' ? 'generic' : pkg.entry.eco;
  const byKind = new Map<string, string[]>();
  const libDeps: CdxDependency[] = libs.map((pkg, i) => {
    const kind = kindOf(pkg);
    const earlier = byKind.get(kind) ?? [];
    const count = Math.min(earlier.length, rng.pick([0, 1, 1, 2, 2, 2, 3, 3]));
    const dependsOn = rng.sample(earlier, count);
    earlier.push(libRefs[i]!);
    byKind.set(kind, earlier);
    return { ref: libRefs[i]!, dependsOn };
  });
  const moduleRefs = modules.map((m) => m['bom-ref']);
  const coreRefs = libRefs.slice(0, chosen.length);
  dependencies.push({ ref: rootRef, dependsOn: firmware ? [firmware['bom-ref']] : [osRef, appRef] });
  dependencies.push({ ref: osRef, dependsOn: [] });
  if (firmware) dependencies.push({ ref: firmware['bom-ref'], dependsOn: [osRef, appRef] });
  dependencies.push({ ref: appRef, dependsOn: [...moduleRefs, ...coreRefs.slice(0, 10)] });
  for (const ref of moduleRefs) dependencies.push({ ref, dependsOn: rng.sample(libRefs, rng.int(1, 3)) });
  dependencies.push(...libDeps);

  const timestamp = `${addDays(pv.released, Math.min(rng.int(14, 200), Math.max(0, dayNumber(today) - dayNumber(pv.released))))}T${hhmmss(rng)}Z`;
  const root: CdxComponent = {
    type: 'device',
    'bom-ref': rootRef,
    supplier: manufacturer,
    ...(shape.spec === '1.6' ? { manufacturer } : { publisher: pv.manufacturer }),
    name: pv.product,
    version: pv.version,
    description: pv.clinicalFunction,
  };
  return {
    $schema: schemaUrl(shape.spec),
    bomFormat: 'CycloneDX',
    specVersion: shape.spec,
    serialNumber: `urn:uuid:${rng.uuid()}`,
    version: 1,
    metadata: {
      timestamp,
      tools: { components: toolsFor(pv, rng) },
      component: root,
      ...(shape.spec === '1.6' ? { manufacturer } : { manufacture: manufacturer }),
      supplier: manufacturer,
    },
    components,
    dependencies,
  };
}
