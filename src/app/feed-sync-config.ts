/**
 * Where online feed sync fetches each source from, and how hard it tries. Every address can be pointed at a
 * mirror: `VIGIL_FEED_<SOURCE>_URL` (for OSV, the bucket's base address, under which each ecosystem has its
 * folder; for endoflife.date, the API's base), or a config object passed in. Defaults are the sources'
 * official addresses. Downloads go through the proxy of HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
 */
import { isEolProductName } from '../formats/eol/index.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './download.js';
import { type ProxySettings, proxySettingsFromEnv } from './download-proxy.js';
import { UsageError } from './errors.js';
import type { FeedSourceName } from './knowledge-ports.js';

export interface OsvSyncConfig {
  /** The bucket's base address: `<baseUrl>/<ECOSYSTEM>/all.zip`, `/modified_id.csv`, `/<ID>.json`. */
  baseUrl: string;
  /** OSV ecosystems to sync, by their folder names in the bucket (`Maven`, `crates.io`, `Debian`). */
  ecosystems: string[];
  /** An increment larger than this many records is fetched as the ecosystem's all.zip instead. */
  maxIncrementalRecords: number;
  /**
   * How far before the last sync's newest modification an increment looks again, for records that reached
   * the bucket late with an older date; those already held in that version are not fetched again.
   */
  overlapMs: number;
  /** Records fetched at once in an increment. */
  concurrency: number;
}

export interface NvdSyncConfig {
  /** VIGIL_NVD_API_KEY, sent as the `apiKey` header: ten times the rate of anonymous requests. */
  apiKey?: string;
  /** CVEs a page; 2,000 is the API's largest. */
  resultsPerPage: number;
  /** The longest modification range one query may span (the API refuses more than 120 days). */
  windowDays: number;
  /**
   * How far before the last sync's end an increment starts again: NVD publishes modifications every two
   * hours, so a CVE may appear in the API later than its `lastModified`. What is fetched again is recognised
   * by its hash.
   */
  overlapMs: number;
  /** At most `requests` requests in any `windowMs` (NVD: 5 per 30 s, 50 with an API key). */
  rateLimit: { requests: number; windowMs: number };
}

export interface EolSyncConfig {
  /** endoflife.date product ids, as in its URLs (`windows`, `alpine-linux`). */
  products: string[];
}

export interface FeedSyncConfig {
  /** Downloads are kept under `<dataDir>/feeds` while they are checked and imported, then removed. */
  dataDir: string;
  osv: OsvSyncConfig;
  nvd: NvdSyncConfig;
  eol: EolSyncConfig;
  /**
   * The address of each source but OSV: KEV's catalogue, EPSS's daily CSV, NVD's CVE API, the base of
   * endoflife.date's API (`<base>/v1/products/<product>`).
   */
  urls: Partial<Record<FeedSourceName, string>>;
  retry: RetryPolicy;
  proxy: ProxySettings;
  userAgent: string;
}

/**
 * OSV ecosystems synced unless configured otherwise: those of the software inside medical devices and their
 * management servers (Java, JavaScript, Python, .NET, Go, Rust, and the Debian and Alpine bases of embedded
 * Linux), and those the demo's SBOMs name. Each is one all.zip, then increments.
 */
export const DEFAULT_OSV_ECOSYSTEMS = [
  'Maven',
  'npm',
  'PyPI',
  'Debian',
  'Alpine',
  'Go',
  'crates.io',
  'NuGet',
] as const;

/**
 * endoflife.date products synced unless configured otherwise (VIGIL_FEED_EOL_PRODUCTS): the operating systems
 * of devices and of the servers that manage them, the embedded Linux they are built on, mobile and
 * virtualisation platforms, and the runtimes, TLS library and databases their software ships with. Ids as
 * endoflife.date names them (its current names, not aliases such as `alpine` or `esxi`).
 */
export const DEFAULT_EOL_PRODUCTS = [
  'windows',
  'windows-server',
  'windows-embedded',
  'rhel',
  'centos',
  'oracle-linux',
  'rocky-linux',
  'almalinux',
  'ubuntu',
  'debian',
  'sles',
  'alpine-linux',
  'linux-kernel',
  'yocto',
  'macos',
  'ios',
  'android',
  'vmware-esxi',
  'oracle-jdk',
  'eclipse-temurin',
  'amazon-corretto',
  'azul-zulu',
  'microsoft-build-of-openjdk',
  'red-hat-build-of-openjdk',
  'dotnet',
  'dotnetfx',
  'openssl',
  'postgresql',
  'mssqlserver',
  'mysql',
  'tomcat',
  'internet-explorer',
] as const;

export const DEFAULT_FEED_URLS = {
  osv: 'https://osv-vulnerabilities.storage.googleapis.com',
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  // FIRST's EPSS scores, published by Empirical Security for FIRST; redirects to the day's dated file.
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  nvd: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  eol: 'https://endoflife.date/api',
} as const satisfies Partial<Record<FeedSourceName, string>>;

/** NVD's published limits: 5 requests in a rolling 30 s without an API key, 50 with one. */
export const NVD_RATE_LIMITS = {
  anonymous: { requests: 5, windowMs: 30_000 },
  withKey: { requests: 50, windowMs: 30_000 },
} as const;

const DEFAULT_DATA_DIR = 'var';

export type Env = Record<string, string | undefined>;

export interface FeedSyncOverrides {
  dataDir?: string;
  osv?: Partial<OsvSyncConfig>;
  nvd?: Partial<NvdSyncConfig>;
  eol?: Partial<EolSyncConfig>;
  urls?: Partial<Record<FeedSourceName, string>>;
  retry?: Partial<RetryPolicy>;
  proxy?: ProxySettings;
  userAgent?: string;
}

/** The configuration from the environment, `overrides` having the last word. */
export function feedSyncConfig(env: Env = process.env, overrides: FeedSyncOverrides = {}): FeedSyncConfig {
  const urls: Partial<Record<FeedSourceName, string>> = {};
  for (const [source, url] of Object.entries(DEFAULT_FEED_URLS) as [FeedSourceName, string][])
    if (source !== 'osv') urls[source] = address(env, source) ?? url;
  const ecosystems = list(env.VIGIL_FEED_OSV_ECOSYSTEMS);
  const products = list(env.VIGIL_FEED_EOL_PRODUCTS)?.map((p) => p.toLowerCase());
  const unknown = products?.filter((p) => !isEolProductName(p)) ?? [];
  if (unknown.length)
    throw new UsageError(
      `VIGIL_FEED_EOL_PRODUCTS names what cannot be an endoflife.date product: ${unknown.join(', ')}.`,
    );
  const apiKey = overrides.nvd?.apiKey ?? (env.VIGIL_NVD_API_KEY?.trim() || undefined);
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...(env.VIGIL_FEED_RETRY_ATTEMPTS
      ? { attempts: wholeNumber('VIGIL_FEED_RETRY_ATTEMPTS', env.VIGIL_FEED_RETRY_ATTEMPTS, 1, 20) }
      : {}),
    ...(env.VIGIL_FEED_RETRY_DELAY
      ? { baseDelayMs: durationOrThrow('VIGIL_FEED_RETRY_DELAY', env.VIGIL_FEED_RETRY_DELAY) }
      : {}),
    ...(env.VIGIL_FEED_TIMEOUT
      ? { timeoutMs: durationOrThrow('VIGIL_FEED_TIMEOUT', env.VIGIL_FEED_TIMEOUT) }
      : {}),
  };
  const config: FeedSyncConfig = {
    dataDir: env.VIGIL_DATA_DIR || DEFAULT_DATA_DIR,
    osv: {
      baseUrl: (address(env, 'osv') ?? DEFAULT_FEED_URLS.osv).replace(/\/+$/, ''),
      ecosystems: ecosystems?.length ? ecosystems : [...DEFAULT_OSV_ECOSYSTEMS],
      maxIncrementalRecords: 2_000,
      overlapMs: 24 * 60 * 60 * 1000,
      concurrency: 8,
    },
    nvd: {
      ...(apiKey ? { apiKey } : {}),
      resultsPerPage: 2_000,
      windowDays: 120,
      overlapMs: 2 * 60 * 60 * 1000,
      rateLimit: apiKey ? NVD_RATE_LIMITS.withKey : NVD_RATE_LIMITS.anonymous,
    },
    eol: { products: products?.length ? products : [...DEFAULT_EOL_PRODUCTS] },
    urls,
    retry,
    proxy: proxySettingsFromEnv(env),
    userAgent: 'Vigil feed sync',
  };
  return {
    ...config,
    ...overrides,
    osv: { ...config.osv, ...overrides.osv },
    nvd: { ...config.nvd, ...overrides.nvd },
    eol: { ...config.eol, ...overrides.eol },
    urls: { ...config.urls, ...overrides.urls },
    retry: { ...config.retry, ...overrides.retry },
    proxy: overrides.proxy ?? config.proxy,
  };
}

function list(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

function address(env: Env, source: FeedSourceName): string | undefined {
  const name = `VIGIL_FEED_${source.toUpperCase()}_URL`;
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not an address: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${name} must be an http:// or https:// address: ${value}`);
  return value;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `6h`, `30m`, `1h30m`, `90s` or `250ms`, in milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, value, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g))
    total += Number(value) * UNITS[unit!]!;
  return Math.round(total);
}

function durationOrThrow(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`${name} must be a duration such as 30s, 10m or 6h: ${text}`);
  return ms;
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}: ${text}`);
  return n;
}

/** The interval of the server's scheduled sync (VIGIL_FEED_SYNC_INTERVAL); undefined when it is off. */
export function feedSyncInterval(env: Env = process.env): number | undefined {
  const text = env.VIGIL_FEED_SYNC_INTERVAL?.trim();
  if (!text || text === '0' || text === 'off') return undefined;
  const ms = durationOrThrow('VIGIL_FEED_SYNC_INTERVAL', text);
  if (ms < 60_000) throw new UsageError(`VIGIL_FEED_SYNC_INTERVAL must be at least 1m: ${text}`);
  return ms;
}
