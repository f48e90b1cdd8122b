import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nmapArguments, portSpec } from '../../src/app/nmap-scan.js';
import { type Connect, tcpScan } from '../../src/app/tcp-scan.js';
import { parseScanScope, planScan, type ScanPlan } from '../../src/core/exposure/scan-scope.js';
import { readBanner } from '../../src/core/exposure/service-banner.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('what a banner says', () => {
  it('reads an SSH identification string: product, version, comment and protocol, with a CPE', () => {
    expect(readBanner(bytes('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n'))).toEqual({
      name: 'ssh',
      product: 'OpenSSH',
      version: '8.2p1',
      extraInfo: 'Ubuntu-4ubuntu0.5; protocol 2.0',
      cpes: ['cpe:2.3:a:openbsd:openssh:8.2p1:*:*:*:*:*:*:*'],
      banner: 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5',
    });
    expect(readBanner(bytes('SSH-2.0-dropbear_2019.78\r\n'))).toMatchObject({
      product: 'Dropbear sshd',
      version: '2019.78',
    });
    // Protocol 1 is what the catalogue flags: the banner is kept for it.
    expect(readBanner(bytes('SSH-1.99-Cisco-1.25\n'))).toMatchObject({
      name: 'ssh',
      product: 'Cisco',
      version: '1.25',
      banner: 'SSH-1.99-Cisco-1.25',
    });
  });

  it('reads an HTTP response: server, version, comment and title, without following anything', () => {
    const response =
      'HTTP/1.1 302 Found\r\nServer: Apache/2.4.41 (Ubuntu)\r\nLocation: http://elsewhere.example/\r\nSet-Cookie: s=secret\r\n\r\n' +
      '<html><HEAD><Title>\n  Pump &lt;Admin&gt; Log\u00c3\u00a9in  </TITLE></head>';
    expect(readBanner(bytes(response))).toEqual({
      name: 'http',
      product: 'Apache httpd',
      version: '2.4.41',
      extraInfo: 'Ubuntu',
      cpes: ['cpe:2.3:a:apache:http_server:2.4.41:*:*:*:*:*:*:*'],
      httpTitle: 'Pump <Admin> Logéin',
      banner: 'HTTP/1.1 302 Found\nServer: Apache/2.4.41 (Ubuntu)',
    });
    expect(readBanner(bytes('HTTP/1.0 200 OK\r\nServer: Microsoft-IIS/10.0\r\n\r\n'))).toMatchObject({
      product: 'Microsoft IIS httpd',
      version: '10.0',
    });
  });

  it('names other greetings, and keeps control bytes escaped', () => {
    expect(readBanner(bytes('RFB 003.008\n'))).toMatchObject({ name: 'vnc', extraInfo: 'protocol 003.008' });
    expect(readBanner(bytes('220 pacs.example ESMTP Postfix\r\n'))).toMatchObject({ name: 'smtp' });
    expect(readBanner(bytes('220 (vsFTPd 3.0.3) FTP ready\r\n'))).toMatchObject({ name: 'ftp' });
    expect(readBanner(Buffer.from([255, 253, 24, 255, 253, 32]))).toMatchObject({ name: 'telnet' });
    expect(readBanner(bytes('\u0000\u0001hello'))).toEqual({ cpes: [], banner: '\\x00\\x01hello' });
  });
});

describe('how nmap is run', () => {
  it('writes ports as ranges, so that every port is one short argument', () => {
    expect(portSpec([22, 80, 81, 82, 443, 8000])).toBe('22,80-82,443,8000');
    expect(portSpec(Array.from({ length: 65_535 }, (_, i) => i + 1))).toBe('1-65535');
  });

  it('takes targets on standard input only, with service detection, no DNS, and the rate cap', () => {
    const args = nmapArguments('ipv4', { ports: [22, 80], rate: 50 });
    expect(args).toEqual(expect.arrayContaining(['-sV', '-Pn', '-n', '--open', '-T3', '-oX', '-', '-iL']));
    expect(args.slice(args.indexOf('--max-rate'), args.indexOf('--max-rate') + 2)).toEqual([
      '--max-rate',
      '50',
    ]);
    expect(args.slice(args.indexOf('-p'), args.indexOf('-p') + 2)).toEqual(['-p', '22,80']);
    expect(args.slice(-2)).toEqual(['-iL', '-']);
    expect(args).not.toContain('-6');
    expect(nmapArguments('ipv6', { ports: [22], rate: 50 })).toContain('-6');
  });
});

describe('the built-in scan’s pace', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // A service that accepts and says nothing: each probe holds its connection for the banner wait.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const plan = (): ScanPlan => {
    const scope = parseScanScope('127.0.0.1');
    if (!scope.ok) throw new Error(scope.reason);
    const planned = planScan([{ text: '127.0.0.1', ranges: scope.ranges }], scope.ranges, 10);
    if (!planned.ok) throw new Error(planned.refusal.message);
    return planned.plan;
  };

  it('keeps to the rate and to the connections allowed at once', async () => {
    // Probes in flight, from the connection's start to the scanner's letting go of it.
    let inFlight = 0;
    let most = 0;
    const counted: Connect = (options) => {
      most = Math.max(most, ++inFlight);
      const socket = connect(options);
      const destroy = socket.destroy.bind(socket);
      let released = false;
      socket.destroy = (error?: Error) => {
        if (!released) inFlight--;
        released = true;
        return destroy(error);
      };
      return socket;
    };
    const started = performance.now();
    const result = await tcpScan(plan(), {
      ports: Array.from({ length: 8 }, () => port),
      rate: 20,
      concurrency: 2,
      connectTimeoutMs: 1_000,
      bannerWaitMs: 150,
      connect: counted,
    });
    const elapsed = performance.now() - started;
    // 8 connections at 20 a second: the last starts 350 ms after the first.
    expect(elapsed).toBeGreaterThanOrEqual(340);
    expect(most).toBe(2);
    expect(result).toMatchObject({ probes: 8, open: 8 });
    // A silent open port keeps no banner.
    expect(result.observations[0]?.services[0]).toMatchObject({ state: 'open', port });
    expect(result.observations[0]?.services[0]?.banner).toBeUndefined();
  });
});

describe('the built-in scan over IPv6', () => {
  let server: Server | undefined;
  let port = 0;
  beforeAll(async () => {
    const s = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    port = await new Promise<number>((resolve) => {
      s.once('error', () => resolve(0));
      s.listen(0, '::1', () => resolve((s.address() as { port: number }).port));
    });
    if (port) server = s;
    else console.warn('[ipv6] skipping the IPv6 scan: ::1 is not available');
  });
  afterAll(async () => {
    if (server) await new Promise((resolve) => server!.close(resolve));
  });

  it('scans an allowed IPv6 address, written in any form', async (context) => {
    if (!server) return context.skip();
    const scope = parseScanScope('::1/128');
    if (!scope.ok) throw new Error(scope.reason);
    const planned = planScan([{ text: '0:0::1', ranges: scope.ranges }], scope.ranges, 10);
    if (!planned.ok) throw new Error(planned.refusal.message);
    const result = await tcpScan(planned.plan, {
      ports: [port],
      rate: 100,
      concurrency: 1,
      connectTimeoutMs: 1_000,
      bannerWaitMs: 1_000,
    });
    expect(result.observations).toMatchObject([
      { address: '::1', family: 'ipv6', services: [{ port, product: 'OpenSSH', version: '9.6' }] },
    ]);
  });
});
