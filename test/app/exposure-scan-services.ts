/**
 * Services on the loopback interface for the exposure scan tests: a fake SSH server that sends its
 * identification string, a small web server with an administration page, a port known to be closed, and
 * a witness listening on another loopback address that counts every connection it gets (a scan refused
 * must leave it at zero).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';

export const SSH_BANNER = 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5';
export const PAGE_TITLE = 'Infusia LVP &amp; Pump Admin Login';

export interface LoopbackServices {
  ssh: number;
  http: number;
  closed: number;
  witness: { address: string; port: number; connections: () => number };
  close: () => Promise<void>;
}

const listen = (server: Server | HttpServer, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });

const closeServer = (server: Server | HttpServer) =>
  new Promise<void>((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });

/** The web server goes on a port the scanner treats as HTTP (it asks `GET /` there): the first one free. */
const HTTP_CANDIDATES = [8080, 8000, 8008, 8081, 8888, 8042, 9200, 5000];

export async function startLoopbackServices(): Promise<LoopbackServices> {
  const servers: (Server | HttpServer)[] = [];
  const open = new Set<import('node:net').Socket>();
  const ssh = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    socket.write(`${SSH_BANNER}\r\n`);
  });
  servers.push(ssh);
  const sshPort = await listen(ssh, 0, '127.0.0.1');

  const web = createHttpServer((_request, response) => {
    response.setHeader('Server', 'nginx/1.18.0 (Ubuntu)');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html><head><title>${PAGE_TITLE}</title></head><body>Sign in</body></html>`);
  });
  servers.push(web);
  let httpPort: number | undefined;
  for (const candidate of HTTP_CANDIDATES) {
    httpPort = await listen(web, candidate, '127.0.0.1').catch(() => undefined);
    if (httpPort) break;
  }
  if (!httpPort) throw new Error(`No port free for the web server among ${HTTP_CANDIDATES.join(', ')}`);

  // A port that was just free: nothing listens there, so the kernel answers with a reset.
  const probe = createServer();
  const closed = await listen(probe, 0, '127.0.0.1');
  await closeServer(probe);

  let connections = 0;
  const witness = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  servers.push(witness);
  const witnessPort = await listen(witness, 0, '127.0.0.2');

  return {
    ssh: sshPort,
    http: httpPort,
    closed,
    witness: { address: '127.0.0.2', port: witnessPort, connections: () => connections },
    close: async () => {
      for (const socket of open) socket.destroy();
      await Promise.all(servers.map(closeServer));
    },
  };
}

/** A device inventory with one device at 127.0.0.1, as a CMMS would export it. */
export const LOOPBACK_DEVICE_CSV = Buffer.from(
  'asset_tag,manufacturer,model,software_version,site,department,status,ip_address,clinical_criticality,device_type\n' +
    'LOOP-0001,Medivance Infusion Systems,Infusia LVP,4.2.1,St. Example General,ICU,in-service,127.0.0.1,life-critical,infusion-pump\n',
);
