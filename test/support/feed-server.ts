/**
 * A feed server on 127.0.0.1 for sync tests: serves documents as the real sources do (ETag, Last-Modified,
 * 304 on a conditional request, Range and 206 when asked, `x-goog-hash` as OSV's bucket sends it), answers
 * an API's queries through a route (NVD's CVE API, see nvd-api.ts), and misbehaves on demand: a status (429
 * with Retry-After, 403, 503), a connection cut mid-body. Every request is logged with its query and headers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Document {
  body: Buffer;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** Send `x-goog-hash: crc32c=…, md5=…` (of this body, or of `md5Of` when a test wants them to differ). */
  googHash?: boolean;
  md5Of?: Buffer;
  /** Announce and honour byte ranges. */
  ranges?: boolean;
  /** Send no Content-Length (chunked), as a proxy might. */
  chunked?: boolean;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Sends the headers and this many bytes of the body, then destroys the connection. */
  | { kind: 'cut'; after: number };

/** What a route answers to one request. */
export interface RouteAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface LoggedRequest {
  path: string;
  /** The path with its query. */
  url: string;
  at: number;
  headers: IncomingMessage['headers'];
  status: number;
}

export class FeedServer {
  readonly requests: LoggedRequest[] = [];
  private readonly documents = new Map<string, Document>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly redirects = new Map<string, string>();
  private readonly routes = new Map<string, (url: URL) => RouteAnswer>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves `document` at `path`, with a fresh ETag and Last-Modified unless given. */
  set(path: string, document: Document | Buffer | string): void {
    const d =
      Buffer.isBuffer(document) || typeof document === 'string' ? { body: Buffer.from(document) } : document;
    this.documents.set(path, {
      etag: `"${createHash('sha256').update(d.body).digest('hex').slice(0, 16)}"`,
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString(),
      ...d,
    });
  }

  remove(path: string): void {
    this.documents.delete(path);
  }

  /** The next requests to `path` misbehave, in this order; then it is served normally again. */
  fail(path: string, ...faults: Fault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  redirect(from: string, to: string): void {
    this.redirects.set(from, to);
  }

  /** Answers every request to `path` (whatever its query) with what `answer` makes of its address. */
  route(path: string, answer: (url: URL) => RouteAnswer): void {
    this.routes.set(path, answer);
  }

  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const address = new URL(req.url ?? '/', this.url);
    const path = address.pathname;
    const log = (status: number) =>
      this.requests.push({
        path,
        url: `${path}${address.search}`,
        at: Date.now(),
        headers: req.headers,
        status,
      });
    const fault = this.faults.get(path)?.shift();
    if (fault?.kind === 'status') {
      log(fault.status);
      res.writeHead(fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      res.end('unavailable');
      return;
    }
    const route = this.routes.get(path);
    if (route) {
      const answer = route(address);
      const body = Buffer.from(answer.body ?? '');
      log(answer.status);
      res.writeHead(answer.status, { 'content-length': String(body.length), ...answer.headers });
      if (fault?.kind === 'cut') {
        res.write(body.subarray(0, fault.after), () => setTimeout(() => req.socket.destroy(), 10));
        return;
      }
      res.end(body);
      return;
    }
    const target = this.redirects.get(path);
    if (target) {
      log(302);
      res.writeHead(302, { location: target });
      res.end();
      return;
    }
    const document = this.documents.get(path);
    if (!document) {
      log(404);
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const validators: Record<string, string> = {
      ...(document.etag ? { etag: document.etag } : {}),
      ...(document.lastModified ? { 'last-modified': document.lastModified } : {}),
    };
    const noneMatch = req.headers['if-none-match'];
    const modifiedSince = req.headers['if-modified-since'];
    if (
      (noneMatch !== undefined && noneMatch === document.etag) ||
      (noneMatch === undefined &&
        modifiedSince !== undefined &&
        document.lastModified !== undefined &&
        Date.parse(modifiedSince) >= Date.parse(document.lastModified))
    ) {
      log(304);
      res.writeHead(304, validators);
      res.end();
      return;
    }
    let body = document.body;
    let status = 200;
    const headers: Record<string, string> = {
      'content-type': document.contentType ?? 'application/octet-stream',
      ...validators,
    };
    if (document.ranges) headers['accept-ranges'] = 'bytes';
    if (document.googHash) {
      const md5 = createHash('md5')
        .update(document.md5Of ?? document.body)
        .digest('base64');
      headers['x-goog-hash'] = `crc32c=AAAAAA==, md5=${md5}`;
    }
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const ifRange = req.headers['if-range'];
    if (
      document.ranges &&
      range &&
      (!ifRange || ifRange === document.etag || ifRange === document.lastModified)
    ) {
      const start = Number(range[1]);
      if (start >= body.length) {
        log(416);
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        res.end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
      body = body.subarray(start);
    }
    if (!document.chunked) headers['content-length'] = String(body.length);
    log(status);
    res.writeHead(status, headers);
    if (fault?.kind === 'cut') {
      res.write(body.subarray(0, fault.after), () => {
        // Let the bytes go out, then cut the connection as a broken network would.
        setTimeout(() => req.socket.destroy(), 10);
      });
      return;
    }
    res.end(body);
  }
}

export async function startFeedServer(): Promise<FeedServer> {
  return new FeedServer().start();
}
