/**
 * The `vigil` command. Thin: it parses flags, opens the store, calls a use case and prints. Heavy modules
 * load lazily inside each command, so that `vigil --help` starts fast.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ImportRefusedError, UsageError } from '../app/errors.js';
import { FEED_SOURCES } from '../app/knowledge-ports.js';
import { maxImportBytes } from '../app/limits.js';
import type { VigilStore } from '../app/ports.js';
import { CLINICAL_CRITICALITIES } from '../core/device.js';
import { ROLES, type Role } from '../core/policy.js';
import {
  printFeedImport,
  printFeedStatus,
  printFeedSync,
  printJson,
  printLocations,
  printRefusal,
  printWarnings,
} from './output.js';
import { progressBar } from './progress.js';
import { FAIL_ON_CHOICES, SCAN_EXPOSURES, SCAN_FORMATS } from './scan-options.js';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const DEFAULT_DB = 'var/vigil.db';
const DEMO_DB = 'var/demo.db';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

interface GlobalOptions {
  db?: string;
}

function databaseUrl(program: Command, fallback = DEFAULT_DB): string {
  return program.opts<GlobalOptions>().db ?? process.env.VIGIL_DATABASE_URL ?? fallback;
}

async function withStore<T>(url: string, work: (store: VigilStore) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/index.js');
  const store = await openStore(url);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Reads an input file, refusing one over the import size limit before reading it into memory. */
function readInput(file: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`${file}: no such file.`);
  }
  const limit = maxImportBytes();
  if (size > limit) {
    throw new ImportRefusedError(file, [
      {
        severity: 'error',
        code: 'too_large',
        file,
        message: `The file is ${size.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')} (VIGIL_MAX_IMPORT_BYTES).`,
      },
    ]);
  }
  return readFileSync(file);
}

interface ServeOptions {
  host: string;
  port: number;
  trustProxy?: boolean;
}

/** Online feed sync's settings from the environment; downloads go beside a SQLite database unless VIGIL_DATA_DIR. */
async function feedSyncSettings(url: string) {
  const { feedSyncConfig } = await import('../app/feed-sync-config.js');
  const { isPostgresUrl } = await import('../store/index.js');
  const dataDir =
    process.env.VIGIL_DATA_DIR || (isPostgresUrl(url) ? undefined : dirname(url.replace(/^sqlite:/, '')));
  return feedSyncConfig(process.env, dataDir ? { dataDir } : {});
}

/** A log line on stdout for the server's scheduled feed sync: time, level, fixed text, metadata. */
function logLine(level: string, message: string, meta: Record<string, unknown>): void {
  process.stdout.write(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(meta)}\n`);
}

async function serve(
  store: VigilStore,
  options: ServeOptions,
  banner: string[] = [],
  feedSync?: { url: string },
): Promise<void> {
  const { buildServer } = await import('../server/index.js');
  const { ensureFirstAdmin } = await import('../app/accounts.js');
  const admin = await ensureFirstAdmin(store);
  if (admin)
    banner.push(
      `First start: created the administrator "${admin.username}" with the one-time password ${admin.password}`,
      '  (shown this once; it must be changed at the first sign-in).',
    );
  const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
  const app = await buildServer({
    store,
    logger: false,
    trustProxy: options.trustProxy,
    webRoot,
    ...(feedSync ? { feedSync: await feedSyncSettings(feedSync.url) } : {}),
  });
  // The scheduled feed sync: only when VIGIL_FEED_SYNC_INTERVAL is set, and never for the demo.
  const { feedSyncInterval } = await import('../app/feed-sync-config.js');
  const interval = feedSync ? feedSyncInterval() : undefined;
  const config = feedSync && interval ? await feedSyncSettings(feedSync.url) : undefined;
  const { host, port } = options;
  const address = await app.listen({ host, port });
  const shown = address.replace('://0.0.0.0', '://127.0.0.1');
  process.stdout.write(
    `${[...banner, `Vigil is listening on ${shown}  (API docs: ${shown}/api/docs)`].join('\n')}\n`,
  );
  const { startFeedScheduler } = await import('../server/feed-scheduler.js');
  const scheduler =
    interval && config
      ? startFeedScheduler({ store, config, intervalMs: interval, log: logLine })
      : undefined;
  const { startHygieneScheduler } = await import('../server/hygiene-scheduler.js');
  const hygiene = startHygieneScheduler({ store, log: logLine });
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.stdout.write('Stopping Vigil…\n');
      void Promise.all([scheduler?.stop(), hygiene.stop(), app.close()]).then(() => resolve(), resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** package.json sits two folders up, from src/cli and from dist/cli alike. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description("Vigil: how exposed a hospital's connected medical devices are, and what to do first.")
    // Only -V: `--version` belongs to `components find` (the component's version), a public flag.
    .version(packageVersion(), '-V')
    .option(
      '--db <url>',
      `database: a SQLite file path or postgres://… URL (default: $VIGIL_DATABASE_URL or ${DEFAULT_DB})`,
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('start the web server and API')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(
      new Option('--port <port>', 'port to listen on').default(8080).argParser(integer('--port', 0, 65535)),
    )
    .option('--trust-proxy', 'behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers')
    .action(async (options: ServeOptions) => {
      const url = databaseUrl(program);
      await withStore(url, (store) => serve(store, options, [], { url }));
    });

  program
    .command('demo')
    .description(`load the demo health system (into ${DEMO_DB} unless --db is given) and start the server`)
    .addOption(
      new Option('--scale <n>', 'multiply the demo hospital (1 ≈ 5,000 devices)')
        .default(1)
        .argParser(integer('--scale', 1, 150)),
    )
    .option('--seed <seed>', 'seed of the generator: the same seed gives the same hospital', 'vigil')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(
      new Option('--port <port>', 'port to listen on').default(8080).argParser(integer('--port', 0, 65535)),
    )
    .option('--no-serve', 'load the demo and exit')
    .action(async (options: { scale: number; seed: string; host: string; port: number; serve: boolean }) => {
      const url = databaseUrl(program, DEMO_DB);
      await withStore(url, async (store) => {
        const { loadDemo } = await import('../app/load-demo.js');
        const bar = await progressBar('Loading demo', true);
        const started = Date.now();
        const result = await loadDemo(store, { scale: options.scale, seed: options.seed }, bar).finally(
          bar.stop,
        );
        const { loadDemoKnowledge } = await import('../app/load-demo-knowledge.js');
        const { feedSyncConfig } = await import('../app/feed-sync-config.js');
        const knowledge = await loadDemoKnowledge(store, join(feedSyncConfig().dataDir, 'demo-knowledge'));
        const findings = await rematch(store, { kind: 'all' });
        const { assessHygiene } = await import('../app/assess-hygiene.js');
        const hygiene = await assessHygiene(store);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const banner = [
          `Demo health system loaded into ${store.description} in ${seconds} s: ${result.sites} sites, ` +
            `${(result.devicesCreated + result.devicesUpdated + result.devicesUnchanged).toLocaleString('en')} devices, ` +
            `${(result.sbomsImported + result.sbomsUnchanged).toLocaleString('en')} SBOMs (${result.components.toLocaleString('en')} components).` +
            (result.sbomsUnchanged ? ' It was already there: nothing changed.' : ''),
          `Its knowledge base: ${describeDemoKnowledge(knowledge)}.`,
          describeMatchRun(findings),
          describeHygieneRun(hygiene),
        ];
        const { ensureDemoAccounts } = await import('../app/demo/accounts.js');
        banner.push('Sign in with any of these demo accounts (new passwords at each start):');
        for (const account of await ensureDemoAccounts(store))
          banner.push(
            `  ${account.role.padEnd(9)} ${account.username.padEnd(9)} ${account.password}${account.supplier ? `  (${account.supplier})` : ''}`,
          );
        if (options.serve) await serve(store, options, banner);
        else process.stdout.write(`${banner.join('\n')}\n`);
      });
    });

  const importCommand = program.command('import').description('import an SBOM or a device inventory');

  importCommand
    .command('sbom')
    .description(
      'import a CycloneDX (JSON, XML) or SPDX (JSON, tag-value) SBOM as the current SBOM of a product version',
    )
    .argument('<file>', 'the SBOM document')
    .option('--supplier <name>', "the product's supplier (default: from the document's metadata)")
    .option('--product <name>', 'the product (default: from the document)')
    .option('--product-version <version>', 'the product version (default: from the document)')
    .option('--strict', 'refuse a document that has warnings')
    .option('--no-match', 'do not match it against the knowledge base now (vigil match does it later)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: {
          supplier?: string;
          product?: string;
          productVersion?: string;
          strict?: boolean;
          match: boolean;
          json?: boolean;
        },
      ) => {
        const content = readInput(file);
        await withStore(databaseUrl(program), async (store) => {
          const { importSbom } = await import('../app/import-sbom.js');
          const bar = await progressBar(basename(file), !options.json);
          const result = await importSbom(
            store,
            {
              content,
              fileName: file,
              ...(options.supplier ? { supplier: options.supplier } : {}),
              ...(options.product ? { product: options.product } : {}),
              ...(options.productVersion ? { productVersion: options.productVersion } : {}),
              ...(options.strict ? { strict: true } : {}),
            },
            bar.tick,
          ).finally(bar.stop);
          const findings =
            options.match && result.status === 'imported' && result.productVersionId !== undefined
              ? await rematch(store, { kind: 'product-versions', ids: [result.productVersionId] })
              : undefined;
          if (options.json) return printJson(findings ? { ...result, findings } : result);
          printWarnings(result.warnings);
          const t = result.target;
          process.stdout.write(
            result.status === 'unchanged'
              ? `${file}: already the current SBOM of ${t.supplier} · ${t.product} ${t.version}; nothing changed.\n`
              : `${file}: imported ${result.format} ${result.specVersion} with ${result.componentCount.toLocaleString('en')} components and ` +
                  `${result.dependencyCount.toLocaleString('en')} dependencies as the current SBOM of ${t.supplier} · ${t.product} ${t.version}` +
                  `${result.replacedSbomId ? ` (replacing SBOM ${result.replacedSbomId}, kept in history)` : ''}` +
                  `${result.warnings.length ? `, ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}` : ''}.\n`,
          );
          if (findings) process.stdout.write(`${describeMatchRun(findings)}\n`);
        });
      },
    );

  importCommand
    .command('devices')
    .description('import a device inventory CSV (as a CMMS exports it); see docs/device-csv.md')
    .argument('<file>', 'the CSV file')
    .option('--mapping <file>', "a column mapping (JSON) for the CMMS's own column names")
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { mapping?: string; json?: boolean }) => {
      const content = readInput(file);
      const mapping = options.mapping
        ? { text: readInput(options.mapping).toString('utf8'), fileName: options.mapping }
        : undefined;
      await withStore(databaseUrl(program), async (store) => {
        const { importDevices } = await import('../app/import-devices.js');
        const bar = await progressBar(basename(file), !options.json);
        const result = await importDevices(
          store,
          { content, fileName: file, ...(mapping ? { mapping } : {}) },
          bar.tick,
        ).finally(bar.stop);
        // Changed devices are assessed and their findings re-prioritised (criticality and exposure count).
        if (result.created + result.updated > 0) {
          const { assessHygiene } = await import('../app/assess-hygiene.js');
          await assessHygiene(store);
          await rematch(store, { kind: 'all' });
        }
        if (options.json) return printJson(result);
        printWarnings(result.warnings);
        process.stdout.write(
          `${file}: ${result.rows.toLocaleString('en')} devices read; ${result.created.toLocaleString('en')} created, ` +
            `${result.updated.toLocaleString('en')} updated, ${result.unchanged.toLocaleString('en')} unchanged` +
            `${result.sitesCreated ? `; ${result.sitesCreated} new sites` : ''}` +
            `${result.productVersionsCreated ? `; ${result.productVersionsCreated} new product versions` : ''}.\n`,
        );
      });
    });

  program
    .command('match')
    .description(
      'match SBOMs against the knowledge base and update findings: by default only what feed imports changed since the last run; --all re-matches everything',
    )
    .option('--all', 'every product version against the whole knowledge base')
    .option('--product-version <id...>', 'only these product versions (ids)')
    .option('--json', 'print the run as JSON')
    .action(async (options: { all?: boolean; productVersion?: string[]; json?: boolean }) => {
      if (options.all && options.productVersion)
        throw new UsageError('Give --all or --product-version, not both.');
      const ids = options.productVersion?.map((id) => {
        const n = Number(id);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--product-version: "${id}" is not an id.`);
        return n;
      });
      await withStore(databaseUrl(program), async (store) => {
        const run = await rematch(
          store,
          options.all ? { kind: 'all' } : ids ? { kind: 'product-versions', ids } : { kind: 'changes' },
          !options.json,
        );
        if (options.json) printJson(run);
        else {
          process.stdout.write(`${describeMatchRun(run)}\n`);
          for (const p of run.problems.slice(0, 20)) process.stderr.write(`warning: ${p.message}\n`);
          if (run.problems.length > 20)
            process.stderr.write(`warning: … and ${run.problems.length - 20} more.\n`);
        }
      });
    });

  program
    .command('scan')
    .description(
      'check an SBOM against the knowledge base without storing it: findings most urgent first; with --fail-on, a CI gate (exit 1)',
    )
    .argument('<file>', 'the SBOM: CycloneDX (JSON, XML) or SPDX (JSON, tag-value)')
    .addOption(
      new Option('--format <format>', 'the report: sarif is SARIF 2.1.0, cyclonedx a CycloneDX 1.6 VDR')
        .choices(SCAN_FORMATS)
        .default('table'),
    )
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when a finding is rated this CVSS severity or above (kev: when one is known exploited)',
      ).choices(FAIL_ON_CHOICES),
    )
    .addOption(
      new Option(
        '--criticality <level>',
        'the clinical criticality of the devices running it, for priorities',
      ).choices(CLINICAL_CRITICALITIES),
    )
    .addOption(
      new Option('--exposure <where>', 'how reachable the devices running it are, for priorities').choices(
        SCAN_EXPOSURES,
      ),
    )
    .option('--output <file>', 'write the report to this file rather than to standard output')
    .action(async (file: string, options: Omit<import('./scan.js').ScanCommandOptions, 'toolVersion'>) => {
      const content = readInput(file);
      await withStore(databaseUrl(program), async (store) => {
        const { scanCommand } = await import('./scan.js');
        await scanCommand(store, file, content, { ...options, toolVersion: packageVersion() });
      });
    });

  program
    .command('version')
    .description('version ordering per ecosystem, as matching uses it')
    .command('compare')
    .description(
      'compare two versions as an ecosystem orders them: prints <, = or >; with --stdin, a pair per line',
    )
    .argument(
      '<ecosystem>',
      'a package URL type (npm, pypi, maven, golang, deb, rpm, apk…) or an OSV ecosystem (PyPI, Debian:12…)',
    )
    .argument('[a]', 'a version')
    .argument('[b]', 'the version to compare it with')
    .option(
      '--stdin',
      'read pairs "A B" from standard input, one per line; print a symbol per line, ! for a bad one',
    )
    .action(
      async (
        ecosystem: string,
        a: string | undefined,
        b: string | undefined,
        options: { stdin?: boolean },
      ) => {
        const { compareVersionLines, compareVersions, schemeOf } = await import('./version-compare.js');
        if (!options.stdin) {
          if (a === undefined || b === undefined)
            throw new UsageError('Give two versions to compare, or --stdin.');
          process.stdout.write(`${compareVersions(ecosystem, a, b)}\n`);
          return;
        }
        if (a !== undefined)
          throw new UsageError(
            'With --stdin, the versions come from standard input: give only the ecosystem.',
          );
        const { compared, bad } = await compareVersionLines(
          schemeOf(ecosystem),
          process.stdin,
          process.stdout,
          process.stderr,
        );
        if (bad) throw new Error(`${bad} of ${compared} lines could not be compared (marked !).`);
      },
    );

  const hygiene = program
    .command('hygiene')
    .description(
      'unsupported operating systems, missing critical updates, stale protection: the measures and the devices behind them; mail gateways; the security catalogue',
    );
  const GATEWAY_PROBLEMS: Record<string, string> = {
    missing: 'without a filter',
    'outdated-version': 'outdated',
    'stale-signatures': 'with stale signatures',
    unverified: 'unverified',
  };
  /** "3 mail gateways, 2 not protected (1 with stale signatures, 1 without a filter)." */
  const describeGateways = (total: number, byStatus: Record<string, number>): string => {
    const n = (count: number) => count.toLocaleString('en');
    if (total === 0) return 'No mail gateway recorded: import them with vigil hygiene gateways import.';
    const problems = Object.entries(GATEWAY_PROBLEMS)
      .filter(([status]) => (byStatus[status] ?? 0) > 0)
      .map(([status, label]) => `${n(byStatus[status] ?? 0)} ${label}`);
    const notProtected = total - (byStatus.protected ?? 0);
    return (
      `${n(total)} mail gateway${total === 1 ? '' : 's'}, ${n(notProtected)} not protected` +
      (problems.length ? ` (${problems.join(', ')})` : '') +
      '.'
    );
  };

  hygiene
    .command('assess')
    .description(
      'assess every device again (imports of devices and lifecycles do it; the server does it daily)',
    )
    .option('--json', 'print the run as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const { assessHygiene } = await import('../app/assess-hygiene.js');
        const run = await assessHygiene(store);
        if (options.json) printJson(run);
        else
          process.stdout.write(
            `${describeHygieneRun(run)}\n${describeGateways(run.mailGateways.gateways, run.mailGateways.status)}\n`,
          );
      });
    });

  hygiene
    .command('status')
    .description('each measure now: how many devices, of how many')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const summary = await store.hygieneSummary(new Date().toISOString().slice(0, 10));
        if (options.json) return printJson(summary);
        const gateways = describeGateways(summary.mailGateways.total, summary.mailGateways.byStatus);
        if (!summary.assessedAt) {
          process.stdout.write(`No device has been assessed yet: run vigil hygiene assess.\n${gateways}\n`);
          return;
        }
        process.stdout.write(
          `Assessed ${summary.assessedAt}: ${summary.devices.toLocaleString('en')} devices.\n`,
        );
        for (const m of summary.measures) {
          const share = m.total ? ((m.count / m.total) * 100).toFixed(1) : '0.0';
          process.stdout.write(
            `  ${m.measure.padEnd(26)} ${m.count.toLocaleString('en').padStart(8)}  ${share.padStart(5)}%\n`,
          );
        }
        process.stdout.write(`${gateways}\n`);
      });
    });

  const catalogue = hygiene
    .command('catalogue')
    .description(
      'the security catalogue protection is held to: products, latest known versions, ends of life (docs/security-catalogue.md)',
    );

  catalogue
    .command('import')
    .description(
      'put a security catalogue (JSON) in force in place of the current one, and assess every device and mail gateway against it; the same catalogue twice changes nothing',
    )
    .argument('<file>', 'the catalogue, as `vigil hygiene catalogue export` writes it')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const content = readInput(file);
      await withStore(databaseUrl(program), async (store) => {
        const { importSecurityCatalogue } = await import('../app/import-security-catalogue.js');
        const result = await importSecurityCatalogue(store, { content, fileName: file });
        if (options.json) return printJson(result);
        printWarnings(result.warnings);
        process.stdout.write(
          result.status === 'unchanged'
            ? `${file}: this catalogue is in force already; nothing changed.\n`
            : `${file}: catalogue of ${result.asOf} with ${result.products.toLocaleString('en')} products in force (sha256 ${result.sha256.slice(0, 12)}…).\n`,
        );
        if (result.hygiene)
          process.stdout.write(
            `${describeHygieneRun(result.hygiene)}\n${describeGateways(result.hygiene.mailGateways.gateways, result.hygiene.mailGateways.status)}\n`,
          );
      });
    });

  catalogue
    .command('export')
    .description(
      'print the catalogue in force as JSON (the built-in one until one is imported): a starting point to edit and import',
    )
    .option('--built-in', "print Vigil's built-in catalogue, whatever is in force")
    .action(async (options: { builtIn?: boolean }) => {
      const { builtInCatalogueFile, catalogueInForceFile } = await import(
        '../app/import-security-catalogue.js'
      );
      if (options.builtIn) {
        process.stdout.write(builtInCatalogueFile());
        return;
      }
      await withStore(databaseUrl(program), async (store) => {
        process.stdout.write(await catalogueInForceFile(store));
      });
    });

  const gateways = hygiene
    .command('gateways')
    .description(
      'the mail gateways and their spam and malware filters: product, version, engine, signature date',
    );

  gateways
    .command('import')
    .description(
      'replace the mail gateways with those of a file (JSON, or CSV with one filter a row: docs/security-catalogue.md), all or nothing, and assess them',
    )
    .argument('<file>', 'the gateways')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const content = readInput(file);
      await withStore(databaseUrl(program), async (store) => {
        const { importMailGateways } = await import('../app/import-mail-gateways.js');
        const result = await importMailGateways(store, { content, fileName: file });
        if (options.json) return printJson(result);
        printWarnings(result.warnings);
        process.stdout.write(
          result.status === 'unchanged'
            ? `${file}: these gateways are recorded already; nothing changed.\n`
            : `${file}: ${result.gateways.toLocaleString('en')} gateways with ${result.filters.toLocaleString('en')} filters recorded. ${describeGateways(result.gateways, result.assessed)}\n`,
        );
      });
    });

  gateways
    .command('list')
    .description('each mail gateway as last assessed: its status, why, and its filters')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const list = await store.listMailGateways();
        if (options.json) return printJson(list);
        if (list.items.length === 0) {
          process.stdout.write(`${describeGateways(0, {})}\n`);
          return;
        }
        process.stdout.write(`Assessed ${list.assessedAt}:\n`);
        for (const g of list.items) {
          process.stdout.write(`  ${g.name}  ${g.status}\n`);
          for (const reason of g.reasons) process.stdout.write(`      ${reason}\n`);
          for (const f of g.filters) {
            const age = f.signatureAgeDays !== undefined ? `, signatures ${f.signatureAgeDays} days old` : '';
            process.stdout.write(
              `    - ${f.product}${f.version ? ` ${f.version}` : ''}${f.engineVersion ? ` (engine ${f.engineVersion})` : ''}: ${f.status}${age}\n`,
            );
          }
        }
      });
    });

  const exposure = program
    .command('exposure')
    .description('what the network shows of the devices: nmap scans, Shodan results, firewall address lists');

  exposure
    .command('import')
    .description(
      'import what a scan or a list saw, match it to devices (by MAC, address, hostname) and recompute their exposure: nmap (XML, -oX), shodan (a download of banners as JSON lines, gzip or not, or host JSON), firewall-list (one address, CIDR block or range a line, or a CSV)',
    )
    .argument('<source>', 'nmap, shodan or firewall-list')
    .argument('<file>', 'the file')
    .option('--internet-facing', 'the scan ran, or the list names what is reachable, from the internet')
    .option(
      '--observed-at <time>',
      "when an address list was exported (default: the file's modification time)",
    )
    .option('--json', 'print the result as JSON')
    .action(
      async (
        source: string,
        file: string,
        options: { internetFacing?: boolean; observedAt?: string; json?: boolean },
      ) => {
        const { importExposure, EXPOSURE_IMPORT_SOURCES } = await import('../app/import-exposure.js');
        if (!(EXPOSURE_IMPORT_SOURCES as readonly string[]).includes(source))
          throw new UsageError(
            `Unknown exposure source "${source}": give ${EXPOSURE_IMPORT_SOURCES.join(', ')}.`,
          );
        if (options.observedAt !== undefined && Number.isNaN(Date.parse(options.observedAt)))
          throw new UsageError(`--observed-at: "${options.observedAt}" is not a date and time.`);
        await withStore(databaseUrl(program), async (store) => {
          const bar = await progressBar(basename(file), !options.json);
          const result = await importExposure(
            store,
            {
              source: source as (typeof EXPOSURE_IMPORT_SOURCES)[number],
              path: file,
              ...(options.internetFacing ? { internetFacing: true } : {}),
              ...(options.observedAt ? { observedAt: new Date(options.observedAt).toISOString() } : {}),
            },
            bar.tick,
          ).finally(bar.stop);
          if (options.json) return printJson(result);
          printWarnings(result.problems);
          const count = (k: number) => k.toLocaleString('en');
          process.stdout.write(
            result.status === 'unchanged'
              ? `${file}: already imported (import ${result.id}, ${result.importedAt}); nothing changed.\n`
              : `${file}: ${count(result.observations)} hosts or entries seen; ${count(result.matched)} matched to devices, ` +
                  `${count(result.ambiguous)} ambiguous, ${count(result.unmatched)} unknown to the inventory; ` +
                  `exposure recomputed for ${count(result.devices)} devices (import ${result.id}).\n`,
          );
        });
      },
    );

  exposure
    .command('scan')
    .description(
      'scan the hospital’s own ranges (only those VIGIL_SCAN_ALLOWED allows; anything else refuses the whole scan) with nmap when installed, else a built-in, rate-limited TCP connect scan with banner grabbing; the result is imported as vigil-scan',
    )
    .argument('[targets...]', 'addresses, CIDR blocks, ranges (10.0.0.5-20) or hostnames')
    .option('--devices', 'also scan the inventory’s device addresses inside the allowed ranges')
    .option('--site <name>', 'with --devices: only the devices of this site')
    .option('--ports <list>', 'ports to probe, as 22,80,8000-8100 (default: ports of clinical interest)')
    .option('--builtin', 'use the built-in TCP connect scan even when nmap is installed')
    .option('--internet-facing', 'the scan runs from outside the hospital network')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        targets: string[],
        options: {
          devices?: boolean;
          site?: string;
          ports?: string;
          builtin?: boolean;
          internetFacing?: boolean;
          json?: boolean;
        },
      ) => {
        if (options.site !== undefined && !options.devices)
          throw new UsageError('--site chooses among the devices: give --devices too.');
        const { scanExposure } = await import('../app/exposure-scan.js');
        const { scanConfig } = await import('../app/scan-scope.js');
        const config = scanConfig();
        await withStore(databaseUrl(program), async (store) => {
          const bar = await progressBar('scan', !options.json);
          const result = await scanExposure(
            store,
            {
              targets,
              ...(options.devices ? { devices: options.site ? { site: options.site } : {} } : {}),
              ...(options.ports !== undefined ? { ports: options.ports } : {}),
              engine: options.builtin ? 'builtin' : 'auto',
              ...(options.internetFacing ? { internetFacing: true } : {}),
            },
            config,
            {},
            bar,
          ).finally(bar.stop);
          if (options.json) return printJson(result);
          printWarnings(result.problems);
          const count = (k: number) => k.toLocaleString('en');
          const things = (k: number, one: string, many = `${one}s`) => `${count(k)} ${k === 1 ? one : many}`;
          process.stdout.write(
            `Scanned ${things(result.addresses, 'address', 'addresses')} on ${things(result.ports, 'port')} with ${result.scanner}: ` +
              `${count(result.hostsUp)} answered; ${count(result.matched)} matched to devices, ` +
              `${count(result.ambiguous)} ambiguous, ${count(result.unmatched)} unknown to the inventory; ` +
              `exposure recomputed for ${count(result.devices)} devices (import ${result.id}).\n`,
          );
        });
      },
    );

  exposure
    .command('status')
    .description('devices seen, reachable from the internet, with risky services; by service and site')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const summary = await store.exposureSummary();
        if (options.json) return printJson(summary);
        const count = (k: number) => k.toLocaleString('en');
        process.stdout.write(
          `${count(summary.observedDevices)} of ${count(summary.devices)} devices seen by a scan or list; ` +
            `${count(summary.internetFacing)} reachable from the internet, ${count(summary.withRiskyServices)} with risky services ` +
            `(${count(summary.internetFacingWithRiskyServices)} both).\n`,
        );
        for (const s of summary.byService)
          process.stdout.write(
            `  ${s.title.padEnd(40)} ${count(s.devices).padStart(7)} devices, ${count(s.internetFacing)} from the internet\n`,
          );
        if (summary.lastImport)
          process.stdout.write(
            `Last import: ${summary.lastImport.source} ${summary.lastImport.fileName}, ${summary.lastImport.importedAt}.\n`,
          );
      });
    });

  const feeds = program
    .command('feeds')
    .description(
      'the vulnerability knowledge base: OSV advisories, NVD CVEs, CISA KEV, FIRST EPSS, endoflife.date lifecycles',
    );

  feeds
    .command('import')
    .description(
      'import a feed from files carried in: osv (a .jsonl or .jsonl.gz, a .zip of JSON files, or a directory), nvd (CVE API 2.0 pages or files, or a directory), kev (the catalogue JSON), epss (the daily CSV), eol (endoflife.date product files or API JSON, or a directory); gzip or not',
    )
    .argument('<source>', FEED_SOURCES.join(', '))
    .argument('<path>', 'the file, or for osv a directory')
    .option('--no-match', 'do not re-match the changed advisories now (vigil match does it later)')
    .option('--json', 'print the result as JSON')
    .action(async (source: string, path: string, options: { match: boolean; json?: boolean }) => {
      const { importFeed, isFeedSource } = await import('../app/import-feed.js');
      if (!isFeedSource(source))
        throw new UsageError(`Unknown feed "${source}": give one of ${FEED_SOURCES.join(', ')}.`);
      await withStore(databaseUrl(program), async (store) => {
        const bar = await progressBar(`${source} ${basename(path)}`, !options.json);
        const result = await importFeed(store, { source, path }, bar.tick).finally(bar.stop);
        const findings = options.match ? await rematch(store, { kind: 'changes' }) : undefined;
        if (source === 'eol') {
          const { assessHygiene } = await import('../app/assess-hygiene.js');
          await assessHygiene(store);
        }
        if (options.json) return printJson(findings ? { ...result, findings } : result);
        printFeedImport(result);
        if (findings) process.stdout.write(`${describeMatchRun(findings)}\n`);
      });
    });

  feeds
    .command('sync')
    .description(
      'download the feeds from their public addresses (or mirrors: VIGIL_FEED_<OSV|NVD|KEV|EPSS|EOL>_URL; OSV ecosystems: VIGIL_FEED_OSV_ECOSYSTEMS; end-of-life products: VIGIL_FEED_EOL_PRODUCTS; NVD API key: VIGIL_NVD_API_KEY; through HTTPS_PROXY/HTTP_PROXY unless NO_PROXY) and import them; exit 1 when a source failed',
    )
    .option('--source <name...>', 'only these sources (osv, nvd, kev, epss, eol)')
    .option('--no-match', 'do not re-match the changed advisories now (vigil match does it later)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { source?: string[]; match: boolean; json?: boolean }) => {
      const { syncFeeds, syncableSources } = await import('../app/sync-feeds.js');
      const known = syncableSources();
      const sources = options.source?.flatMap((s) => s.split(',')).filter((s) => s !== '');
      const unknown = sources?.filter((s) => !(known as string[]).includes(s)) ?? [];
      if (unknown.length)
        throw new UsageError(`Unknown feed "${unknown.join('", "')}": give ${known.join(', ')}.`);
      const url = databaseUrl(program);
      const config = await feedSyncSettings(url);
      await withStore(url, async (store) => {
        const bar = await progressBar('feeds sync', !options.json);
        let step = '';
        const report = await syncFeeds(store, {
          config,
          ...(sources?.length ? { sources: sources as typeof known } : {}),
          onProgress: (p) => {
            const name = `${p.source} ${p.step}`;
            if (name !== step) {
              step = name;
              bar.phase(name, p.total);
            }
            if (p.total > 0) bar.tick(p.done, p.total);
          },
        }).finally(bar.stop);
        const findings = options.match ? await rematch(store, { kind: 'changes' }) : undefined;
        if (report.sources.some((s) => s.source === 'eol' && s.status === 'updated')) {
          const { assessHygiene } = await import('../app/assess-hygiene.js');
          await assessHygiene(store);
        }
        if (options.json) printJson(findings ? { ...report, findings } : report);
        else {
          printFeedSync(report);
          if (findings) process.stdout.write(`${describeMatchRun(findings)}\n`);
        }
        const failed = report.sources.filter((s) => s.status === 'failed').map((s) => s.source);
        if (failed.length)
          throw new Error(`feeds sync: ${failed.join(', ')} failed; the others were synced.`);
      });
    });

  feeds
    .command('status')
    .description('per feed: last import, records held, age of its data, errors; stale feeds flagged')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const { feedStatus } = await import('../app/feed-status.js');
        const statuses = await feedStatus(store);
        if (options.json) return printJson(statuses);
        printFeedStatus(statuses);
      });
    });

  const components = program
    .command('components')
    .description('the software components inside products and devices');
  components
    .command('find')
    .description('which product versions and devices contain a component')
    .argument(
      '<query>',
      'a package URL (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1) or a component name (log4j-core, or group:name)',
    )
    .option('--version <version>', 'only this version of the component')
    .option('--all', 'list every device (the text output shows 10 per product version)')
    .addOption(
      new Option('--device-limit <n>', 'at most this many devices per product version').argParser(
        integer('--device-limit', 0, 10_000_000),
      ),
    )
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        query: string,
        options: { version?: string; all?: boolean; deviceLimit?: number; json?: boolean },
      ) => {
        const deviceLimit = options.deviceLimit ?? (options.all || options.json ? undefined : 10);
        await withStore(databaseUrl(program), async (store) => {
          const locations = await store.findComponent({
            ...(query.startsWith('pkg:') ? { purl: query } : { name: query }),
            ...(options.version ? { version: options.version } : {}),
            ...(deviceLimit !== undefined ? { deviceLimit } : {}),
          });
          if (options.json) return printJson({ query, version: options.version, productVersions: locations });
          printLocations(options.version ? `${query} ${options.version}` : query, locations, deviceLimit);
        });
      },
    );

  const users = program
    .command('users')
    .description(
      'local accounts, on the database directly (for the first administrator, or a lost password)',
    );

  users
    .command('list')
    .description('every account with its role')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const list = await store.listUsers();
        if (options.json) return printJson(list);
        for (const u of list)
          process.stdout.write(
            `${u.username.padEnd(24)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : 'active  '} ${u.supplierName ?? ''}\n`,
          );
      });
    });

  users
    .command('create')
    .description('create an account; its one-time password is printed once')
    .argument('<username>')
    .addOption(
      new Option('--role <role>', 'admin, analyst, viewer or supplier').choices(ROLES).makeOptionMandatory(),
    )
    .option('--name <display-name>', 'the name shown in the application')
    .option('--supplier <name>', 'the supplier of a supplier account')
    .action(async (username: string, options: { role: Role; name?: string; supplier?: string }) => {
      await withStore(databaseUrl(program), async (store) => {
        const { createAccount } = await import('../app/accounts.js');
        const supplierId = options.supplier ? await supplierIdByName(store, options.supplier) : undefined;
        const { user, password } = await createAccount(store, {
          username,
          displayName: options.name,
          role: options.role,
          supplierId,
        });
        process.stdout.write(
          `Created ${user.username} (${user.role}). One-time password, to be changed at the first sign-in:\n${password}\n`,
        );
      });
    });

  users
    .command('reset-password')
    .description('give an account a new one-time password, end its sessions, and enable it')
    .argument('<username>')
    .action(async (username: string) => {
      await withStore(databaseUrl(program), async (store) => {
        const { resetPassword } = await import('../app/accounts.js');
        const user = await store.getUserByUsername(username);
        if (!user) throw new UsageError(`There is no account ${username}.`);
        const password = await resetPassword(store, user.id);
        await store.updateUser(user.id, { disabled: false }, new Date().toISOString());
        process.stdout.write(
          `New one-time password for ${user.username}, to be changed at the next sign-in:\n${password}\n`,
        );
      });
    });

  program
    .command('status')
    .description('what the database holds')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(databaseUrl(program), async (store) => {
        const counts = await store.counts();
        if (options.json) return printJson({ database: store.description, ...counts });
        process.stdout.write(`${store.description}\n`);
        for (const [name, value] of Object.entries(counts))
          process.stdout.write(`  ${name.padEnd(16)} ${value.toLocaleString('en')}\n`);
      });
    });

  return program;
}

async function supplierIdByName(store: VigilStore, name: string): Promise<number> {
  const { nameKey } = await import('../core/names.js');
  const page = await store.listSuppliers({ limit: 500, q: name });
  const match = page.items.find((s) => nameKey(s.name) === nameKey(name));
  if (!match) throw new UsageError(`There is no supplier named ${name}.`);
  return match.id;
}

/** Runs the CLI and answers its exit code: 0 success, 1 failure, 2 bad usage. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they are successes to the user.
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof ImportRefusedError) {
      printRefusal(error);
      return EXIT.failure;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`vigil: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.VIGIL_DEBUG) console.error(error);
    return EXIT.failure;
  }
}

/** The process entry point: runs the CLI on this process's arguments and sets its exit code. */
export async function main(): Promise<void> {
  // `vigil components find x | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  process.exitCode = await run(process.argv.slice(2));
}

// `tsx src/cli/main.ts …` (npm run vigil) runs it directly; bin/vigil.js calls main() itself.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

function describeDemoKnowledge(result: import('../app/load-demo-knowledge.js').DemoKnowledgeResult): string {
  const held = (run: { recordCount: number } | undefined, what: string) =>
    run ? [`${run.recordCount.toLocaleString('en')} ${what}`] : [];
  return [
    ...held(result.nvd, 'NVD CVEs'),
    ...held(result.osv, 'OSV advisories'),
    ...held(result.kev, 'known exploited (KEV)'),
    ...held(result.epss, 'EPSS scores'),
    ...held(result.eol, 'operating system lifecycles'),
  ].join(', ');
}

async function rematch(
  store: VigilStore,
  scope: import('../app/match-findings.js').MatchScope,
  showProgress = false,
): Promise<import('../app/finding-ports.js').MatchRunRecord> {
  const { matchFindings } = await import('../app/match-findings.js');
  const { matchDeviceFindings } = await import('../app/match-device-findings.js');
  const bar = await progressBar('matching', showProgress);
  const run = await matchFindings(store, scope, { onProgress: bar.tick }).finally(bar.stop);
  // Device findings skip what SBOM findings already carry, so they follow them.
  await matchDeviceFindings(store, { kind: 'all' });
  return run;
}

function describeMatchRun(run: import('../app/finding-ports.js').MatchRunRecord): string {
  const n = (count: number) => count.toLocaleString('en');
  return (
    `Findings: ${n(run.opened)} new, ${n(run.stillOpen)} still open, ${n(run.resolved)} resolved, ` +
    `${n(run.retracted)} retracted, over ${n(run.productVersions)} product versions` +
    (run.problems.length ? ` (${n(run.problems.length)} problems reported)` : '') +
    '.'
  );
}

function describeHygieneRun(run: import('../app/assess-hygiene.js').HygieneRun): string {
  const n = (count: number | undefined) => (count ?? 0).toLocaleString('en');
  return (
    `Hygiene of ${n(run.devices)} devices: ${n(run.os.unsupported)} on an unsupported operating system, ` +
    `${n(run.os['extended-security-updates'])} on extended security updates, ${n(run.missingCriticalUpdates)} missing critical updates, ` +
    `${n((run.protection.missing ?? 0) + (run.protection['stale-signatures'] ?? 0) + (run.protection['outdated-version'] ?? 0))} with missing or stale protection.`
  );
}
