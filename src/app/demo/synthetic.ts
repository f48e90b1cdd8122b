/**
 * One large, deterministic CycloneDX 1.6 document for benchmarks: real package names first, then
 * plausible invented ones, across npm, Maven, PyPI, Debian and generic purls.
 */
import type { ComponentEntry } from './components.js';
import { DISTRO_FILLER_PACKAGES, fillerUpstream, MAVEN, NATIVE, NPM, PYPI } from './components.js';
import {
  type CdxBom,
  type CdxComponent,
  type CdxDependency,
  licenseChoice,
  makeCpe,
  makePurl,
  schemaUrl,
} from './cyclonedx.js';
import { hash32, Random } from './random.js';

type SyntheticEco = 'npm' | 'maven' | 'pypi' | 'deb' | 'generic';

const ECO_WEIGHTS: readonly (readonly [SyntheticEco, number])[] = [
  ['npm', 40],
  ['maven', 25],
  ['pypi', 15],
  ['deb', 12],
  ['generic', 8],
];

const WORDS = [
  'alpha',
  'amber',
  'anchor',
  'arc',
  'atlas',
  'beacon',
  'birch',
  'blaze',
  'bolt',
  'brook',
  'cache',
  'cedar',
  'cinder',
  'cipher',
  'cloud',
  'cobalt',
  'comet',
  'coral',
  'crane',
  'crest',
  'delta',
  'drift',
  'echo',
  'ember',
  'falcon',
  'fern',
  'flint',
  'flux',
  'forge',
  'frost',
  'gale',
  'garnet',
  'glyph',
  'granite',
  'grove',
  'harbor',
  'hazel',
  'helix',
  'heron',
  'hollow',
  'indigo',
  'iris',
  'ivory',
  'jade',
  'jasper',
  'juniper',
  'kestrel',
  'lagoon',
  'lark',
  'lattice',
  'ledger',
  'linden',
  'lumen',
  'lynx',
  'maple',
  'marble',
  'meadow',
  'merit',
  'mesa',
  'mint',
  'mosaic',
  'nectar',
  'nimbus',
  'noble',
  'nova',
  'oak',
  'onyx',
  'orbit',
  'osprey',
  'pebble',
  'pine',
  'pixel',
  'plume',
  'prism',
  'pulse',
  'quartz',
  'quill',
  'raven',
  'reef',
  'ridge',
  'river',
  'rune',
  'sable',
  'sage',
  'shard',
  'sierra',
  'slate',
  'solar',
  'spark',
  'spruce',
  'stone',
  'summit',
  'swift',
  'tide',
  'timber',
  'topaz',
  'torch',
  'trail',
  'tundra',
  'vale',
  'vector',
  'velvet',
  'vertex',
  'willow',
  'zephyr',
];
const ROLES = [
  'core',
  'utils',
  'parser',
  'client',
  'server',
  'config',
  'logger',
  'cache',
  'codec',
  'schema',
  'router',
  'store',
  'auth',
  'crypto',
  'stream',
  'format',
  'loader',
  'bridge',
  'events',
  'query',
  'render',
  'test',
  'cli',
  'api',
];
const LICENSES = [
  'MIT',
  'MIT',
  'MIT',
  'Apache-2.0',
  'Apache-2.0',
  'BSD-3-Clause',
  'ISC',
  'BSD-2-Clause',
  'LGPL-2.1-or-later',
  'MPL-2.0',
  'GPL-2.0-only',
  'EPL-2.0',
];

interface Candidate {
  eco: SyntheticEco;
  group?: string;
  name: string;
  version: string;
  license: string;
  cpe?: string;
  qualifiers?: Record<string, string>;
}

/** Real packages at each of their known versions: the first components of every synthetic SBOM. */
function realCandidates(): Candidate[] {
  const out: Candidate[] = [];
  const add = (eco: SyntheticEco, list: readonly ComponentEntry[]) => {
    for (const e of list)
      for (const v of new Set(e.versions))
        if (v)
          out.push({
            eco,
            ...(e.group ? { group: e.group } : {}),
            name: e.name,
            version: v,
            license: e.license,
            ...(e.cpe ? { cpe: e.cpe } : {}),
          });
  };
  add('npm', NPM);
  add('maven', MAVEN);
  add('pypi', PYPI);
  add('generic', NATIVE);
  for (const name of DISTRO_FILLER_PACKAGES)
    for (const era of [0, 1, 2] as const)
      out.push({
        eco: 'deb',
        group: 'debian',
        name,
        version: `${fillerUpstream(hash32(name), era)}-1`,
        license: 'LicenseRef-distribution',
        qualifiers: { arch: 'amd64', distro: `debian-${9 + era}` },
      });
  return out;
}

function inventedCandidate(eco: SyntheticEco, rng: Random): Candidate {
  const a = rng.pick(WORDS);
  const b = rng.pick(WORDS);
  const role = rng.pick(ROLES);
  const version = `${rng.int(0, 12)}.${rng.int(0, 40)}.${rng.int(0, 25)}`;
  const license = rng.pick(LICENSES);
  switch (eco) {
    case 'npm':
      return rng.chance(0.3)
        ? { eco, group: `@${a}`, name: `${b}-${role}`, version, license }
        : { eco, name: `${a}-${b}-${role}`, version, license };
    case 'maven':
      return {
        eco,
        group: `org.${a}.${b}`,
        name: `${b}-${role}`,
        version: rng.chance(0.2) ? `${version}.Final` : version,
        license,
      };
    case 'pypi':
      return { eco, name: `py${a}-${role}`, version, license };
    case 'deb':
      return {
        eco,
        group: 'debian',
        name: `lib${a}${b}-${role}`,
        version: `${version}-${rng.int(1, 5)}`,
        license: 'LicenseRef-distribution',
        qualifiers: { arch: 'amd64', distro: 'debian-12' },
      };
    case 'generic':
      return { eco, name: `${a}${b}`, version, license, cpe: `${a}:${a}${b}` };
  }
}

/**
 * A CycloneDX 1.6 JSON document with exactly `componentCount` components, counting nested ones (about 2%
 * of components carry one to three nested parts), unique bom-refs and about two dependency edges each.
 */
export function generateSyntheticCycloneDx(componentCount: number, seed: string | number = 'vigil'): string {
  if (!Number.isInteger(componentCount) || componentCount < 0)
    throw new RangeError('componentCount must be a non-negative integer');
  const rng = new Random(`${seed}/synthetic/${componentCount}`);
  const real = realCandidates();
  let realIndex = 0;
  const refs = new Set<string>();
  const allRefs: string[] = [];

  const makeComponent = (c: Candidate): CdxComponent => {
    let purl = makePurl(c.eco, c.group, c.name, c.version, c.qualifiers);
    // Invented names can collide; a suffix on the name keeps purls, and so bom-refs, unique.
    for (let n = 2; refs.has(purl); n++)
      purl = makePurl(c.eco, c.group, `${c.name}-${n}`, c.version, c.qualifiers);
    refs.add(purl);
    allRefs.push(purl);
    return {
      type: 'library',
      'bom-ref': purl,
      ...(c.group && c.eco !== 'deb' ? { group: c.group } : {}),
      name: c.name,
      version: c.version,
      hashes: [{ alg: 'SHA-256', content: rng.hex(64) }],
      licenses: [licenseChoice(c.license)],
      ...(c.cpe ? { cpe: makeCpe(c.cpe, c.version) } : {}),
      purl,
    };
  };

  const components: CdxComponent[] = [];
  let made = 0;
  while (made < componentCount) {
    const candidate =
      realIndex < real.length && rng.chance(0.7)
        ? real[realIndex++]!
        : inventedCandidate(rng.weighted(ECO_WEIGHTS), rng);
    const component = makeComponent(candidate);
    made++;
    const nestedCount = Math.min(componentCount - made, rng.chance(0.02) ? rng.int(1, 3) : 0);
    if (nestedCount > 0) {
      component.components = [];
      for (let i = 0; i < nestedCount; i++) {
        component.components.push(makeComponent(inventedCandidate('generic', rng)));
        made++;
      }
    }
    components.push(component);
  }

  // Each component depends on up to four earlier ones (two on average), which keeps the graph acyclic.
  const dependencies: CdxDependency[] = [];
  const rootRef = `pkg:generic/vigil-demo/synthetic-system@${componentCount}`;
  dependencies.push({ ref: rootRef, dependsOn: components.slice(0, 12).map((c) => c['bom-ref']) });
  for (let i = 0; i < allRefs.length; i++) {
    const count = Math.min(i, rng.int(0, 4));
    const dependsOn = new Set<string>();
    for (let k = 0; k < count; k++) dependsOn.add(allRefs[rng.int(0, i - 1)]!);
    dependencies.push({ ref: allRefs[i]!, dependsOn: [...dependsOn] });
  }

  const bom: CdxBom = {
    $schema: schemaUrl('1.6'),
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${rng.uuid()}`,
    version: 1,
    metadata: {
      timestamp: '2026-11-28T12:00:00Z',
      tools: {
        components: [
          { type: 'application', author: 'Vigil', name: 'vigil-demo-synthetic', version: '1.0.0' },
        ],
      },
      component: {
        type: 'application',
        'bom-ref': rootRef,
        name: 'synthetic-system',
        version: String(componentCount),
      },
      manufacturer: { name: 'Vigil demo' },
      supplier: { name: 'Vigil demo' },
    },
    components,
    dependencies,
  };
  return JSON.stringify(bom, null, 2);
}
