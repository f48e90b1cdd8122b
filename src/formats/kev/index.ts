/**
 * CISA's Known Exploited Vulnerabilities catalogue, as its JSON file publishes it
 * (known_exploited_vulnerabilities_schema.json). The catalogue must be readable as a whole (it is one small
 * document, and what is missing from it is no longer in it); an entry that is not valid is skipped and
 * reported, and the others are kept.
 */
import { CVE_ID, type KevCatalogue, type KevEntry } from '../../core/advisories/exploitation.js';
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REQUIRED_TEXT = [
  'vendorProject',
  'product',
  'vulnerabilityName',
  'shortDescription',
  'requiredAction',
] as const;

export interface KevParsed {
  catalogue: KevCatalogue;
  /** Entries skipped as invalid; each is also a warning naming it. */
  skipped: number;
}

export function parseKevCatalogue(text: string, options: { file?: string } = {}): ParseResult<KevParsed> {
  const problems = new ProblemList(options.file);
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.error('json_syntax', `Not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
    return problems.result({ catalogue: emptyCatalogue(), skipped: 0 });
  }
  const root = json.value;
  if (!isObject(root) || !Array.isArray(root.vulnerabilities)) {
    problems.error('not_kev', 'This is not a KEV catalogue: it has no `vulnerabilities` list.', {
      path: '$',
    });
    return problems.result({ catalogue: emptyCatalogue(), skipped: 0 });
  }
  const entries: KevEntry[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  root.vulnerabilities.forEach((item: unknown, i) => {
    const path = `$.vulnerabilities[${i}]`;
    const reason = entryProblem(item);
    if (reason) {
      skipped++;
      problems.warn('invalid_entry', `${describe(item)} was skipped: ${reason}`, { path });
      return;
    }
    const entry = entryOf(item as Record<string, unknown>);
    if (seen.has(entry.cveId)) {
      skipped++;
      problems.warn('duplicate_entry', `${entry.cveId} is listed twice; the first is kept.`, { path });
      return;
    }
    seen.add(entry.cveId);
    entries.push(entry);
  });
  const count = typeof root.count === 'number' ? root.count : entries.length;
  if (count !== root.vulnerabilities.length) {
    problems.warn(
      'count_mismatch',
      `The catalogue says it holds ${count} entries but lists ${root.vulnerabilities.length}.`,
      { path: '$.count' },
    );
  }
  return problems.result({
    catalogue: {
      catalogVersion: typeof root.catalogVersion === 'string' ? root.catalogVersion : '',
      dateReleased: typeof root.dateReleased === 'string' ? root.dateReleased : '',
      count,
      entries,
    },
    skipped,
  });
}

function entryProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'an entry is not an object.';
  if (typeof item.cveID !== 'string' || !CVE_ID.test(item.cveID)) return 'its cveID is not a CVE id.';
  for (const key of REQUIRED_TEXT) if (typeof item[key] !== 'string') return `it has no ${key}.`;
  for (const key of ['dateAdded', 'dueDate'] as const)
    if (typeof item[key] !== 'string' || !DATE.test(item[key]))
      return `its ${key} is not a date (YYYY-MM-DD).`;
  if (item.cwes !== undefined && !(Array.isArray(item.cwes) && item.cwes.every((c) => typeof c === 'string')))
    return 'its cwes is not a list of CWE ids.';
  return undefined;
}

function entryOf(item: Record<string, unknown>): KevEntry {
  const text = (key: string) => (typeof item[key] === 'string' ? item[key] : '');
  return {
    cveId: text('cveID'),
    vendorProject: text('vendorProject'),
    product: text('product'),
    vulnerabilityName: text('vulnerabilityName'),
    dateAdded: text('dateAdded'),
    shortDescription: text('shortDescription'),
    requiredAction: text('requiredAction'),
    dueDate: text('dueDate'),
    knownRansomwareCampaignUse: text('knownRansomwareCampaignUse') || 'Unknown',
    notes: text('notes'),
    cwes: Array.isArray(item.cwes) ? (item.cwes as string[]) : [],
  };
}

function describe(item: unknown): string {
  return isObject(item) && typeof item.cveID === 'string' ? item.cveID : 'An entry';
}

function emptyCatalogue(): KevCatalogue {
  return { catalogVersion: '', dateReleased: '', count: 0, entries: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
