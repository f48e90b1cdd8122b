/**
 * NVD's CVE API 2.0 as a route of the loopback feed server: pages by startIndex and resultsPerPage over a set
 * of CVEs the test changes at will, filtered by lastModStartDate/lastModEndDate (both ends included), and as
 * strict as NVD about what it is sent: a date must be written as the API's documentation writes it, both
 * dates or neither, a range of at most 120 days, at most 2,000 results a page; anything else is answered 404
 * with the reason in a `message` header, as NVD does.
 */
import type { FeedServer, RouteAnswer } from './feed-server.js';

export const NVD_PATH = '/nvd/rest/json/cves/2.0';

export interface FakeCve {
  id: string;
  /** As NVD writes it: UTC without a zone, `2026-08-01T10:00:00.000`. */
  lastModified: string;
  description?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;
const MAX_RANGE_MS = 120 * 86_400_000;

/** A CVE record as the API publishes one, valid for Vigil's parser. */
export function cveRecord(c: FakeCve): Record<string, unknown> {
  return {
    id: c.id,
    sourceIdentifier: 'cve@mitre.org',
    published: '2026-01-01T00:00:00.000',
    lastModified: c.lastModified,
    vulnStatus: 'Analyzed',
    descriptions: [{ lang: 'en', value: c.description ?? `Description of ${c.id}` }],
    metrics: {},
    references: [{ url: `https://example.org/${c.id}`, source: 'cve@mitre.org' }],
    configurations: [
      {
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:pump_os:1.0:*:*:*:*:*:*:*' }],
          },
        ],
      },
    ],
  };
}

export class FakeNvd {
  readonly cves = new Map<string, FakeCve>();
  /** Pages served so far (answers with status 200). */
  served = 0;
  /** Called after each page is made, before it is sent: a test changes the data between two pages here. */
  afterPage?: (served: number) => void;

  constructor(server: FeedServer) {
    server.route(NVD_PATH, (url) => this.answer(url));
  }

  put(...cves: FakeCve[]): void {
    for (const c of cves) this.cves.set(c.id, c);
  }

  private answer(url: URL): RouteAnswer {
    const q = url.searchParams;
    const refuse = (message: string): RouteAnswer => ({ status: 404, headers: { message } });
    const startIndex = Number(q.get('startIndex') ?? '0');
    const perPage = Number(q.get('resultsPerPage') ?? '2000');
    if (!Number.isInteger(startIndex) || startIndex < 0) return refuse('Invalid startIndex');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 2000) return refuse('Invalid resultsPerPage');
    const from = q.get('lastModStartDate');
    const to = q.get('lastModEndDate');
    let matches = [...this.cves.values()];
    if (from !== null || to !== null) {
      if (from === null || to === null)
        return refuse('Both lastModStartDate and lastModEndDate are required');
      if (!DATE.test(from) || !DATE.test(to)) return refuse(`Invalid date format: ${from} ${to}`);
      const start = Date.parse(from);
      const end = Date.parse(to);
      if (end < start) return refuse('lastModEndDate is before lastModStartDate');
      if (end - start > MAX_RANGE_MS) return refuse('Date range cannot exceed 120 days');
      matches = matches.filter((c) => {
        const at = Date.parse(`${c.lastModified}Z`);
        return at >= start && at <= end;
      });
    }
    matches.sort((a, b) => a.id.localeCompare(b.id));
    const page = matches.slice(startIndex, startIndex + perPage);
    const body = JSON.stringify({
      resultsPerPage: page.length,
      startIndex,
      totalResults: matches.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: new Date().toISOString().slice(0, 23),
      vulnerabilities: page.map((c) => ({ cve: cveRecord(c) })),
    });
    this.served++;
    this.afterPage?.(this.served);
    return { status: 200, headers: { 'content-type': 'application/json' }, body };
  }
}
