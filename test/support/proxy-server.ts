/**
 * A forward proxy on 127.0.0.1, as a hospital's would be: absolute-URI requests for http targets, CONNECT
 * tunnels for https ones, Basic proxy authentication when given credentials (407 otherwise). It forwards
 * only to 127.0.0.0/8 (and `localhost`, as 127.0.0.1), so that no test can reach further. Every request is
 * logged.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The absolute URI asked for, or `host:port` for a CONNECT. */
  target: string;
  /** What Proxy-Authorization held, decoded (`user:password`). */
  credentials?: string;
  status: number;
}

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export class ProxyServer {
  readonly log: ProxiedRequest[] = [];
  url = '';
  private server!: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly credentials?: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const credentials = this.credentialsOf(req);
      const entry = { method: req.method ?? 'GET', target: req.url ?? '', ...credentials };
      let target: URL;
      try {
        target = new URL(req.url ?? '');
      } catch {
        this.log.push({ ...entry, status: 400 });
        res.writeHead(400).end('absolute URI expected');
        return;
      }
      if (!this.allowed(credentials.credentials)) {
        this.log.push({ ...entry, status: 407 });
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="vigil-test"' }).end();
        return;
      }
      if (!LOOPBACK.test(target.hostname)) {
        this.log.push({ ...entry, status: 403 });
        res.writeHead(403).end('only 127.0.0.0/8');
        return;
      }
      const headers = { ...req.headers };
      delete headers['proxy-authorization'];
      delete headers['proxy-connection'];
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: req.method,
          headers,
        },
        (answer) => {
          this.log.push({ ...entry, status: answer.statusCode ?? 0 });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        this.log.push({ ...entry, status: 502 });
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      const credentials = this.credentialsOf(req);
      const entry = { method: 'CONNECT', target: req.url ?? '', ...credentials };
      const [host, port] = (req.url ?? '').split(':');
      const refuse = (status: number, text: string, extra = '') => {
        this.log.push({ ...entry, status });
        client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
      };
      if (!this.allowed(credentials.credentials))
        return refuse(
          407,
          'Proxy Authentication Required',
          'Proxy-Authenticate: Basic realm="vigil-test"\r\n',
        );
      const address = host === 'localhost' ? '127.0.0.1' : host;
      if (!LOOPBACK.test(address ?? '') || !/^\d+$/.test(port ?? '')) return refuse(403, 'Forbidden');
      const upstream = connect(Number(port), address!, () => {
        this.log.push({ ...entry, status: 200 });
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private credentialsOf(req: IncomingMessage): { credentials?: string } {
    const header = /^Basic\s+(\S+)$/i.exec(String(req.headers['proxy-authorization'] ?? ''));
    return header ? { credentials: Buffer.from(header[1]!, 'base64').toString('utf8') } : {};
  }

  private allowed(credentials: string | undefined): boolean {
    return this.credentials === undefined || credentials === this.credentials;
  }
}

export async function startProxyServer(credentials?: string): Promise<ProxyServer> {
  return new ProxyServer(credentials).start();
}
