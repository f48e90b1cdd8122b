import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedSyncConfig } from '../../../src/app/feed-sync-config.js';
import { describeEachDialect } from '../../support/databases.js';
import { type FeedServer, startFeedServer } from '../../support/feed-server.js';
import { errorOf, ndjson, serverFor, tokenFor, withToken } from '../support.js';

const fixtures = new URL('../../fixtures/', import.meta.url).pathname;
const kevCatalogue = readFileSync(`${fixtures}kev/catalogue.json`);
const notACatalogue = readFileSync(`${fixtures}kev/not-a-catalogue.json`);
const epssName = 'epss_scores-2026-08-16.csv';
const epssCsv = readFileSync(`${fixtures}epss/${epssName}`);
const OCTETS = { 'content-type': 'application/octet-stream' };

interface FeedStatusBody {
  source: string;
  syncable: boolean;
  lastSuccessAt?: string;
  lastError?: string;
  recordCount: number;
  stale: boolean;
  staleReason?: string;
  ageDays?: number;
  dataDate?: string;
  documentName?: string;
}

interface ImportBody {
  source: string;
  fileName: string;
  recordCount: number;
  counts: { read: number; added: number; skipped: number; unchanged: number };
  problems: { code: string; file?: string }[];
  status: FeedStatusBody;
}

describeEachDialect('/api/v1/feeds', (dialect) => {
  const server = serverFor(dialect, { seed: false });
  let feeds: FeedServer;
  let dataDir: string;
  let synced: FastifyInstance;
  let viewer: FastifyInstance;

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.set('/kev/known_exploited_vulnerabilities.json', kevCatalogue);
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-feeds-api-'));
    synced = await server.build({
      feedSync: feedSyncConfig(
        {},
        {
          dataDir,
          urls: {
            kev: `${feeds.url}/kev/known_exploited_vulnerabilities.json`,
            nvd: `${feeds.url}/nvd`,
            eol: `${feeds.url}/eol`,
          },
          retry: { attempts: 2, baseDelayMs: 1 },
        },
      ),
    });
    viewer = withToken(server.anonymous, await tokenFor(server.store, 'viewer'));
  });
  afterAll(async () => {
    await feeds?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const statusOf = async (app: FastifyInstance, source: string) => {
    const res = await app.inject({ url: '/api/v1/feeds' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: FeedStatusBody[] }>().items.find((s) => s.source === source)!;
  };

  it('lists every source, never imported and stale at first, to a viewer too', async () => {
    const res = await viewer.inject({ url: '/api/v1/feeds' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: FeedStatusBody[] }>().items;
    expect(items.map((s) => s.source)).toEqual(['osv', 'kev', 'epss', 'nvd', 'eol']);
    expect(items.find((s) => s.source === 'kev')).toMatchObject({
      syncable: true,
      recordCount: 0,
      stale: true,
      staleReason: 'never imported',
    });
    expect(items.every((s) => s.syncable)).toBe(true);
  });

  it('imports a KEV catalogue sent as the body, skipping and reporting its bad entry, and audits it', async () => {
    const res = await synced.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import?fileName=known_exploited_vulnerabilities.json',
      headers: OCTETS,
      payload: kevCatalogue,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ImportBody>();
    expect(body).toMatchObject({
      source: 'kev',
      fileName: 'known_exploited_vulnerabilities.json',
      recordCount: 3,
    });
    expect(body.counts.skipped).toBe(1);
    expect(body.problems).toHaveLength(1);
    expect(body.status.lastSuccessAt).toBeDefined();
    expect(body.status.documentName).toBe('known_exploited_vulnerabilities.json');
    expect((await statusOf(server.app, 'kev')).recordCount).toBe(3);
    // The temporary file is gone.
    expect(readdirSync(join(dataDir, 'feeds', 'uploads'))).toEqual([]);

    const audit = await server.app.inject({ url: '/api/v1/audit?action=feed.import' });
    expect(audit.statusCode, audit.body).toBe(200);
    const events = audit.json<{
      items: {
        action: string;
        target?: { label?: string };
        before?: unknown;
        after?: { fileName?: string };
      }[];
    }>().items;
    const event = events.find((e) => e.action === 'feed.import');
    expect(event?.target?.label).toBe('kev');
    expect(event?.after?.fileName).toBe('known_exploited_vulnerabilities.json');
    expect(event?.before).toMatchObject({ source: 'kev', recordCount: 0 });
  });

  it('imports a gzip’d EPSS CSV with progress as NDJSON, its score date from the name', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/v1/feeds/epss/import?fileName=${epssName}.gz`,
      headers: { ...OCTETS, accept: 'application/x-ndjson' },
      payload: gzipSync(epssCsv),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const events = ndjson<{ type: string; result?: ImportBody }>(res);
    const last = events.at(-1)!;
    expect(last.type, res.body).toBe('result');
    expect(last.result?.source).toBe('epss');
    expect(last.result?.recordCount).toBeGreaterThan(0);
    expect(last.result?.status.dataDate?.slice(0, 10)).toBe('2026-08-16');
  });

  it('answers 422 with the problems for a file that is not the feed, and audits the refusal', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import?fileName=not-a-catalogue.json',
      headers: { 'content-type': 'application/json' },
      payload: notACatalogue,
    });
    expect(res.statusCode, res.body).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('import_refused');
    expect(error.problems?.length).toBeGreaterThan(0);
    expect(res.body).not.toContain(dataDir);
    // The data imported before is intact.
    expect((await statusOf(server.app, 'kev')).recordCount).toBe(3);

    const streamed = await server.app.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      payload: notACatalogue,
    });
    expect(streamed.statusCode).toBe(200);
    const last = ndjson<{ type: string; error?: { code: string; problems?: unknown[] } }>(streamed).at(-1)!;
    expect(last.type).toBe('error');
    expect(last.error?.code).toBe('import_refused');
  });

  it('notes a failed upload on the feed’s status by the name it was sent under, never by the server’s path', async () => {
    const res = await synced.inject({
      method: 'POST',
      url: '/api/v1/feeds/nvd/import?fileName=cves-2099.json',
      headers: { 'content-type': 'application/json' },
      payload: '{"format": "NVD_CVE", "vulnerabilities": [{"cve": ',
    });
    expect(res.statusCode, res.body).toBe(422);
    const status = await statusOf(viewer, 'nvd');
    expect(status.lastError).toMatch(/^cves-2099\.json was refused: .*cut short/);
    expect(status.lastError).not.toContain(dataDir);
    expect(status.lastError).not.toContain('uploads');
  });

  it('answers 404 for an unknown source and 400 for an empty body', async () => {
    const imported = await server.app.inject({
      method: 'POST',
      url: '/api/v1/feeds/ghsa/import',
      headers: OCTETS,
      payload: 'x',
    });
    expect(imported.statusCode, imported.body).toBe(404);
    const synced = await server.app.inject({ method: 'POST', url: '/api/v1/feeds/ghsa/sync' });
    expect(synced.statusCode, synced.body).toBe(404);
    const empty = await server.app.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import',
      headers: OCTETS,
      payload: Buffer.alloc(0),
    });
    expect(empty.statusCode, empty.body).toBe(400);
  });

  it('refuses an import or a sync to a viewer (403)', async () => {
    const imported = await viewer.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import',
      headers: OCTETS,
      payload: kevCatalogue,
    });
    expect(imported.statusCode).toBe(403);
    const sync = await viewer.inject({ method: 'POST', url: '/api/v1/feeds/kev/sync' });
    expect(sync.statusCode).toBe(403);
  });

  it('refuses a body over the import limit (413)', async () => {
    const small = await server.build({ maxImportBytes: 100 });
    const res = await small.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/import',
      headers: OCTETS,
      payload: kevCatalogue,
    });
    expect(res.statusCode).toBe(413);
  });

  it('syncs KEV from a loopback server, with progress, audited; a failing source answers its failure', async () => {
    const res = await synced.inject({
      method: 'POST',
      url: '/api/v1/feeds/kev/sync',
      headers: { accept: 'application/x-ndjson' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const events = ndjson<{
      type: string;
      step?: string;
      result?: { result: string; status: FeedStatusBody };
    }>(res);
    const last = events.at(-1)!;
    expect(last.type, res.body).toBe('result');
    expect(['updated', 'up-to-date']).toContain(last.result?.result);
    expect(last.result?.status.recordCount).toBe(3);
    expect(feeds.requestsTo('/kev/known_exploited_vulnerabilities.json').length).toBeGreaterThan(0);

    feeds.fail(
      '/kev/known_exploited_vulnerabilities.json',
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503 },
    );
    const failed = await synced.inject({ method: 'POST', url: '/api/v1/feeds/kev/sync' });
    expect(failed.statusCode, failed.body).toBe(200);
    const body = failed.json<{ result: string; error?: string; status: FeedStatusBody }>();
    expect(body.result).toBe('failed');
    expect(body.status.lastError).toBeDefined();
    expect(body.status.recordCount).toBe(3);

    const audit = await server.app.inject({ url: '/api/v1/audit?action=feed.sync' });
    const outcomes = audit
      .json<{ items: { action: string; outcome: string }[] }>()
      .items.filter((e) => e.action === 'feed.sync')
      .map((e) => e.outcome);
    expect(outcomes).toEqual(['failure', 'success']);
    expect(existsSync(join(dataDir, 'feeds'))).toBe(true);
  });

  it('answers 404 for a source Vigil does not know', async () => {
    const res = await synced.inject({ method: 'POST', url: '/api/v1/feeds/ghsa/sync' });
    expect(res.statusCode, res.body).toBe(404);
  });
});
