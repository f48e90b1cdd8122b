/**
 * Robust downloads of feed documents to a file: conditional requests (If-None-Match, If-Modified-Since: a 304
 * means nothing to do), a bounded number of attempts with exponential backoff and jitter on 429 (honouring
 * Retry-After), 5xx, timeouts and broken connections, resumption with Range where the server allows it, and
 * the body checked before it is handed on: its length against Content-Length, its MD5 against the
 * `x-goog-hash` a Google Cloud Storage bucket (OSV's) sends, and whatever `verify` checks (a gzip stream
 * read to its end). The body streams to `<file>.part`, renamed to `file` only once complete and checked, so a
 * file at `file` is always whole. Requests go through the proxy the environment names (download-proxy.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { type ProxySettings, proxyAgentFor, proxySettingsFromEnv } from './download-proxy.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first backoff; each next one doubles, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest a Retry-After is honoured; a server asking for more is waited on this long. */
  maxRetryAfterMs: number;
  /** A connection silent this long (no headers, no bytes) is given up and retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  timeoutMs: 60_000,
};

export interface DownloadRequest {
  url: string;
  /** Where the body goes, once whole and checked (`<file>.part` meanwhile). */
  file: string;
  /** Validators of the copy held: the server answers 304 when it is still current. */
  etag?: string;
  lastModified?: string;
  /** Checks the whole body in `path`; throwing makes the attempt fail as a damaged transfer (and retried). */
  verify?: (path: string) => Promise<void>;
  /** A body over this many bytes is refused. */
  maxBytes?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  userAgent?: string;
  /** Sent with every attempt (an API key). */
  headers?: Record<string, string>;
  /** Statuses retried beside 408, 429 and 5xx: NVD answers 403 when it throttles. */
  retryStatuses?: readonly number[];
  /** Awaited before each attempt, retries included: a source's rate limit. */
  beforeAttempt?: () => Promise<void>;
  /** The proxies to go through; default the environment's (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  proxy?: ProxySettings;
  /** Certificate authorities trusted instead of Node's, for a mirror signed by the hospital's own CA. */
  ca?: string | Buffer;
}

export type DownloadResult =
  | { status: 'not-modified'; url: string; attempts: number }
  | {
      status: 'downloaded';
      /** The address the body came from, after redirects. */
      url: string;
      file: string;
      bytes: number;
      etag?: string;
      lastModified?: string;
      /** What the body was checked against, beyond `verify`. */
      checked: ('content-length' | 'md5')[];
      attempts: number;
      /** True when part of the body came from an earlier, interrupted attempt (Range). */
      resumed: boolean;
    };

export type DownloadErrorCode = 'http_status' | 'network' | 'timeout' | 'damaged' | 'too_large' | 'aborted';

/** A download that failed for good: after its last attempt, or at once when retrying cannot help. */
export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    readonly url: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** One attempt's failure, with whether another attempt may succeed, and how long the server asks us to wait. */
class AttemptError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** What the system calls a connection that broke or never came: worth another attempt. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const MAX_REDIRECTS = 5;

/** Downloads `request.url` to `request.file`, retrying as `policy` allows. */
export async function download(
  request: DownloadRequest,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<DownloadResult> {
  let last: AttemptError | undefined;
  let made = 0;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (request.signal?.aborted) throw aborted(request.url, attempt - 1);
    made = attempt;
    try {
      return await attemptDownload(request, policy, attempt);
    } catch (e) {
      if (request.signal?.aborted) throw aborted(request.url, attempt);
      last = e instanceof AttemptError ? e : classify(e);
      if (!last.retryable || attempt === policy.attempts) break;
      await sleep(backoff(policy, attempt, last.retryAfterMs), request.signal).catch(() => undefined);
    }
  }
  throw new DownloadError(
    last?.code ?? 'network',
    `${request.url}: ${last?.message ?? 'no attempt made'}${last?.retryable ? ` (gave up after ${made} attempts)` : ''}`,
    request.url,
    made,
    last?.status,
  );
}

/** The wait before attempt `attempt + 1`: the server's Retry-After when it gave one, else backoff with jitter. */
export function backoff(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the ceiling, so that retries spread out without bunching near zero.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface PartInfo {
  url: string;
  etag?: string;
  lastModified?: string;
}

async function attemptDownload(
  request: DownloadRequest,
  policy: RetryPolicy,
  attempt: number,
): Promise<DownloadResult> {
  const part = `${request.file}.part`;
  const sidecar = `${part}.json`;
  // An earlier attempt's bytes are resumed only when the server named them (a validator) and may still have them.
  const held = await partHeld(part, sidecar, request.url);
  const headers: Record<string, string> = {
    ...request.headers,
    'accept-encoding': 'identity',
    'user-agent': request.userAgent ?? 'Vigil feed sync',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  if (held) {
    headers.range = `bytes=${held.bytes}-`;
    headers['if-range'] = held.info.etag ?? held.info.lastModified ?? '';
  }
  await request.beforeAttempt?.();
  const { response, url } = await get(request.url, headers, {
    timeoutMs: policy.timeoutMs,
    proxy: request.proxy ?? proxySettingsFromEnv(process.env),
    ...(request.ca ? { ca: request.ca } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const status = response.statusCode ?? 0;
  if (status === 304) {
    response.resume();
    await removePart(part, sidecar);
    return { status: 'not-modified', url, attempts: attempt };
  }
  if (status === 416 && held) {
    // The bytes held are not a prefix of what the server has now: start again.
    response.resume();
    await removePart(part, sidecar);
    throw new AttemptError('damaged', 'the server refused to resume the interrupted download', true, status);
  }
  if (status !== 200 && status !== 206) {
    response.resume();
    const retryable =
      status === 408 ||
      status === 429 ||
      (status >= 500 && status !== 501) ||
      request.retryStatuses?.includes(status) === true;
    // NVD says why in a `message` header (an API key it does not know, a parameter it refuses).
    const why = header(response, 'message');
    throw new AttemptError(
      'http_status',
      `the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}${why ? ` (${why.slice(0, 200)})` : ''}`,
      retryable,
      status,
      retryable ? parseRetryAfter(header(response, 'retry-after')) : undefined,
    );
  }
  const etag = header(response, 'etag');
  const lastModified = header(response, 'last-modified');
  const declared = header(response, 'content-length');
  const expected = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  let offset = 0;
  let total = expected;
  if (status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(response, 'content-range') ?? '');
    if (!held || !range || Number(range[1]) !== held.bytes) {
      response.resume();
      await removePart(part, sidecar);
      throw new AttemptError('damaged', 'the server resumed the download at the wrong place', true, status);
    }
    offset = held.bytes;
    total = range[3] === '*' ? undefined : Number(range[3]);
  }
  if (request.maxBytes !== undefined && total !== undefined && total > request.maxBytes) {
    response.destroy();
    throw new AttemptError(
      'too_large',
      `the document is ${total.toLocaleString('en')} bytes; the limit is ${request.maxBytes.toLocaleString('en')}`,
      false,
    );
  }
  // Remember what these bytes are, so that an interrupted transfer can be resumed, in this run or the next.
  const resumable =
    (etag !== undefined || lastModified !== undefined) && header(response, 'accept-ranges') === 'bytes';
  if (resumable && offset === 0)
    await writeFile(sidecar, JSON.stringify({ url: request.url, etag, lastModified } satisfies PartInfo));
  else if (!resumable) await rm(sidecar, { force: true });

  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (request.maxBytes !== undefined && offset + received > request.maxBytes) {
        done(
          new AttemptError(
            'too_large',
            `the document is over the limit of ${request.maxBytes.toLocaleString('en')} bytes`,
            false,
          ),
        );
        return;
      }
      request.onProgress?.(offset + received, total ?? 0);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, counter, createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' }));
  } catch (e) {
    if (e instanceof AttemptError) {
      await removePart(part, sidecar);
      throw e;
    }
    // A connection cut mid-body: the bytes so far stay for a resumption when the server allows one.
    if (!resumable) await removePart(part, sidecar);
    throw classify(e, `the connection broke after ${(offset + received).toLocaleString('en')} bytes`);
  }
  if (expected !== undefined && received !== expected) {
    if (!resumable) await removePart(part, sidecar);
    throw new AttemptError(
      'damaged',
      `the body ended after ${received.toLocaleString('en')} of the ${expected.toLocaleString('en')} bytes announced`,
      true,
    );
  }
  const checked: ('content-length' | 'md5')[] = expected !== undefined ? ['content-length'] : [];
  const md5 = googleMd5(header(response, 'x-goog-hash'));
  try {
    if (md5) {
      const actual = await fileDigest(part, 'md5');
      if (actual !== md5) throw new Error(`its MD5 is ${actual}, the server announced ${md5}`);
      checked.push('md5');
    }
    await request.verify?.(part);
  } catch (e) {
    await removePart(part, sidecar);
    throw new AttemptError(
      'damaged',
      `the document arrived damaged: ${e instanceof Error ? e.message : String(e)}`,
      true,
    );
  }
  await rm(sidecar, { force: true });
  await rename(part, request.file);
  return {
    status: 'downloaded',
    url,
    file: request.file,
    bytes: offset + received,
    ...(etag !== undefined ? { etag } : {}),
    ...(lastModified !== undefined ? { lastModified } : {}),
    checked,
    attempts: attempt,
    resumed: offset > 0,
  };
}

interface SendOptions {
  timeoutMs: number;
  proxy: ProxySettings;
  ca?: string | Buffer;
  signal?: AbortSignal;
}

/** Sends a GET, following redirects; answers the final response (its body unread) and its address. */
async function get(
  address: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<{ response: IncomingMessage; url: string }> {
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    const response = await send(url, headers, options);
    const status = response.statusCode ?? 0;
    const location = header(response, 'location');
    if (![301, 302, 303, 307, 308].includes(status) || !location) return { response, url: url.toString() };
    response.resume();
    if (hop === MAX_REDIRECTS)
      throw new AttemptError('http_status', `more than ${MAX_REDIRECTS} redirects`, false, status);
    const next = new URL(location, url);
    if (url.protocol === 'https:' && next.protocol !== 'https:')
      throw new AttemptError('http_status', `a redirect from HTTPS to ${next.protocol} was refused`, false);
    url = next;
  }
}

function send(url: URL, headers: Record<string, string>, options: SendOptions): Promise<IncomingMessage> {
  const { timeoutMs, signal } = options;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(
      new AttemptError('http_status', `${url.protocol} addresses are not supported`, false),
    );
  // Chosen per hop: a redirect to another host may be one NO_PROXY names.
  const agent = proxyAgentFor(url, options.proxy);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers,
      ...(agent ? { agent } : {}),
      // Through a tunnel the certificate is checked against the tunnel's host, which https-proxy-agent leaves
      // as `localhost` for an address given by IP: check it against the address asked for.
      ...(agent && url.protocol === 'https:'
        ? {
            checkServerIdentity: (_host: string, cert: PeerCertificate) =>
              checkServerIdentity(url.hostname.replace(/^\[|\]$/g, ''), cert),
          }
        : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      ...(signal ? { signal } : {}),
    });
    // A socket silent this long, before the headers or in the middle of the body, is given up.
    request.setTimeout(timeoutMs, () =>
      request.destroy(new AttemptError('timeout', `no answer for ${Math.round(timeoutMs / 1000)} s`, true)),
    );
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

/** An error of an attempt, classified: a broken or refused connection is worth retrying, anything else not. */
function classify(e: unknown, context?: string): AttemptError {
  if (e instanceof AttemptError) return e;
  const error = e as NodeJS.ErrnoException;
  const message = error?.message ?? String(e);
  const code = error?.code ?? '';
  const transient =
    TRANSIENT_NETWORK_CODES.has(code) || /aborted|socket hang up|premature close|terminated/i.test(message);
  return new AttemptError(
    'network',
    `${context ? `${context}: ` : ''}${message}${code && !message.includes(code) ? ` (${code})` : ''}`,
    transient,
  );
}

async function partHeld(
  part: string,
  sidecar: string,
  url: string,
): Promise<{ bytes: number; info: PartInfo } | undefined> {
  try {
    const info = JSON.parse(await readFile(sidecar, 'utf8')) as PartInfo;
    const { size } = await stat(part);
    if (info.url === url && size > 0 && (info.etag || info.lastModified)) return { bytes: size, info };
  } catch {
    // Nothing held, or nothing usable: start from the beginning.
  }
  await removePart(part, sidecar);
  return undefined;
}

async function removePart(part: string, sidecar: string): Promise<void> {
  await rm(part, { force: true });
  await rm(sidecar, { force: true });
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The MD5 in an `x-goog-hash: crc32c=…, md5=…` header, as hex; absent for composite objects. */
export function googleMd5(value: string | undefined): string | undefined {
  const md5 = /(?:^|,)\s*md5=([A-Za-z0-9+/=]+)/.exec(value ?? '')?.[1];
  return md5 ? Buffer.from(md5, 'base64').toString('hex') : undefined;
}

async function fileDigest(path: string, algorithm: 'md5' | 'sha256'): Promise<string> {
  const digest = createHash(algorithm);
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return digest.digest('hex');
}

function aborted(url: string, attempts: number): DownloadError {
  return new DownloadError('aborted', `${url}: the download was cancelled`, url, attempts);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }
    function cancel() {
      clearTimeout(timer);
      reject(new Error('aborted'));
    }
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
