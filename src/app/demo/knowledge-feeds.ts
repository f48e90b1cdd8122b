/**
 * The demo knowledge base written out as the feeds Vigil imports (OSV records, an NVD CVE API 2.0 page,
 * the CISA KEV catalogue, a FIRST EPSS file), so that it enters the knowledge base through the same
 * importers, checks and change log as the real feeds, and can be inspected or re-imported by hand.
 */
import { createHash } from 'node:crypto';
import { parseCvss } from '../../core/cvss.js';
import { recogniseOs } from '../../core/hygiene/os-recognition.js';
import { OPERATING_SYSTEMS, type OsSpec } from './catalogue.js';
import {
  DEMO_EPSS_DATE,
  DEMO_KNOWLEDGE_MODIFIED,
  DEMO_VULNERABILITIES,
  type DemoCpe,
  type DemoVulnerability,
} from './knowledge.js';

export interface DemoFeedFile {
  /** Where it goes under the demo knowledge directory: `osv/GHSA-….json`, `nvd/cves.json`… */
  path: string;
  text: string;
}

export interface DemoFeeds {
  osv: DemoFeedFile[];
  /** endoflife.date's JSON, one file per product (`eol/windows.json`). */
  eol: DemoFeedFile[];
  nvd: DemoFeedFile;
  kev: DemoFeedFile;
  epss: DemoFeedFile;
}

/** Ecosystems whose advisories GitHub publishes with SEMVER ranges; the others are ECOSYSTEM ranges. */
const SEMVER_ECOSYSTEMS = new Set(['npm', 'crates.io', 'Go']);

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const day = (date: string) => `${date}T00:00:00Z`;

export function demoKnowledgeFeeds(vulnerabilities = DEMO_VULNERABILITIES): DemoFeeds {
  return {
    osv: osvRecords(vulnerabilities),
    eol: lifecycleFiles(),
    nvd: { path: 'nvd/cves.json', text: json(nvdPage(vulnerabilities)) },
    kev: { path: 'kev/known_exploited_vulnerabilities.json', text: json(kevCatalogue(vulnerabilities)) },
    epss: { path: `epss/epss_scores-${DEMO_EPSS_DATE}.csv`, text: epssCsv(vulnerabilities) },
  };
}

/** One OSV record per advisory id: an advisory naming several packages (Spring4Shell) is one record. */
function osvRecords(vulnerabilities: readonly DemoVulnerability[]): DemoFeedFile[] {
  const records = new Map<string, Record<string, unknown> & { affected: unknown[] }>();
  for (const v of vulnerabilities) {
    for (const a of v.affected) {
      if (!('ecosystem' in a)) continue;
      let record = records.get(a.advisory);
      if (!record) {
        record = {
          schema_version: '1.6.0',
          id: a.advisory,
          modified: DEMO_KNOWLEDGE_MODIFIED,
          published: day(v.published),
          aliases: [v.cve],
          summary: v.moniker ? `${v.moniker}: ${v.summary}` : v.summary,
          severity: [{ type: v.cvss.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3', score: v.cvss }],
          affected: [],
          references: [
            { type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${v.cve}` },
            ...(v.references ?? []).map((url) => ({ type: 'WEB', url })),
          ],
          database_specific: { cwe_ids: v.cwes, source: 'Vigil demo knowledge base' },
        };
        records.set(a.advisory, record);
      }
      const type = SEMVER_ECOSYSTEMS.has(a.ecosystem) ? 'SEMVER' : 'ECOSYSTEM';
      record.affected.push({
        package: { ecosystem: a.ecosystem, name: a.name },
        ranges: a.ranges.map((events) => ({
          type,
          events: events.map(([kind, version]) => ({ [kind]: version })),
        })),
      });
    }
  }
  return [...records.values()].map((r) => ({ path: `osv/${String(r.id)}.json`, text: json(r) }));
}

function nvdPage(vulnerabilities: readonly DemoVulnerability[]) {
  const cves = vulnerabilities.filter((v) => v.affected.some((a) => 'cpes' in a)).map(nvdCve);
  return {
    resultsPerPage: cves.length,
    startIndex: 0,
    totalResults: cves.length,
    format: 'NVD_CVE',
    version: '2.0',
    timestamp: DEMO_KNOWLEDGE_MODIFIED.replace('Z', ''),
    vulnerabilities: cves.map((cve) => ({ cve })),
  };
}

function nvdCve(v: DemoVulnerability) {
  const parsed = parseCvss(v.cvss);
  if (!parsed.ok)
    throw new Error(`demo knowledge base: ${v.cve} has an invalid CVSS vector: ${parsed.reason}`);
  const { score } = parsed;
  return {
    id: v.cve,
    sourceIdentifier: 'nvd@nist.gov',
    published: `${v.published}T00:00:00.000`,
    lastModified: DEMO_KNOWLEDGE_MODIFIED.replace('Z', '.000'),
    vulnStatus: 'Analyzed',
    descriptions: [{ lang: 'en', value: v.moniker ? `${v.moniker}: ${v.summary}` : v.summary }],
    metrics: {
      [`cvssMetricV${score.version.replace('.', '')}`]: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: score.version,
            vectorString: score.vector,
            baseScore: score.baseScore,
            baseSeverity: score.severity,
          },
        },
      ],
    },
    weaknesses: v.cwes.length
      ? [
          {
            source: 'nvd@nist.gov',
            type: 'Primary',
            description: v.cwes.map((value) => ({ lang: 'en', value })),
          },
        ]
      : [],
    configurations: v.affected.flatMap((a) =>
      'cpes' in a
        ? [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: a.cpes.map((c) => cpeMatch(v.cve, c)) }] }]
        : [],
    ),
    references: [
      ...(v.references ?? []).map((url) => ({ url, source: 'nvd@nist.gov' })),
      ...(v.kev
        ? [
            {
              url: `https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search=${v.cve}`,
              source: 'nvd@nist.gov',
              tags: ['US Government Resource'],
            },
          ]
        : []),
    ],
  };
}

function cpeMatch(cve: string, c: DemoCpe) {
  const { cpe, ...bounds } = typeof c === 'string' ? { cpe: c } : c;
  const versionBounds = Object.fromEntries(
    Object.entries(bounds).map(([k, value]) => [`version${k[0]!.toUpperCase()}${k.slice(1)}`, value]),
  );
  // NVD's ids are UUIDs of the match criteria; a hash of the criteria keeps them stable across runs.
  const hash = createHash('sha256')
    .update(`${cve} ${cpe} ${JSON.stringify(bounds)}`)
    .digest('hex');
  const matchCriteriaId =
    `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`.toUpperCase();
  return { vulnerable: true, criteria: cpe, ...versionBounds, matchCriteriaId };
}

function kevCatalogue(vulnerabilities: readonly DemoVulnerability[]) {
  const entries = vulnerabilities.flatMap((v) =>
    v.kev
      ? [
          {
            cveID: v.cve,
            vendorProject: v.kev.vendorProject,
            product: v.kev.product,
            vulnerabilityName: v.kev.vulnerabilityName,
            dateAdded: v.kev.dateAdded,
            shortDescription: v.summary,
            requiredAction: v.kev.requiredAction ?? 'Apply updates per vendor instructions.',
            dueDate: v.kev.dueDate,
            knownRansomwareCampaignUse: v.kev.knownRansomwareCampaignUse,
            notes: `https://nvd.nist.gov/vuln/detail/${v.cve}`,
            cwes: v.cwes,
          },
        ]
      : [],
  );
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities (Vigil demo extract)',
    catalogVersion: DEMO_EPSS_DATE.replaceAll('-', '.'),
    dateReleased: DEMO_KNOWLEDGE_MODIFIED,
    count: entries.length,
    vulnerabilities: entries,
  };
}

function epssCsv(vulnerabilities: readonly DemoVulnerability[]): string {
  const lines = [...new Map(vulnerabilities.map((v) => [v.cve, v.epss])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cve, [score, percentile]]) => `${cve},${score.toFixed(9)},${percentile.toFixed(9)}`);
  return `#model_version:v2025.03.14,score_date:${DEMO_EPSS_DATE}T00:00:00+0000\ncve,epss,percentile\n${lines.join('\n')}\n`;
}

/**
 * The release cycles of the demo's operating systems, as endoflife.date publishes them, ending when the
 * demo's catalogue says their vendor's last fix shipped (extended or not): enough for the demo to tell
 * supported systems from unsupported ones without the real feed. RTOSes have no public lifecycle.
 */
function lifecycleFiles(): DemoFeedFile[] {
  const byProduct = new Map<string, Map<string, { cycle: string; eol: string; support: string }>>();
  for (const os of Object.values(OPERATING_SYSTEMS) as OsSpec[]) {
    if (!os.updatesEnd) continue;
    const build = typeof os.build === 'string' ? os.build : os.build.prefix;
    const recognition = recogniseOs({
      name: os.name,
      version: os.version,
      build,
      ...(os.edition ? { edition: os.edition } : {}),
    });
    if (recognition.status !== 'recognised' || !recognition.identity.lifecycle) continue;
    const { product, cycles } = recognition.identity.lifecycle;
    const held = byProduct.get(product) ?? new Map();
    for (const cycle of cycles) held.set(cycle, { cycle, eol: os.updatesEnd, support: os.updatesEnd });
    byProduct.set(product, held);
  }
  return [...byProduct.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([product, cycles]) => ({ path: `eol/${product}.json`, text: json([...cycles.values()]) }));
}
