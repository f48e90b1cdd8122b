/**
 * Windows as CMMS exports, WMI captions and nmap spell it ("Microsoft Windows 7 Embedded Standard",
 * "WES7", "Win7 Pro SP1", "Server 2012 R2", "w2k8r2", "Windows 10 IoT Enterprise LTSB 2016", a bare
 * "10.0.17763.1234"), read into a release of windows-releases.ts. Embedded and IoT editions are tried
 * before the desktop release they are built from (their lifecycles differ), servers before clients, and a
 * build number settles what a name leaves open or is reported when it contradicts the name.
 */
import type { OsIdentity, RecognitionConfidence } from './os-identity.js';
import { findWindowsBuild, type Reading, servicePacksIn, type WindowsBuild, weaker } from './os-text.js';
import {
  CLIENT_RELEASES,
  type ClientRelease,
  FIXED_WINDOWS_PRODUCTS,
  type FixedWindowsProduct,
  NT_BUILDS,
  SERVER_RELEASES,
  SERVICE_PACK_CYCLES,
  type ServerRelease,
} from './windows-releases.js';

const VENDOR = 'Microsoft';
const CPE = 'cpe:2.3:o:microsoft:';

/** Whether a text speaks of Windows at all (before any release is looked for). */
const WINDOWS_MARK =
  /\b(?:windows|win ?(?:xp|vista|7|8|10|11|2k\d*|nt)|w(?:7|8|10|11|2k\d*)|wes ?(?:7|2009)|ws7[ep]|we8s|posready|wepos|xpe|wince|wec ?(?:7|2013))\b|\bserver (?:2003|2008|2012|2016|2019|2022|2025)\b|\b(?:win|w)2k\d*(?: ?r2)?\b|\b2k(?:3|8|12|16|19|22|25)(?: ?r2)?\b|^(?:xp|vista)\b/;

export function looksLikeWindows(text: string, buildField?: string): boolean {
  return WINDOWS_MARK.test(text) || (buildField !== undefined && /^(?:5|6|10)\.\d\.\d{4,5}/.test(buildField));
}

export interface WindowsInput {
  /** Normalised text of one alternative. */
  text: string;
  /** The build, from the build field first, else from the text. */
  build?: WindowsBuild;
}

export function recogniseWindows(input: WindowsInput): Reading {
  const { text } = input;
  const build = input.build ?? findWindowsBuild(text);
  return (
    embedded(text, build) ??
    server(text, build) ??
    client(text, build) ??
    fromBuildAlone(text, build) ?? {
      kind: 'family',
      family: 'windows',
      evidence: [`"${text}" names Windows but no release Vigil knows`],
    }
  );
}

// ---- Embedded and IoT editions -----------------------------------------------------------------------

/** Patterns for editions with a lifecycle of their own, most specific first. */
const EMBEDDED: readonly { pattern: RegExp; product: string | ((build?: WindowsBuild) => string[]) }[] = [
  { pattern: /\bxp ?embedded\b|\bembedded (?:windows )?xp\b|\bxpe\b/, product: 'windows-xp-embedded' },
  { pattern: /\bposready ?7\b/, product: 'windows-embedded-posready-7' },
  { pattern: /\bposready ?2009\b/, product: 'windows-embedded-posready-2009' },
  {
    pattern: /\bposready\b/,
    product: (b) => byNt(b, 'windows-embedded-posready-2009', 'windows-embedded-posready-7'),
  },
  { pattern: /\bwepos\b|\bembedded for point of service\b/, product: 'windows-embedded-wepos' },
  { pattern: /\bembedded standard 2009\b|\bwes ?2009\b/, product: 'windows-embedded-standard-2009' },
  {
    pattern:
      /\bwes ?7\b|\bws7[ep]\b|\bembedded (?:std|standard) 7\b|\b7 embedded\b|\bembedded 7\b|\b7 (?:professional |pro |ultimate )?embedded standard\b/,
    product: 'windows-embedded-standard-7',
  },
  {
    pattern: /\bembedded (?:std|standard)\b/,
    product: (b) => byNt(b, 'windows-embedded-standard-2009', 'windows-embedded-standard-7'),
  },
  { pattern: /\bembedded 8\.1 pro\b/, product: 'windows-embedded-8.1-pro' },
  { pattern: /\b8\.1 industry\b|\bembedded 8\.1\b/, product: 'windows-embedded-8.1-industry' },
  {
    pattern: /\bembedded 8 standard\b|\bwe8s\b|\b8 embedded standard\b/,
    product: 'windows-embedded-8-standard',
  },
  { pattern: /\b(?:embedded )?compact 2013\b|\bwec ?2013\b/, product: 'windows-embedded-compact-2013' },
  { pattern: /\b(?:embedded )?compact 7\b|\bwec ?7\b/, product: 'windows-embedded-compact-7' },
  { pattern: /\b(?:embedded )?ce ?6(?:\.0)?(?: r[23])?\b|\bwince ?6/, product: 'windows-embedded-ce-6' },
  { pattern: /\biot core\b/, product: 'windows-10-iot-core' },
];

/** POSReady and "Embedded Standard" alone are two releases; the build's NT version says which. */
function byNt(build: WindowsBuild | undefined, xpBased: string, win7Based: string): string[] {
  if (build?.nt === '5.1') return [xpBased];
  if (build?.nt === '6.1') return [win7Based];
  return [xpBased, win7Based];
}

function embedded(text: string, build?: WindowsBuild): Reading | undefined {
  for (const { pattern, product } of EMBEDDED) {
    const match = pattern.exec(text);
    if (!match) continue;
    const ids = typeof product === 'string' ? [product] : product(build);
    const said = `"${match[0]}"`;
    if (ids.length > 1)
      return {
        kind: 'candidates',
        family: 'windows',
        candidates: ids.map((id) =>
          fixed(productById(id), text, undefined, [`${said} without a release`], 'low'),
        ),
        evidence: [`${said} is more than one release; no build number settles which`],
      };
    const spec = productById(ids[0]!);
    return { kind: 'identity', identity: fixed(spec, text, build, [`${said} names ${spec.label}`]) };
  }
  if (/\b(?:windows )?(?:embedded )?ce\b|\bwince\b/.test(text) && !/\bce ?6/.test(text))
    return { kind: 'family', family: 'windows', evidence: ['Windows CE, release not recognised'] };
  return undefined;
}

function productById(id: string): FixedWindowsProduct {
  const spec = FIXED_WINDOWS_PRODUCTS.find((p) => p.id === id);
  if (!spec) throw new Error(`no Windows product ${id}`);
  return spec;
}

/** An identity for a release of FIXED_WINDOWS_PRODUCTS, its service pack from the text or the build. */
function fixed(
  spec: FixedWindowsProduct,
  text: string,
  build: WindowsBuild | undefined,
  evidence: string[],
  confidence: RecognitionConfidence = 'high',
): OsIdentity {
  const notes = [...evidence];
  let level = confidence;
  if (build?.nt && spec.nt && build.nt !== spec.nt) {
    notes.push(`build ${build.text} is NT ${build.nt}, not ${spec.label} (NT ${spec.nt}): the name was kept`);
    level = 'low';
  } else if (build?.nt) notes.push(`build ${build.text} is NT ${build.nt}`);
  const sp = servicePack(text, build, notes);
  if (sp.range) level = weaker(level, 'medium');
  const cycle = (sp.value && SERVICE_PACK_CYCLES[spec.id]?.[sp.value]) || spec.lifecycle?.cycle;
  const spCpe = sp.value === 'RTM' ? '-' : (sp.value?.toLowerCase() ?? '*');
  return {
    family: 'windows',
    product: spec.id,
    label: sp.value && sp.value !== 'RTM' ? `${spec.label} ${sp.value}` : spec.label,
    vendor: VENDOR,
    ...(spec.version ? { version: spec.version } : {}),
    ...(sp.value ? { servicePack: sp.value } : {}),
    ...editionOf(text),
    ...(build ? { build: build.text } : {}),
    ...(spec.servicingLine ? { servicingLine: spec.servicingLine } : {}),
    ...(spec.lifecycle && cycle ? { lifecycle: { product: spec.lifecycle.product, cycles: [cycle] } } : {}),
    cpes: spec.cpes.map((c) => c.replace('{sp}', spCpe)),
    confidence: level,
    evidence: notes,
  };
}

/** The service pack the text names, else the one a pre-Windows 10 build number implies. */
function servicePack(
  text: string,
  build: WindowsBuild | undefined,
  notes: string[],
): { value?: string; range?: boolean } {
  const named = servicePacksIn(text);
  if (named.length > 1) {
    notes.push(`service packs ${named.join(' to ')} given: the latest one's lifecycle is used`);
    return { range: true };
  }
  if (named.length === 1) return { value: named[0]! };
  const implied = build && build.build < 10240 ? NT_BUILDS[build.build]?.servicePack : undefined;
  if (implied) {
    notes.push(
      `build ${build!.build} is ${implied === 'RTM' ? 'the release without a service pack' : implied}`,
    );
    return { value: implied };
  }
  return {};
}

/** Edition words worth keeping (`Professional`, `Enterprise`, `Standard`), as written, for the label. */
function editionOf(text: string): { edition?: string } {
  const words = text.match(
    /\b(?:home|professional|pro|enterprise|education|ultimate|starter|standard|datacenter|essentials|foundation|web|embedded|industry|iot|ltsb|ltsc)\b/g,
  );
  if (!words) return {};
  const spelled: Readonly<Record<string, string>> = { iot: 'IoT', ltsb: 'LTSB', ltsc: 'LTSC' };
  const seen = [...new Set(words)];
  return { edition: seen.map((w) => spelled[w] ?? w[0]!.toUpperCase() + w.slice(1)).join(' ') };
}

// ---- Servers ---------------------------------------------------------------------------------------------

const YEAR = '(2000|2003|2008|2012|2016|2019|2022|2025)';
const SERVER_BY_YEAR = new RegExp(
  String.raw`\bserver ?(?:iot |essentials |storage )?${YEAR}( ?r2)?(?: ?- ?(?:windows )?(?:server )?${YEAR}( ?r2)?)?\b`,
);
/** "Windows 2012 R2", "Win 2016": a year no client ever had. */
const WINDOWS_YEAR = /\b(?:windows|win) ?(2003|2008|2012|2016|2019|2022|2025)( ?r2)?\b/;
const ABBREVIATED = /\b(?:win|w)?2k(3|8|12|16|19|22|25)( ?r2)?\b/;
const SERVER_CHANNEL = /\bserver,? (?:version )?(1709|1803|1809|1903|1909|2004|20h2|23h2)\b/;

function server(text: string, build?: WindowsBuild): Reading | undefined {
  const found: { release: ServerRelease; said: string }[] = [];
  const byYear = SERVER_BY_YEAR.exec(text) ?? WINDOWS_YEAR.exec(text);
  if (byYear) {
    found.push({ release: serverRelease(byYear[1]!, Boolean(byYear[2])), said: byYear[0] });
    if (byYear[3]) found.push({ release: serverRelease(byYear[3], Boolean(byYear[4])), said: byYear[0] });
  } else {
    const short = ABBREVIATED.exec(text);
    const channel = SERVER_CHANNEL.exec(text);
    if (short) {
      const year = short[1]!.length === 1 ? `200${short[1]}` : `20${short[1]}`;
      found.push({ release: serverRelease(year, Boolean(short[2])), said: short[0] });
    } else if (channel) {
      const release = SERVER_RELEASES.find(
        (r) => r.channel !== 'LTSC' && r.name.toLowerCase() === channel[1],
      );
      if (release) found.push({ release, said: channel[0] });
    }
  }
  if (found.length === 0) {
    if (!/\bserver\b/.test(text) || !build) return undefined;
    const release = SERVER_RELEASES.find((r) => r.build === build.build && r.channel === 'LTSC');
    if (!release) return undefined;
    return {
      kind: 'identity',
      identity: serverIdentity(
        release,
        text,
        build,
        [`"server" with build ${build.text} is Windows Server ${release.name}`],
        'medium',
      ),
    };
  }
  if (found.length > 1)
    return {
      kind: 'candidates',
      family: 'windows',
      candidates: found.map((f) =>
        serverIdentity(f.release, text, undefined, [`"${f.said}" is a range`], 'low'),
      ),
      evidence: [`"${found[0]!.said}" names a range of Windows Server releases`],
    };
  const { release, said } = found[0]!;
  const abbreviated = !said.includes('server') && !said.includes('windows');
  return {
    kind: 'identity',
    identity: serverIdentity(
      release,
      text,
      build,
      [`"${said}" names Windows Server ${release.name}`],
      abbreviated ? 'medium' : 'high',
    ),
  };
}

function serverRelease(year: string, r2: boolean): ServerRelease {
  const name = r2 ? `${year} R2` : year;
  // "2016 R2" does not exist; the year alone is what was meant.
  return SERVER_RELEASES.find((r) => r.name === name) ?? SERVER_RELEASES.find((r) => r.name === year)!;
}

const SERVER_IDS: Readonly<Record<string, string>> = {
  '2000': 'windows-2000',
};

function serverIdentity(
  release: ServerRelease,
  text: string,
  build: WindowsBuild | undefined,
  evidence: string[],
  confidence: RecognitionConfidence = 'high',
): OsIdentity {
  const id = SERVER_IDS[release.name] ?? `windows-server-${release.name.toLowerCase().replace(' ', '-')}`;
  const notes = [...evidence];
  let level = confidence;
  const expectedNt = release.build && release.build >= 10240 ? '10.0' : release.servicingLine.slice(3);
  if (build?.nt && build.nt !== expectedNt) {
    notes.push(
      `build ${build.text} is NT ${build.nt}, not Windows Server ${release.name}: the name was kept`,
    );
    level = 'low';
  } else if (build && release.build && build.build >= 10240 && build.build !== release.build) {
    notes.push(
      `build ${build.build} is not Windows Server ${release.name}'s (${release.build}): the name was kept`,
    );
    level = 'low';
  }
  const modern = release.build !== undefined && release.build >= 10240;
  const sp = modern ? {} : servicePack(text, build, notes);
  if (sp.range) level = weaker(level, 'medium');
  const spKey = release.name === '2003 R2' ? 'windows-server-2003-r2' : id;
  const cycle = (sp.value && SERVICE_PACK_CYCLES[spKey]?.[sp.value]) || release.cycle;
  const revision = modern && build && build.build === release.build ? build.revision : undefined;
  const spCpe = sp.value === 'RTM' ? '-' : (sp.value?.toLowerCase() ?? '*');
  const cpes = modern
    ? [
        ...(revision !== undefined
          ? [`${CPE}${release.cpe.product}:10.0.${release.build}.${revision}:*:*:*:*:*:*:*`]
          : []),
        `${CPE}${release.cpe.product}:-:*:*:*:*:*:*:*`,
      ]
    : [`${CPE}${release.cpe.product}:${release.cpe.version}:${spCpe}:*:*:*:*:*:*`];
  return {
    family: 'windows',
    product: id,
    label: `Windows ${release.name === '2000' ? '' : 'Server '}${release.name}${sp.value && sp.value !== 'RTM' ? ` ${sp.value}` : ''}`,
    vendor: VENDOR,
    version: release.name,
    ...(sp.value ? { servicePack: sp.value } : {}),
    ...editionOf(text),
    ...(build ? { build: build.text } : {}),
    servicingLine: release.servicingLine,
    ...(revision !== undefined ? { buildRevision: revision } : {}),
    lifecycle: { product: 'windows-server', cycles: [cycle] },
    cpes,
    confidence: level,
    evidence: notes,
  };
}

// ---- Clients ---------------------------------------------------------------------------------------------

const CLIENT = /\b(?:windows ?|win ?|w)(11|10|8\.1|8|7|xp|vista|2000|2k)(?!\.?\d)/;
const BARE_CLIENT = /^(?:xp|vista)\b|\bxp (?:pro|professional|home)\b|\bvista\b/;
const FIXED_CLIENTS: Readonly<Record<string, string>> = {
  '8.1': 'windows-8.1',
  '8': 'windows-8',
  '7': 'windows-7',
  xp: 'windows-xp',
  vista: 'windows-vista',
  '2000': 'windows-2000',
  '2k': 'windows-2000',
};

function client(text: string, build?: WindowsBuild): Reading | undefined {
  const match = CLIENT.exec(text) ?? BARE_CLIENT.exec(text);
  if (!match) return undefined;
  const release = match[1] ?? (match[0].includes('xp') ? 'xp' : 'vista');
  if (release === '10' || release === '11')
    return modernClient(release, text, build, `"${match[0].trim()}" names Windows ${release}`);
  const spec = productById(FIXED_CLIENTS[release]!);
  const abbreviated = !match[0].startsWith('windows');
  const evidence = [`"${match[0].trim()}" names ${spec.label}`];
  if (/\bfor embedded systems\b/.test(text))
    evidence.push('"for Embedded Systems" is a licence of the desktop edition: same lifecycle');
  return { kind: 'identity', identity: fixed(spec, text, build, evidence, abbreviated ? 'medium' : 'high') };
}

const FEATURE_VERSION =
  /\b(1507|1511|1607|1703|1709|1803|1809|1903|1909|2004|20h2|21h1|21h2|22h2|23h2|24h2|25h2|26h1)\b/g;
const LTS_YEAR = /\blts[bc] ?(2015|2016|2019|2021|2024)\b|\b(2015|2016|2019|2021|2024) ?lts[bc]\b/;

function modernClient(
  windows: '10' | '11',
  text: string,
  build: WindowsBuild | undefined,
  said: string,
): Reading {
  const evidence = [said];
  let level: RecognitionConfidence = 'high';
  const releases = CLIENT_RELEASES.filter((r) => r.windows === windows);
  const versions = [...new Set([...text.matchAll(FEATURE_VERSION)].map((m) => m[1]!.toUpperCase()))];
  const ltsYear = LTS_YEAR.exec(text);
  const lts = Boolean(ltsYear) || /\blts[bc]\b|\blong.?term servicing\b/.test(text);
  let release: ClientRelease | undefined;
  if (versions.length > 1) {
    evidence.push(`versions ${versions.join(' to ')} given: the release is not settled`);
    level = 'medium';
  } else if (versions.length === 1) {
    release = releases.find((r) => r.version === versions[0]);
    if (release) evidence.push(`version ${release.version} is build ${release.build}`);
  } else if (ltsYear) {
    const year = Number(ltsYear[1] ?? ltsYear[2]);
    release = releases.find((r) => r.lts?.year === year);
    if (release) evidence.push(`${release.lts!.channel} ${year} is version ${release.version}`);
  }
  if (!release && versions.length <= 1 && build?.nt === '10.0') {
    release = releases.find((r) => r.build === build.build);
    if (release) evidence.push(`build ${build.text} is version ${release.version}`);
  }
  if (release && build?.nt && build.build !== release.build) {
    evidence.push(
      `build ${build.text} is not version ${release.version} (${release.build}): the name was kept`,
    );
    level = 'low';
  }
  const revision = release && build?.build === release.build ? build.revision : undefined;
  const iot = /\biot\b/.test(text);
  const enterprise = iot || lts || /\b(?:enterprise|education|ent|edu)\b/.test(text);
  const consumer = /\b(?:home|pro|professional|workstations?|s mode)\b/.test(text);

  let product = `windows-${windows}`;
  let label = `Windows ${windows}`;
  let cycles: string[] = [];
  if (release && lts && release.lts) {
    const kind = `${iot ? 'iot-' : ''}enterprise-${release.lts.channel.toLowerCase()}-${release.lts.year}`;
    product = `windows-${windows}-${kind}`;
    label = `Windows ${windows} ${iot ? 'IoT ' : ''}Enterprise ${release.lts.channel} ${release.lts.year}`;
    cycles = [iot ? release.lts.iot : release.lts.enterprise];
  } else if (release) {
    if (lts) {
      evidence.push(`version ${release.version} had no long-term servicing release: read as Enterprise`);
      level = 'low';
    }
    label = `Windows ${windows} ${release.version}`;
    if (enterprise) cycles = [release.cycles.e];
    else if (consumer) cycles = [release.cycles.w];
    else {
      cycles = [...new Set([release.cycles.w, release.cycles.e])];
      if (cycles.length > 1) {
        evidence.push('edition not stated: Home/Pro and Enterprise cycles end on different dates');
        level = weaker(level, 'medium');
      }
    }
  } else evidence.push('release not stated: no lifecycle applies until it is');

  const version = release?.version;
  const cpeProduct = version ? `windows_${windows}_${version.toLowerCase()}` : undefined;
  const cpes = cpeProduct
    ? [
        ...(revision !== undefined
          ? [`${CPE}${cpeProduct}:10.0.${release!.build}.${revision}:*:*:*:*:*:*:*`]
          : []),
        `${CPE}${cpeProduct}:-:*:*:*:*:*:*:*`,
        ...(windows === '10' ? [`${CPE}windows_10:${version!.toLowerCase()}:*:*:*:*:*:*:*`] : []),
      ]
    : [];
  return {
    kind: 'identity',
    identity: {
      family: 'windows',
      product,
      label,
      vendor: VENDOR,
      ...(version ? { version } : {}),
      ...editionOf(text),
      ...(build ? { build: build.text } : {}),
      ...(release ? { servicingLine: release.servicingLine } : {}),
      ...(revision !== undefined ? { buildRevision: revision } : {}),
      ...(cycles.length ? { lifecycle: { product: 'windows', cycles } } : {}),
      cpes,
      confidence: level,
      evidence,
    },
  };
}

// ---- A build number and little else ----------------------------------------------------------------------

/** Releases sharing an NT version before Windows 10: the client and the server built from it. */
const NT_PAIRS: Readonly<Record<string, readonly string[]>> = {
  '5.0': ['windows-2000'],
  '5.1': ['windows-xp'],
  '5.2': ['server:2003'],
  '6.0': ['windows-vista', 'server:2008'],
  '6.1': ['windows-7', 'server:2008 R2'],
  '6.2': ['windows-8', 'server:2012'],
  '6.3': ['windows-8.1', 'server:2012 R2'],
};

function fromBuildAlone(text: string, build?: WindowsBuild): Reading | undefined {
  if (!build?.nt) return undefined;
  const serverSaid = /\bserver\b/.test(text);
  const evidence = [`only build ${build.text} says which release`];
  const candidates: OsIdentity[] = [];
  if (build.nt === '10.0') {
    const clientRelease = CLIENT_RELEASES.find((r) => r.build === build.build);
    const serverRelease = SERVER_RELEASES.find((r) => r.build === build.build && r.channel === 'LTSC');
    if (clientRelease && !serverSaid) {
      const reading = modernClient(
        clientRelease.windows,
        `${text} ${clientRelease.version}`,
        build,
        `build ${build.text} is Windows ${clientRelease.windows} ${clientRelease.version}`,
      );
      if (reading.kind === 'identity') candidates.push(reading.identity);
    }
    if (serverRelease) candidates.push(serverIdentity(serverRelease, text, build, evidence, 'medium'));
  } else {
    for (const entry of NT_PAIRS[build.nt] ?? []) {
      if (entry.startsWith('server:')) {
        const release = SERVER_RELEASES.find((r) => r.name === entry.slice(7))!;
        candidates.push(serverIdentity(release, text, build, evidence, 'medium'));
      } else if (!serverSaid) candidates.push(fixed(productById(entry), text, build, evidence, 'medium'));
    }
  }
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return {
      kind: 'identity',
      identity: {
        ...only,
        confidence: weaker(only.confidence, 'medium'),
        evidence: [...new Set([...evidence, ...only.evidence])],
      },
    };
  }
  return {
    kind: 'candidates',
    family: 'windows',
    candidates: candidates.map((c) => ({ ...c, confidence: 'low' })),
    evidence: [
      ...evidence,
      `build ${build.build} is shared by ${candidates.map((c) => c.label).join(' and ')}`,
    ],
  };
}
