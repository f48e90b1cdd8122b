/**
 * nmap, when it is installed: run without a shell (`execFile`), given only a `ScanPlan`'s addresses (checked
 * against the allowed ranges, each checked again here) on its standard input (`-iL -`, so that a /16 does
 * not overflow the command line and no text of the user's is ever an argument), its XML read from standard
 * output and parsed as `vigil exposure import nmap` parses a file.
 *
 * How it is run, and why:
 * - `-sV` version detection and the `http-title` and `ssl-cert` scripts: product, version, CPE, the page
 *   title (the catalogue flags login pages over HTTP) and the certificate subject.
 * - `-Pn`: every address is scanned (medical devices often ignore ping), so the allowed ranges, not a ping
 *   sweep, decide what is touched; `--open`: hosts and ports that answered nothing are left out.
 * - `-n`: no reverse DNS, so that nmap sends packets to the targets only.
 * - `-T3` and `--max-rate` (VIGIL_SCAN_RATE): nmap's normal timing, capped as the built-in scan is;
 *   `--host-timeout 30m` so that one tarpit does not hold the scan.
 * - `--stats-every 5s`: `<taskprogress>` elements in the XML stream drive the progress bar.
 * - IPv6 addresses are a second run with `-6` (nmap scans one family at a time).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { inScope, type ScanPlan } from '../core/exposure/scan-scope.js';
import { UsageError } from './errors.js';
import type { ScanProgress } from './scan-scope.js';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The nmap to run: VIGIL_NMAP when set (refused if it is not an executable), else `nmap` on PATH. */
export function findNmap(configured: string | undefined, path = process.env.PATH ?? ''): string | undefined {
  if (configured) {
    if (!isExecutable(configured))
      throw new UsageError(`VIGIL_NMAP: ${configured} is not an executable file.`);
    return configured;
  }
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'nmap');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** `22,80,8000-8100`: consecutive ports as ranges, so that `--ports 1-65535` stays one short argument. */
export function portSpec(ports: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ports.length; ) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j]! + 1) j++;
    parts.push(i === j ? String(ports[i]) : `${ports[i]}-${ports[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export interface NmapRunOptions {
  ports: readonly number[];
  /** `--max-rate`: packets per second. */
  rate: number;
  /** The most XML accepted (the import size limit): nmap is stopped beyond it. */
  maxBytes: number;
  progress?: ScanProgress;
}

export function nmapArguments(
  family: 'ipv4' | 'ipv6',
  options: Pick<NmapRunOptions, 'ports' | 'rate'>,
): string[] {
  return [
    '-sV',
    '-Pn',
    '-n',
    '--open',
    '-T3',
    '--max-rate',
    String(options.rate),
    '--host-timeout',
    '30m',
    '--script',
    'http-title,ssl-cert',
    '--stats-every',
    '5s',
    '-p',
    portSpec(options.ports),
    ...(family === 'ipv6' ? ['-6'] : []),
    '-oX',
    '-',
    '-iL',
    '-',
  ];
}

const TASK_PROGRESS = /<taskprogress task="([^"]{1,100})"[^>]*? percent="(\d{1,3}(?:\.\d+)?)"/;

/** Runs nmap on the plan's addresses of one family and answers its XML. */
export async function runNmap(
  binary: string,
  plan: ScanPlan,
  family: 'ipv4' | 'ipv6',
  options: NmapRunOptions,
): Promise<string> {
  const addresses = plan.addresses.filter((a) => (family === 'ipv6') === a.includes(':'));
  for (const a of addresses)
    if (!inScope(plan, a)) throw new Error(`${a} is outside the allowed ranges: not scanned.`);
  return new Promise((resolve, reject) => {
    const child = execFile(
      binary,
      nmapArguments(family, options),
      { encoding: 'utf8', maxBuffer: options.maxBytes, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const said = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
          const why =
            (error as { code?: unknown }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
              ? `its output passed ${options.maxBytes.toLocaleString('en')} bytes (VIGIL_MAX_IMPORT_BYTES)`
              : said || error.message;
          reject(new Error(`nmap failed: ${why}`));
        } else resolve(stdout);
      },
    );
    let task = '';
    let pending = '';
    child.stdout?.on('data', (chunk: string) => {
      if (!options.progress) return;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!.slice(-1_000);
      for (const line of lines) {
        const m = TASK_PROGRESS.exec(line);
        if (!m) continue;
        if (m[1] !== task) {
          task = m[1]!;
          options.progress.phase?.(task, 100);
        }
        options.progress.tick(Math.round(Number(m[2])), 100);
      }
    });
    // nmap may exit before reading all its input (a bad option): the error is its exit, not the pipe.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(`${addresses.join('\n')}\n`);
  });
}
