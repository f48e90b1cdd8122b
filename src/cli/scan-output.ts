/**
 * `vigil scan`'s text: the findings as a table, most urgent first, what the priorities assumed, and how old
 * the knowledge base behind them is (a scan against last year's feeds says nothing about this year's flaws).
 */
import type { FeedStatus } from '../app/feed-status.js';
import type { FeedSourceName } from '../app/knowledge-ports.js';
import type { FailOn, ScanFinding, ScanReport } from '../app/scan-sbom.js';
import { PRIORITIES } from '../core/matching/priority.js';

/** The feeds a scan's findings come from; end-of-life data plays no part in them. */
export const SCAN_FEEDS: readonly FeedSourceName[] = ['osv', 'nvd', 'kev', 'epss'];

const FEED_ROLES: Record<string, string> = {
  osv: 'advisories by package',
  nvd: 'CVEs by CPE, and CVSS scores',
  kev: 'known exploitation',
  epss: 'exploitation probabilities',
};

export interface ScanContext {
  criticality?: string;
  exposure?: string;
}

export function renderScanTable(
  report: ScanReport,
  context: ScanContext,
  feeds: readonly FeedStatus[],
): string {
  const lines = [headline(report), ''];
  if (report.findings.length) {
    const rows = report.findings.map((f) => [
      f.priority,
      f.vulnerabilityId,
      f.kev ? 'KEV' : '',
      f.epss !== undefined ? percent(f.epss) : '-',
      f.cvssScore !== undefined ? f.cvssScore.toFixed(1) : '-',
      componentOf(f),
      f.nearestFix ?? '-',
    ]);
    lines.push(
      ...table(['PRI', 'VULNERABILITY', 'KEV', 'EPSS', 'CVSS', 'COMPONENT', 'NEAREST FIX'], rows),
      '',
    );
  }
  lines.push(
    isEmpty(feeds) ? 'Nothing can be found: the knowledge base is empty.' : summaryLine(report.findings),
    assumptions(context),
    knowledgeLine(feeds),
  );
  return `${lines.join('\n')}\n`;
}

function headline(report: ScanReport): string {
  const what = report.subject
    ? `${report.subject.name}${report.subject.version ? ` ${report.subject.version}` : ''}`
    : 'the SBOM';
  const doc = `${report.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} ${report.specVersion}`;
  return `${report.file ?? 'SBOM'}: ${what} (${doc}, ${count(report.componentCount, 'component')})`;
}

/** `14 findings: 0 P1, 10 P2, 4 P3, 0 P4; 10 known exploited (KEV).` */
export function summaryLine(findings: readonly ScanFinding[]): string {
  if (findings.length === 0) return 'No known vulnerabilities found.';
  const per = PRIORITIES.map((p) => `${findings.filter((f) => f.priority === p).length} ${p}`).join(', ');
  const kev = findings.filter((f) => f.kev).length;
  return `${count(findings.length, 'finding')}: ${per}; ${kev} known exploited (KEV).`;
}

function assumptions(context: ScanContext): string {
  const said = (value: string | undefined, flag: string) => value ?? `unknown (${flag})`;
  return (
    `Priorities assume clinical criticality ${said(context.criticality, '--criticality')} ` +
    `and exposure ${said(context.exposure, '--exposure')}.`
  );
}

/** `Knowledge base: osv, nvd data of 2026-08-16, 108 days old (STALE); epss never imported.` */
export function knowledgeLine(feeds: readonly FeedStatus[]): string {
  if (isEmpty(feeds)) return 'Knowledge base: empty (run vigil feeds sync or vigil feeds import).';
  const used = feeds.filter((f) => SCAN_FEEDS.includes(f.source));
  // Feeds imported together read as one: "osv, nvd, kev, epss data of …" rather than four times the date.
  const groups = new Map<string, string[]>();
  for (const f of used) {
    const state =
      f.ageDays === undefined
        ? 'never imported'
        : `data of ${(f.dataDate ?? f.lastSuccessAt ?? '').slice(0, 10)}, ${days(f.ageDays)} old${f.stale ? ' (STALE)' : ''}`;
    groups.set(state, [...(groups.get(state) ?? []), f.source]);
  }
  return `Knowledge base: ${[...groups].map(([state, sources]) => `${sources.join(', ')} ${state}`).join('; ')}.`;
}

/** What a reader of the report must be told about the knowledge base, a warning a line. */
export function knowledgeWarnings(feeds: readonly FeedStatus[]): string[] {
  if (isEmpty(feeds))
    return ['the knowledge base is empty: run vigil feeds sync or vigil feeds import; nothing can be found.'];
  const used = feeds.filter((f) => SCAN_FEEDS.includes(f.source));
  const never = used.filter((f) => f.ageDays === undefined);
  const stale = used.filter((f) => f.ageDays !== undefined && f.stale);
  return [
    ...(never.length
      ? [
          `never imported: ${never.map((f) => `${f.source} (${FEED_ROLES[f.source]})`).join(', ')}; ` +
            'run vigil feeds sync or vigil feeds import.',
        ]
      : []),
    ...(stale.length
      ? [
          `the knowledge base is stale: ${stale
            .map(
              (f) => `${f.source} ${days(f.ageDays!)} old (expected within ${days(f.expectedFreshnessDays)})`,
            )
            .join(', ')}; run vigil feeds sync or vigil feeds import.`,
        ]
      : []),
  ];
}

function isEmpty(feeds: readonly FeedStatus[]): boolean {
  return feeds.every((f) => !SCAN_FEEDS.includes(f.source) || f.ageDays === undefined);
}

/** The findings that tripped the gate, one a line, for standard error. */
export function gateLines(failOn: FailOn, tripped: readonly ScanFinding[], limit = 20): string[] {
  const what = failOn === 'kev' ? 'known to be exploited (KEV)' : `rated ${failOn} or above (CVSS)`;
  return [
    `--fail-on ${failOn}: ${count(tripped.length, 'finding')} ${what}:`,
    ...tripped
      .slice(0, limit)
      .map(
        (f) =>
          `  ${f.priority} ${f.vulnerabilityId} ${componentOf(f)}` +
          `${f.cvssScore !== undefined ? ` CVSS ${f.cvssScore.toFixed(1)}` : ''}${f.kev ? ' KEV' : ''}`,
      ),
    ...(tripped.length > limit ? [`  … and ${tripped.length - limit} more`] : []),
  ];
}

export function componentOf(f: Pick<ScanFinding, 'componentName' | 'componentVersion'>): string {
  return f.componentVersion ? `${f.componentName}@${f.componentVersion}` : f.componentName;
}

/** EPSS as a percentage, rounded down: 0.99999 is not a certainty. */
function percent(probability: number): string {
  return `${(Math.floor(probability * 1000) / 10).toFixed(1)}%`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Left-aligned columns; the last one is not padded, so lines carry no trailing blanks. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
