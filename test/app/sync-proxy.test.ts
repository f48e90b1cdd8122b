import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, download, type RetryPolicy } from '../../src/app/download.js';
import { bypassed, proxySettingsFromEnv } from '../../src/app/download-proxy.js';
import { UsageError } from '../../src/app/errors.js';
import { feedSyncConfig } from '../../src/app/feed-sync-config.js';
import { syncFeeds } from '../../src/app/sync-feeds.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { type ProxyServer, startProxyServer } from '../support/proxy-server.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const policy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 1_000,
  timeoutMs: 5_000,
};
const body = Buffer.from('cve,epss,percentile\n'.repeat(2_000));
// The password holds an `@`, written %40 in the address as it must be.
const CREDENTIALS = 'vigil:s3cr@t';

let feeds: FeedServer;
let proxy: ProxyServer;
let tls: HttpsServer;
let tlsUrl: string;
let certificate: string;
const tlsPaths: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'vigil-proxy-'));
let n = 0;
const file = () => join(dir, `file-${n++}`);
const proxyWith = (credentials?: string) =>
  credentials ? proxy.url.replace('http://', `http://${credentials.replace('@', '%40')}@`) : proxy.url;

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.set('/doc.csv', body);
  proxy = await startProxyServer(CREDENTIALS);
  // A self-signed certificate for 127.0.0.1, trusted by the downloads below through `ca`.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
  tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: certificate }, (req, res) => {
    tlsPaths.push(req.url ?? '');
    res.writeHead(200, { 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await feeds.close();
  await proxy.close();
  tls.closeAllConnections();
  await new Promise<void>((resolve) => tls.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('downloads through a proxy', () => {
  it('sends an http address to HTTP_PROXY as an absolute URI, with the credentials of its address', async () => {
    const mark = proxy.log.length;
    const target = file();
    const result = await download(
      { url: `${feeds.url}/doc.csv`, file: target, proxy: { httpProxy: proxyWith(CREDENTIALS) } },
      policy,
    );
    expect(result).toMatchObject({ status: 'downloaded', bytes: body.length });
    expect(readFileSync(target).equals(body)).toBe(true);
    expect(proxy.log.slice(mark)).toEqual([
      { method: 'GET', target: `${feeds.url}/doc.csv`, credentials: CREDENTIALS, status: 200 },
    ]);
  });

  it('tunnels an https address through HTTPS_PROXY with CONNECT, TLS end to end with the source', async () => {
    const mark = proxy.log.length;
    const target = file();
    const result = await download(
      {
        url: `${tlsUrl}/feeds/doc.csv`,
        file: target,
        proxy: { httpsProxy: proxyWith(CREDENTIALS), httpProxy: 'http://127.0.0.1:9' },
        ca: certificate,
      },
      policy,
    );
    expect(result).toMatchObject({ status: 'downloaded', bytes: body.length });
    expect(readFileSync(target).equals(body)).toBe(true);
    // The proxy saw only where to connect; the path went inside the tunnel.
    expect(proxy.log.slice(mark)).toEqual([
      { method: 'CONNECT', target: new URL(tlsUrl).host, credentials: CREDENTIALS, status: 200 },
    ]);
    expect(tlsPaths.at(-1)).toBe('/feeds/doc.csv');
  });

  it('refuses, through the tunnel, a certificate it does not trust or that names another host', async () => {
    const untrusted = await download(
      { url: `${tlsUrl}/doc.csv`, file: file(), proxy: { httpsProxy: proxyWith(CREDENTIALS) } },
      policy,
    ).catch((e: unknown) => e);
    expect(untrusted).toBeInstanceOf(DownloadError);
    expect((untrusted as Error).message).toMatch(/self-signed|certificate/i);
    // The certificate is 127.0.0.1's; asked for as localhost, the same server is refused.
    const port = new URL(tlsUrl).port;
    const otherName = await download(
      {
        url: `https://localhost:${port}/doc.csv`,
        file: file(),
        proxy: { httpsProxy: proxyWith(CREDENTIALS) },
        ca: certificate,
      },
      policy,
    ).catch((e: unknown) => e);
    expect(otherName).toBeInstanceOf(DownloadError);
    expect((otherName as Error).message).toMatch(/localhost.*altnames|altnames.*localhost/i);
    expect(proxy.log.at(-1)).toMatchObject({ method: 'CONNECT', target: `localhost:${port}`, status: 200 });
  });

  it('gives up at once when the proxy wants other credentials (407), and says so', async () => {
    for (const credentials of [undefined, 'vigil:wrong']) {
      const mark = proxy.log.length;
      for (const url of [`${feeds.url}/doc.csv`, `${tlsUrl}/doc.csv`]) {
        const error = await download(
          {
            url,
            file: file(),
            proxy: { httpProxy: proxyWith(credentials), httpsProxy: proxyWith(credentials) },
            ca: certificate,
          },
          policy,
        ).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'http_status', status: 407, attempts: 1 });
      }
      expect(proxy.log.slice(mark).map((r) => [r.method, r.status])).toEqual([
        ['GET', 407],
        ['CONNECT', 407],
      ]);
    }
  });

  it('goes direct to the hosts NO_PROXY names', async () => {
    const mark = proxy.log.length;
    const result = await download(
      {
        url: `${feeds.url}/doc.csv`,
        file: file(),
        proxy: { httpProxy: proxyWith(CREDENTIALS), noProxy: 'localhost, 127.0.0.0/8' },
      },
      policy,
    );
    expect(result.status).toBe('downloaded');
    expect(proxy.log.length).toBe(mark);
  });
});

describeEachDialect('a feed sync behind a proxy', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('takes its proxy from the environment', async () => {
    feeds.set('/kev.json', readFileSync(`${fixtures}kev/catalogue.json`));
    const config = feedSyncConfig(
      {
        http_proxy: proxyWith(CREDENTIALS),
        HTTP_PROXY: 'http://127.0.0.1:9',
        VIGIL_FEED_KEV_URL: `${feeds.url}/kev.json`,
        VIGIL_DATA_DIR: join(dir, `data-${dialect}`),
      },
      { retry: { attempts: 2, baseDelayMs: 5 } },
    );
    const mark = proxy.log.length;
    const report = await syncFeeds(ctx.store, { config, sources: ['kev'] });
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(proxy.log.slice(mark).map((r) => `${r.method} ${r.target} ${r.status}`)).toEqual([
      `GET ${feeds.url}/kev.json 200`,
    ]);
    expect((await ctx.store.knowledgeCounts()).kevEntries).toBe(3);
  });
});

describe('proxy settings', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lowercase first, and refuses an address it cannot use', () => {
    expect(
      proxySettingsFromEnv({
        https_proxy: 'http://proxy.hospital.example:3128',
        HTTPS_PROXY: 'http://other.example:8080',
        HTTP_PROXY: 'proxy.hospital.example:3128',
        NO_PROXY: '.hospital.example,10.0.0.0/8',
      }),
    ).toEqual({
      httpsProxy: 'http://proxy.hospital.example:3128',
      httpProxy: 'proxy.hospital.example:3128',
      noProxy: '.hospital.example,10.0.0.0/8',
    });
    expect(proxySettingsFromEnv({})).toEqual({});
    expect(() => proxySettingsFromEnv({ HTTPS_PROXY: 'socks5://proxy:1080' })).toThrow(UsageError);
    expect(() => proxySettingsFromEnv({ HTTPS_PROXY: 'http://[nope' })).toThrow(UsageError);
  });

  it('matches NO_PROXY as curl does: names with their subdomains, suffixes, addresses, ranges, ports, *', () => {
    const at = (url: string, noProxy: string) => bypassed(new URL(url), noProxy);
    expect(at('https://nvd.example.org/x', 'example.org')).toBe(true);
    expect(at('https://example.org/x', '.example.org')).toBe(true);
    expect(at('https://badexample.org/x', 'example.org')).toBe(false);
    expect(at('https://mirror.lan:8443/x', 'mirror.lan:8443')).toBe(true);
    expect(at('https://mirror.lan/x', 'mirror.lan:8443')).toBe(false);
    expect(at('http://10.1.2.3/x', '10.0.0.0/8')).toBe(true);
    expect(at('http://11.1.2.3/x', '10.0.0.0/8')).toBe(false);
    expect(at('http://[::1]:8080/x', '::1')).toBe(true);
    expect(at('http://anything.example/x', '*')).toBe(true);
    expect(at('http://anything.example/x', '')).toBe(false);
  });
});
