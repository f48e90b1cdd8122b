import type { FeedServer } from './feed-server.js';
import { buildZip } from './zip.js';

export interface OsvRecord {
  id: string;
  modified: string;
  withdrawn?: string;
  summary?: string;
}

/** An OSV record as the bucket publishes one: pretty-printed JSON. */
export function recordText(ecosystem: string, r: OsvRecord): string {
  return JSON.stringify(
    {
      schema_version: '1.6.0',
      id: r.id,
      modified: r.modified,
      published: '2024-01-01T00:00:00Z',
      ...(r.withdrawn ? { withdrawn: r.withdrawn } : {}),
      summary: r.summary ?? `Advisory ${r.id}`,
      affected: [
        {
          package: {
            ecosystem,
            name: ecosystem === 'Maven' ? `org.example:${r.id.toLowerCase()}` : r.id.toLowerCase(),
          },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }],
        },
      ],
    },
    null,
    2,
  );
}

/** Publishes an ecosystem's folder as OSV's bucket has it: all.zip, modified_id.csv (newest first), `<ID>.json`. */
export function publish(server: FeedServer, ecosystem: string, records: OsvRecord[]): void {
  const base = `/osv/${ecosystem}`;
  server.set(`${base}/all.zip`, {
    body: buildZip(records.map((r) => ({ name: `${r.id}.json`, data: recordText(ecosystem, r) }))),
    googHash: true,
    ranges: true,
  });
  const newestFirst = [...records].sort((a, b) => b.modified.localeCompare(a.modified));
  server.set(`${base}/modified_id.csv`, newestFirst.map((r) => `${r.modified},${r.id}\n`).join(''));
  for (const r of records)
    server.set(`${base}/${r.id}.json`, { body: Buffer.from(recordText(ecosystem, r)), googHash: true });
}
