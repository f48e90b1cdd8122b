/**
 * Exposure import: a Shodan download of banners (JSON lines, gzip'd) naming the demo hospital's devices,
 * imported into SQLite and matched to the devices (the demo at the given scale; 20 ≈ 100,000 devices),
 * against reading the same file alone (gunzip and JSON.parse of every line), timed right before each
 * import. Each run imports a fresh copy of the file into the same database (a new observation time, so
 * nothing is recognised as imported before): from the second on, every device has an exposure to fold
 * into. Prints one JSON line.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { importExposure } from '../src/app/import-exposure.js';
import { loadDemo } from '../src/app/load-demo.js';
import { openStore } from '../src/store/index.js';
import { scratchDatabase } from '../test/support/databases.js';
import { median, timeRuns } from './stats.js';

const scale = Number(process.argv[2] ?? 20);
const banners = Number(process.argv[3] ?? 100_000);
const runs = Number(process.argv[4] ?? 3);
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-exposure-'));

const db = await scratchDatabase('sqlite');
const store = await openStore(db.url);
await loadDemo(store, { scale, seed: 'vigil' });
const addresses = [
  ...new Set((await store.deviceIdentities()).flatMap((d) => (d.ipAddress ? [d.ipAddress] : []))),
];

const SERVICES = [
  { port: 445, module: 'smb', data: 'SMB Status:\n  Authentication: enabled\n  SMBv1: true\n' },
  { port: 3389, module: 'rdp', data: 'Remote Desktop Protocol\n\\x03\\x00\\x00\\x13' },
  {
    port: 80,
    module: 'http',
    data: 'HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.45\r\n',
    title: 'Pump Admin Login',
  },
  { port: 104, module: 'dicom', data: 'DICOM association accepted' },
  { port: 22, module: 'ssh', data: 'SSH-2.0-OpenSSH_7.4\r\n', product: 'OpenSSH', version: '7.4' },
];

/** One banner a line, as `shodan download` writes them: services spread over the devices' addresses. */
function download(run: number): string {
  const lines: string[] = [];
  const day = String(1 + (run % 28)).padStart(2, '0');
  for (let i = 0; i < banners; i++) {
    const ip = addresses[i % addresses.length]!;
    const s = SERVICES[Math.floor(i / addresses.length) % SERVICES.length]!;
    lines.push(
      JSON.stringify({
        ip_str: ip,
        port: s.port,
        transport: 'tcp',
        timestamp: `2026-11-${day}T10:${String(i % 60).padStart(2, '0')}:00.000000`,
        hostnames: [],
        data: s.data,
        _shodan: { module: s.module, id: `${run}-${i}` },
        ...(s.title ? { http: { title: s.title, status: 200 } } : {}),
        ...(s.product ? { product: s.product, version: s.version } : {}),
        org: 'Demo Health System',
        isp: 'Example Transit',
        location: { country_code: 'US' },
      }),
    );
  }
  const path = join(work, `shodan-${run}.json.gz`);
  writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
  return path;
}

const files = Array.from({ length: runs }, (_, run) => download(run));
let lines = 0;
async function parseFile(path: string): Promise<void> {
  lines = 0;
  const input = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of input) {
    JSON.parse(line);
    lines++;
  }
}

// Each run times the baseline right before the import, on the same file: on a machine shared with other
// work, the two then see the same load, and their ratio says more than either time.
let result: Awaited<ReturnType<typeof importExposure>> | undefined;
const parseTimes: number[] = [];
const importTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  parseTimes.push(...(await timeRuns(1, () => parseFile(files[run]!))));
  importTimes.push(
    ...(await timeRuns(1, async () => {
      result = await importExposure(
        store,
        { source: 'shodan', path: files[run]! },
        undefined,
        new Date('2026-11-30T00:00:00Z'),
      );
    })),
  );
}

await store.close();
await db.drop();
rmSync(work, { recursive: true, force: true });

process.stdout.write(
  `${JSON.stringify({
    scale,
    devices: addresses.length,
    banners: lines,
    runs,
    parseMs: median(parseTimes),
    importMs: median(importTimes),
    ratios: importTimes.map((t, i) => Number((t / parseTimes[i]!).toFixed(2))),
    observations: result?.observations,
    matched: result?.matched,
    devicesTouched: result?.devices,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
