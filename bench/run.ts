/**
 * `npm run bench`: runs each hot-path benchmark in its own process (so that peak memory is its own) and prints
 * the figures as the Markdown tables kept in docs/benchmarks.md. Medians and ratios, never a lone time.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { ms, perSecond } from './stats.js';

const quick = process.argv.includes('--quick');

function runBench(script: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const line = out.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

say(
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}${quick ? ' (quick)' : ''}`,
);
say();

{
  const components = quick ? 10_000 : 50_000;
  const r = runBench('bench/sbom-import.ts', [String(components), quick ? '3' : '5']) as {
    components: number;
    bytes: number;
    runs: number;
    jsonParseMs: number;
    vigilParseMs: number;
    sqliteImportMs: number;
    postgresImportMs: number | null;
    peakRssMb: number;
  };
  say(
    `### SBOM import: CycloneDX JSON, ${r.components.toLocaleString('en')} components, ${(r.bytes / 1e6).toFixed(1)} MB (median of ${r.runs})`,
  );
  say();
  say('| step | median | components/s | × JSON.parse |');
  say('|---|---|---|---|');
  say(`| JSON.parse (baseline) | ${ms(r.jsonParseMs)} | ${perSecond(r.components, r.jsonParseMs)} | 1.0 |`);
  say(
    `| Vigil parse + validate + map | ${ms(r.vigilParseMs)} | ${perSecond(r.components, r.vigilParseMs)} | ${(r.vigilParseMs / r.jsonParseMs).toFixed(1)} |`,
  );
  say(
    `| import into SQLite | ${ms(r.sqliteImportMs)} | ${perSecond(r.components, r.sqliteImportMs)} | ${(r.sqliteImportMs / r.jsonParseMs).toFixed(1)} |`,
  );
  if (r.postgresImportMs !== null) {
    say(
      `| import into PostgreSQL | ${ms(r.postgresImportMs)} | ${perSecond(r.components, r.postgresImportMs)} | ${(r.postgresImportMs / r.jsonParseMs).toFixed(1)} |`,
    );
  }
  say();
  say(`Peak RSS of the benchmark process: ${r.peakRssMb} MB.`);
  say();
}

{
  const r = runBench('bench/osv-import.ts', [quick ? '1' : '3']) as {
    files: number;
    records: number;
    bytes: number;
    runs: number;
    parseMs: number;
    sqliteFirstMs: number;
    sqliteAgainMs: number;
    postgresFirstMs: number | null;
    postgresAgainMs: number | null;
    peakRssMb: number;
  };
  say(
    `### OSV import: ${r.files} OSV sets of ../shared/data/osv, ${r.records.toLocaleString('en')} records, ${(r.bytes / 1e6).toFixed(1)} MB of JSON lines gzip'd (median of ${r.runs})`,
  );
  say();
  say('| step | median | records/s | × gunzip + JSON.parse | re-import speed-up |');
  say('|---|---|---|---|---|');
  say(
    `| gunzip + JSON.parse of every line (baseline) | ${ms(r.parseMs)} | ${perSecond(r.records, r.parseMs)} | 1.0 | |`,
  );
  const rows: [string, number | null, number | null][] = [
    ['SQLite', r.sqliteFirstMs, r.sqliteAgainMs],
    ['PostgreSQL', r.postgresFirstMs, r.postgresAgainMs],
  ];
  for (const [name, first, again] of rows) {
    if (first === null || again === null) continue;
    say(
      `| first import into ${name} | ${ms(first)} | ${perSecond(r.records, first)} | ${(first / r.parseMs).toFixed(1)} | |`,
    );
    say(
      `| re-import of unchanged data into ${name} | ${ms(again)} | ${perSecond(r.records, again)} | ${(again / r.parseMs).toFixed(1)} | ${(first / again).toFixed(1)}× |`,
    );
  }
  say();
  say(`Peak RSS of the benchmark process: ${r.peakRssMb} MB.`);
  say();
}

{
  const scale = quick ? 2 : 20;
  const r = runBench('bench/components-find.ts', [String(scale), quick ? '7' : '21']) as {
    runs: number;
    results: {
      dialect: string;
      devices: number;
      loadMs: number;
      findMs: Record<string, number>;
      answers: Record<string, { productVersions: number; devices: number }>;
      scanMs: number;
    }[];
    peakRssMb: number;
  };
  for (const result of r.results) {
    say(
      `### components find on ${result.dialect}: demo at scale ${scale}, ${result.devices.toLocaleString('en')} devices (median of ${r.runs})`,
    );
    say();
    say(
      `Demo load (generate, import every SBOM, import every device): ${ms(result.loadMs)}, ${perSecond(result.devices, result.loadMs)} devices.`,
    );
    say();
    say('| query | answer | median | × full device scan (baseline) |');
    say('|---|---|---|---|');
    say(
      `| read every device, 500 a page (baseline) | ${result.devices.toLocaleString('en')} devices | ${ms(result.scanMs)} | 1.0 |`,
    );
    for (const [query, time] of Object.entries(result.findMs)) {
      const a = result.answers[query]!;
      say(
        `| \`${query}\` | ${a.productVersions} product versions, ${a.devices.toLocaleString('en')} devices | ${ms(time)} | ${(time / result.scanMs).toFixed(3)} |`,
      );
    }
    say();
  }
  say(`Peak RSS of the benchmark process: ${r.peakRssMb} MB.`);
}

{
  const scale = quick ? 2 : 20;
  const r = runBench('bench/devices-api.ts', [String(scale), quick ? '2' : '5']) as {
    seconds: number;
    results: {
      dialect: string;
      devices: number;
      results: Record<string, { medianMs: number; p99Ms: number; requestsPerSecond: number }>;
    }[];
  };
  for (const result of r.results) {
    say();
    say(
      `### devices list API on ${result.dialect}: ${result.devices.toLocaleString('en')} devices, autocannon, one connection, ${r.seconds} s a request kind`,
    );
    say();
    // autocannon reports whole milliseconds, so the baseline's median is 0 or 1: compare throughputs instead.
    say('| request | median | p99 | requests/s | share of the baseline’s requests/s |');
    say('|---|---|---|---|---|');
    const baseline = Object.values(result.results)[0]!;
    for (const [name, x] of Object.entries(result.results)) {
      say(
        `| ${name} | ${x.medianMs} ms | ${x.p99Ms} ms | ${Math.round(x.requestsPerSecond).toLocaleString('en')} | ${(x.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)} |`,
      );
    }
  }
}

{
  const scale = quick ? 2 : 20;
  const r = runBench('bench/match.ts', [String(scale), quick ? '1' : '3']) as {
    devices: number;
    productVersions: number;
    components: number;
    findings: number;
    runs: number;
    readMs: number;
    firstMatchMs: number;
    rematchMs: number;
    changedRecords: number;
    incrementalMs: number;
    incrementalProductVersions: number;
    peakRssMb: number;
  };
  say();
  say(
    `### Matching on SQLite: the demo at ${r.devices.toLocaleString('en')} devices (${r.productVersions} product versions, ${r.components.toLocaleString('en')} components) against the OSV sets and the demo knowledge base (median of ${r.runs})`,
  );
  say();
  say('| step | median | × reading the components |');
  say('|---|---|---|');
  say(`| read every current SBOM's components (baseline) | ${ms(r.readMs)} | 1.0 |`);
  say(
    `| full match, opening ${r.findings.toLocaleString('en')} findings (one run) | ${ms(r.firstMatchMs)} | ${(r.firstMatchMs / r.readMs).toFixed(1)} |`,
  );
  say(`| full re-match, nothing changed | ${ms(r.rematchMs)} | ${(r.rematchMs / r.readMs).toFixed(1)} |`);
  say(
    `| incremental re-match after 1% of OSV changed (${r.changedRecords} records, ${r.incrementalProductVersions} product versions reached) | ${ms(r.incrementalMs)} | ${(r.incrementalMs / r.readMs).toFixed(1)} |`,
  );
  say();
  say(
    `Incremental against full re-match: ${((r.incrementalMs / r.rematchMs) * 100).toFixed(1)}% (target under 10%). Peak RSS: ${r.peakRssMb} MB.`,
  );
}

{
  const scale = quick ? 2 : 20;
  const r = runBench('bench/exposure-import.ts', [
    String(scale),
    quick ? '10000' : '100000',
    quick ? '1' : '3',
  ]) as {
    devices: number;
    banners: number;
    runs: number;
    parseMs: number;
    importMs: number;
    observations: number;
    matched: number;
    devicesTouched: number;
    peakRssMb: number;
  };
  say();
  say(
    `### Exposure import on SQLite: a Shodan download of ${r.banners.toLocaleString('en')} banners over ${r.devices.toLocaleString('en')} device addresses (median of ${r.runs})`,
  );
  say();
  say('| step | median | × parsing the file |');
  say('|---|---|---|');
  say(`| gunzip + JSON.parse of every line (baseline) | ${ms(r.parseMs)} | 1.0 |`);
  say(
    `| import: read, merge per host, match ${r.matched.toLocaleString('en')} to devices, store, fold ${r.devicesTouched.toLocaleString('en')} devices' exposure | ${ms(r.importMs)} | ${(r.importMs / r.parseMs).toFixed(1)} |`,
  );
  say();
  say(`Target under 5×. Peak RSS: ${r.peakRssMb} MB.`);
}
