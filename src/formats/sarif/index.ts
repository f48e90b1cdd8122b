/**
 * SARIF 2.1.0 (OASIS) for an SBOM scan, as code-scanning services read it (GitHub, GitLab, Azure DevOps): a
 * rule per vulnerability, a result per vulnerable component. An SBOM has no source lines to point at, so
 * each result points at the SBOM file (at the component's line when the caller found it) and names the
 * component as a logical location. `security-severity` is the CVSS score, which is what GitHub ranks by.
 */
import { cvssSeverity, cvssVersionOf } from '../../core/cvss.js';

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifFinding {
  vulnerabilityId: string;
  /** The page that describes the vulnerability (its advisory). */
  source: { name: string; url: string };
  advisoryIds: readonly string[];
  summary?: string;
  cvssScore?: number;
  cvssVector?: string;
  /** As the knowledge base has it (`CRITICAL`…); derived from the score when absent. */
  severity?: string;
  /** `CWE-79`… */
  cwes?: readonly string[];
  kev: boolean;
  epss?: number;
  priority: string;
  priorityReason: string;
  nearestFix?: string;
  /** What makes two components the same across scans: its package key or CPE vendor and product. */
  componentKey: string;
  componentName: string;
  componentVersion?: string;
  componentPurl?: string;
  /** The SBOM line that declares the component, when known. */
  line?: number;
}

export interface SarifInput {
  tool: { name: string; version: string; informationUri?: string };
  /** The scanned SBOM as a URI reference: a path relative to the repository root, or a file: URL. */
  artifactUri: string;
  findings: readonly SarifFinding[];
}

/** The SARIF log, as pretty-printed JSON text. */
export function writeSarif(input: SarifInput): string {
  return `${JSON.stringify(sarifLog(input), null, 2)}\n`;
}

export function sarifLog(input: SarifInput) {
  const rules = new Map<string, ReturnType<typeof ruleOf>>();
  for (const f of input.findings) if (!rules.has(f.vulnerabilityId)) rules.set(f.vulnerabilityId, ruleOf(f));
  const ruleIds = [...rules.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            ...(input.tool.informationUri ? { informationUri: input.tool.informationUri } : {}),
            rules: ruleIds.map((id) => rules.get(id)!),
          },
        },
        results: input.findings.map((f) => resultOf(f, ruleIndex.get(f.vulnerabilityId)!, input.artifactUri)),
      },
    ],
  };
}

type Severity = 'critical' | 'high' | 'medium' | 'low' | 'none';
const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low', 'none'] satisfies Severity[];

export function severityOf(
  f: Pick<SarifFinding, 'severity' | 'cvssScore' | 'cvssVector'>,
): Severity | undefined {
  const said = f.severity?.toLowerCase();
  if (said && SEVERITIES.includes(said)) return said as Severity;
  if (f.cvssScore === undefined) return undefined;
  const version = (f.cvssVector && cvssVersionOf(f.cvssVector)) || '3.1';
  return cvssSeverity(version, f.cvssScore).toLowerCase() as Severity;
}

/** Critical and high fail a review, medium is worth a look; no score at all is no reason to hide it. */
export function levelOf(severity: Severity | undefined): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'low':
    case 'none':
      return 'note';
    default:
      return 'warning';
  }
}

function ruleOf(f: SarifFinding) {
  const severity = severityOf(f);
  const tags = [
    'security',
    'vulnerability',
    ...(severity ? [severity] : []),
    ...(f.kev ? ['known-exploited'] : []),
    ...(f.cwes ?? []),
  ];
  const aliases = f.advisoryIds.filter((id) => id !== f.vulnerabilityId);
  const help = [
    f.summary ?? f.vulnerabilityId,
    ...(aliases.length ? [`Advisories: ${aliases.join(', ')}.`] : []),
    ...(f.cvssVector ? [`CVSS ${f.cvssScore ?? ''} ${f.cvssVector}.`] : []),
    ...(f.kev ? ['Known to be exploited (CISA KEV).'] : []),
    `See ${f.source.url}`,
  ].join('\n');
  return {
    id: f.vulnerabilityId,
    shortDescription: { text: shorten(f.summary ? `${f.vulnerabilityId}: ${f.summary}` : f.vulnerabilityId) },
    fullDescription: { text: f.summary ?? f.vulnerabilityId },
    helpUri: f.source.url,
    help: { text: help },
    defaultConfiguration: { level: levelOf(severity) },
    properties: {
      ...(f.cvssScore !== undefined ? { 'security-severity': f.cvssScore.toFixed(1) } : {}),
      tags,
    },
  };
}

function resultOf(f: SarifFinding, ruleIndex: number, artifactUri: string) {
  const component = componentLabel(f);
  const aliases = f.advisoryIds.filter((id) => id !== f.vulnerabilityId);
  const text = [
    `${component} is affected by ${f.vulnerabilityId}${aliases.length ? ` (${aliases.join(', ')})` : ''}` +
      `${f.summary ? `: ${stripFinalStop(f.summary)}` : ''}.`,
    `Priority ${f.priority}: ${f.priorityReason}.`,
    ...(f.kev ? ['Known to be exploited (CISA KEV).'] : []),
    f.nearestFix ? `Fixed in ${f.nearestFix}.` : 'No fixed version is known.',
  ].join(' ');
  return {
    ruleId: f.vulnerabilityId,
    ruleIndex,
    level: levelOf(severityOf(f)),
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri },
          // Code-scanning services want a region to anchor an alert; the whole file's first line otherwise.
          region: { startLine: f.line ?? 1 },
        },
        logicalLocations: [
          { name: component, fullyQualifiedName: f.componentPurl ?? component, kind: 'module' },
        ],
      },
    ],
    // The same vulnerability in the same package is the same alert from scan to scan, whatever its version
    // or line: an upgrade that does not fix it must not look like a new problem.
    partialFingerprints: { 'vigilFinding/v1': `${f.vulnerabilityId}|${f.componentKey}` },
    properties: {
      priority: f.priority,
      kev: f.kev,
      ...(f.epss !== undefined ? { epss: f.epss } : {}),
      ...(f.componentPurl ? { purl: f.componentPurl } : {}),
      ...(f.nearestFix ? { nearestFix: f.nearestFix } : {}),
    },
  };
}

export function componentLabel(
  f: Pick<SarifFinding, 'componentName' | 'componentVersion' | 'componentPurl'>,
) {
  return (
    f.componentPurl ?? (f.componentVersion ? `${f.componentName}@${f.componentVersion}` : f.componentName)
  );
}

/** Without its final full stop, to be followed by one of ours (a loop: no regular expression backtracks). */
function stripFinalStop(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1]!.trim() === '')) end--;
  return text.slice(0, end);
}

function shorten(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
