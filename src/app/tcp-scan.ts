/**
 * Vigil's own scan, for when nmap is not installed: a TCP connect scan of a `ScanPlan`'s addresses (each
 * already checked against the allowed ranges, and checked again before each connection), paced to a rate
 * and a number of connections at once, with a short read of what each open port says (for web ports, after
 * a `GET / HTTP/1.0`; a redirect is read, never followed). Connections are made to addresses only, with a
 * lookup that refuses any name, so nothing here can resolve or reach outside the plan.
 *
 * Probes are made port by port across the addresses, so that consecutive connections go to different
 * hosts: one fragile device does not take a burst of connections. A host is recorded when any port
 * answered (open, or closed by a reset); its open and closed ports are its services. A port that does not
 * answer in time is filtered and not recorded, as nmap's `--open` leaves it out.
 */
import { connect as netConnect, type Socket, type TcpNetConnectOpts } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExposureObservation, ObservedService } from '../core/exposure/observation.js';
import { inScope, type ScanPlan } from '../core/exposure/scan-scope.js';
import {
  type BannerFacts,
  HTTP_PROBE_PORTS,
  httpProbe,
  PORT_SERVICES,
  readBanner,
} from '../core/exposure/service-banner.js';
import type { Progress } from './ports.js';

export type Connect = (options: TcpNetConnectOpts) => Socket;

export interface TcpScanOptions {
  ports: readonly number[];
  /** Connections started per second, at most. */
  rate: number;
  /** Connections open at once, at most. */
  concurrency: number;
  connectTimeoutMs: number;
  /** How long an open port is given to say something (or answer the HTTP request). */
  bannerWaitMs: number;
  internetFacing?: boolean;
  /** How connections are made (tests watch it); `net.connect` by default. */
  connect?: Connect;
  progress?: Progress;
}

export interface TcpScanResult {
  observations: ExposureObservation[];
  probes: number;
  open: number;
}

type ProbeResult = { state: 'open'; bytes: Buffer } | { state: 'closed' } | { state: 'filtered' };

/** Bytes read from a port: enough for a banner, an HTTP head and a title, bounded against a firehose. */
const MAX_READ = { banner: 4_096, http: 16_384 } as const;
/** Once a service has spoken, how long to wait for the rest of its greeting. */
const SETTLE_MS = 250;

const refuseLookup: TcpNetConnectOpts['lookup'] = (hostname, _options, callback) =>
  callback(new Error(`the scan resolves no names (${hostname})`), '', 4);

/** Starts at most `perSecond` things a second: each caller waits for its slot. */
function pacer(perSecond: number): () => Promise<void> {
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}

function probe(address: string, port: number, options: TcpScanOptions): Promise<ProbeResult> {
  const http = HTTP_PROBE_PORTS.has(port);
  const max = http ? MAX_READ.http : MAX_READ.banner;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let opened = false;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    let socket: Socket | undefined;
    const finish = (result: ProbeResult) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      socket?.destroy();
      resolve(result);
    };
    const open = () => finish({ state: 'open', bytes: Buffer.concat(chunks, size) });
    try {
      socket = (options.connect ?? netConnect)({
        host: address,
        port,
        family: address.includes(':') ? 6 : 4,
        lookup: refuseLookup,
      });
    } catch {
      finish({ state: 'filtered' });
      return;
    }
    timers.push(setTimeout(() => finish({ state: 'filtered' }), options.connectTimeoutMs));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (opened) open();
      else finish(error.code === 'ECONNREFUSED' ? { state: 'closed' } : { state: 'filtered' });
    });
    socket.on('close', () => (opened ? open() : finish({ state: 'filtered' })));
    socket.on('end', () => open());
    socket.once('connect', () => {
      opened = true;
      for (const t of timers.splice(0)) clearTimeout(t);
      if (options.bannerWaitMs === 0) return open();
      timers.push(setTimeout(open, options.bannerWaitMs));
      if (http) socket!.write(httpProbe(address));
    });
    socket.on('data', (chunk: Buffer) => {
      const room = max - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= max) return open();
      // A greeting comes in one or two packets; an HTTP response ends when the server closes.
      if (!http) timers.push(setTimeout(open, SETTLE_MS));
    });
  });
}

function serviceOf(port: number, result: Exclude<ProbeResult, { state: 'filtered' }>): ObservedService {
  const facts: BannerFacts =
    result.state === 'open' && result.bytes.length ? readBanner(result.bytes) : { cpes: [] };
  const { name: heard, ...rest } = facts;
  const name = heard ?? PORT_SERVICES[port];
  return {
    port,
    transport: 'tcp',
    state: result.state,
    ...(name !== undefined ? { name, identifiedBy: heard !== undefined ? 'probe' : 'port-table' } : {}),
    ...rest,
    tls: false,
    vulnerabilities: [],
  };
}

interface Host {
  services: ObservedService[];
  lastAt: number;
}

/** Scans the plan's addresses on `ports`; one observation per host that answered, in the plan's order. */
export async function tcpScan(plan: ScanPlan, options: TcpScanOptions): Promise<TcpScanResult> {
  const { addresses } = plan;
  const total = addresses.length * options.ports.length;
  const hosts = new Map<string, Host>();
  const wait = pacer(options.rate);
  const every = Math.max(1, Math.floor(total / 200));
  let next = 0;
  let finished = 0;
  let open = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      // Port by port across the addresses: consecutive connections go to different hosts.
      const address = addresses[i % addresses.length]!;
      const port = options.ports[Math.floor(i / addresses.length)]!;
      if (!inScope(plan, address)) throw new Error(`${address} is outside the allowed ranges: not scanned.`);
      await wait();
      const result = await probe(address, port, options);
      if (result.state !== 'filtered') {
        const host = hosts.get(address) ?? { services: [], lastAt: 0 };
        host.services.push(serviceOf(port, result));
        host.lastAt = Date.now();
        hosts.set(address, host);
        if (result.state === 'open') open++;
      }
      finished++;
      if (finished % every === 0 || finished === total) options.progress?.(finished, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, total) }, worker));

  const observations: ExposureObservation[] = [];
  for (const address of addresses) {
    const host = hosts.get(address);
    if (!host) continue;
    observations.push({
      source: 'vigil-scan',
      observedAt: new Date(host.lastAt).toISOString(),
      address,
      family: address.includes(':') ? 'ipv6' : 'ipv4',
      hostnames: (plan.hostnames.get(address) ?? []).map((name) => ({ name, kind: 'user' as const })),
      hostState: 'up',
      services: host.services.sort((a, b) => a.port - b.port),
      vulnerabilities: [],
      tags: [],
      internetFacing: Boolean(options.internetFacing),
    });
  }
  return { observations, probes: total, open };
}
