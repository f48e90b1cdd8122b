import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoff,
  DEFAULT_RETRY_POLICY,
  DownloadError,
  download,
  googleMd5,
  parseRetryAfter,
  type RetryPolicy,
} from '../../src/app/download.js';
import { checkGzipIntegrity } from '../../src/app/feed-files.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const policy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 5_000,
  timeoutMs: 2_000,
};
const body = Buffer.from('x'.repeat(200_000));
let server: FeedServer;
const dir = mkdtempSync(join(tmpdir(), 'vigil-download-'));
let n = 0;
const file = () => join(dir, `file-${n++}`);

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('downloading a feed document', () => {
  it('downloads to the file, then answers 304 to a request with the validators it was given', async () => {
    server.set('/doc', { body, googHash: true });
    const first = await download({ url: `${server.url}/doc`, file: file() }, policy);
    expect(first.status).toBe('downloaded');
    if (first.status !== 'downloaded') return;
    expect(readFileSync(first.file).equals(body)).toBe(true);
    expect(first.checked).toEqual(['content-length', 'md5']);
    const again = await download(
      { url: `${server.url}/doc`, file: file(), etag: first.etag!, lastModified: first.lastModified! },
      policy,
    );
    expect(again.status).toBe('not-modified');
    const last = server.requestsTo('/doc').at(-1)!;
    expect(last.headers['if-none-match']).toBe(first.etag);
    expect(last.headers['if-modified-since']).toBe(first.lastModified);
  });

  it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
    server.set('/limited', body);
    server.fail('/limited', { kind: 'status', status: 429, retryAfter: '1' });
    const result = await download({ url: `${server.url}/limited`, file: file() }, policy);
    expect(result).toMatchObject({ status: 'downloaded', attempts: 2 });
    const [refused, served] = server.requestsTo('/limited');
    expect(refused!.status).toBe(429);
    expect(served!.at - refused!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries 503 twice with backoff, then succeeds', async () => {
    server.set('/busy', body);
    server.fail('/busy', { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const result = await download({ url: `${server.url}/busy`, file: file() }, policy);
    expect(result).toMatchObject({ status: 'downloaded', attempts: 3, bytes: body.length });
  });

  it('resumes a body cut mid-download with Range, when the server allows it', async () => {
    server.set('/ranged', { body, ranges: true });
    server.fail('/ranged', { kind: 'cut', after: 50_000 });
    const target = file();
    const result = await download({ url: `${server.url}/ranged`, file: target }, policy);
    expect(result).toMatchObject({ status: 'downloaded', attempts: 2, resumed: true, bytes: body.length });
    expect(readFileSync(target).equals(body)).toBe(true);
    const retry = server.requestsTo('/ranged').at(-1)!;
    expect(retry.status).toBe(206);
    expect(retry.headers.range).toMatch(/^bytes=\d+-$/);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('starts again from the beginning after a cut when the server does not do ranges', async () => {
    server.set('/plain', body);
    server.fail('/plain', { kind: 'cut', after: 10_000 });
    const target = file();
    const result = await download({ url: `${server.url}/plain`, file: target }, policy);
    expect(result).toMatchObject({ status: 'downloaded', attempts: 2, resumed: false });
    expect(readFileSync(target).equals(body)).toBe(true);
  });

  it('notices a gzip body cut short without a Content-Length, and fetches it again', async () => {
    const gz = gzipSync(Buffer.from('cve,epss,percentile\n'.repeat(5_000)));
    server.set('/scores.csv.gz', { body: gz, chunked: true });
    server.fail('/scores.csv.gz', { kind: 'cut', after: Math.floor(gz.length / 2) });
    const result = await download(
      { url: `${server.url}/scores.csv.gz`, file: file(), verify: checkGzipIntegrity },
      policy,
    );
    expect(result).toMatchObject({ status: 'downloaded', attempts: 2 });
  });

  it('refuses a body whose MD5 is not the one announced, after its attempts', async () => {
    server.set('/tampered', { body, googHash: true, md5Of: Buffer.from('something else') });
    const error = await download({ url: `${server.url}/tampered`, file: file() }, policy).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'damaged', attempts: 4 });
    expect((error as Error).message).toMatch(/MD5/);
  });

  it('does not retry a 404, and says which address failed', async () => {
    const error = await download({ url: `${server.url}/missing`, file: file() }, policy).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'http_status', status: 404, attempts: 1 });
    expect((error as Error).message).toContain('/missing');
    expect(server.requestsTo('/missing')).toHaveLength(1);
  });

  it('follows redirects and answers the address the body came from', async () => {
    server.set('/dated-2026-08-16.csv', 'a,b\n');
    server.redirect('/current.csv', '/dated-2026-08-16.csv');
    const result = await download({ url: `${server.url}/current.csv`, file: file() }, policy);
    expect(result).toMatchObject({ status: 'downloaded', url: `${server.url}/dated-2026-08-16.csv` });
  });

  it('gives up on a connection refused after its attempts', async () => {
    const error = await download({ url: 'http://127.0.0.1:9/nothing', file: file() }, policy).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'network', attempts: 4 });
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('doubles the backoff up to its ceiling, with jitter, and caps a long Retry-After', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(
        DEFAULT_RETRY_POLICY.maxDelayMs,
        DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1),
      );
      const delay = backoff(DEFAULT_RETRY_POLICY, attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    expect(backoff(DEFAULT_RETRY_POLICY, 1, 24 * 3_600_000)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });

  it("reads the MD5 of Google Cloud Storage's x-goog-hash", () => {
    expect(googleMd5('crc32c=n03x6A==, md5=Ojk9c3dhfxgoKVVHYwFbHQ==')).toBe(
      '3a393d7377617f182829554763015b1d',
    );
    expect(googleMd5('crc32c=n03x6A==')).toBeUndefined();
  });
});
