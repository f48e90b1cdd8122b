/**
 * One installed security product against the catalogue and a policy: is its version supported, at least the
 * policy's minimum and not behind the latest known; are its signatures recent enough. Endpoint protection
 * (security-software.ts) and mail gateways (mail-filters.ts) both ask this of each product they find.
 * Versions compare in the generic order (core/versions/generic.ts): vendors' dotted builds, no ecosystem.
 */
import { genericScheme } from '../versions/generic.js';
import { daysBetween } from './dates.js';
import type { SecurityCatalogue, SecurityProductEntry } from './security-catalogue.js';

export interface InstalledProduct {
  product: string;
  version?: string;
  /** Scan engine version, where it is reported apart from the product's (mail gateways, some AV). */
  engineVersion?: string;
  /** Date of the installed signatures/definitions (YYYY-MM-DD). */
  signatureDate?: string;
}

export interface ProductRules {
  maxSignatureAgeDays: number;
  /** Catalogue product id → the lowest version the hospital accepts. */
  minimumVersions: Readonly<Record<string, string>>;
  /** Catalogue product id → the lowest engine version accepted. */
  minimumEngineVersions?: Readonly<Record<string, string>>;
  /** Whether a version behind the catalogue's latest known is outdated. */
  requireLatestKnown: boolean;
}

/**
 * `ok`; `outdated-version`: past its vendor's end of life, below the policy's minimum or behind the latest
 * known; `stale-signatures`: older than the policy allows; `unverified`: not enough reported to tell (no
 * version, no signature date, a product the catalogue does not know).
 */
export type ProductStatus = 'ok' | 'outdated-version' | 'stale-signatures' | 'unverified';

export interface ProductCheck {
  /** As installed. */
  product: string;
  /** The catalogue entry it was recognised as. */
  catalogueId?: string;
  kind?: SecurityProductEntry['kind'];
  status: ProductStatus;
  reasons: readonly string[];
  signatureAgeDays?: number;
}

/** The catalogue entry whose longest name the installed product's name starts with (at a word boundary). */
export function findCatalogueEntry(
  product: string,
  catalogue: SecurityCatalogue,
  kinds?: readonly SecurityProductEntry['kind'][],
): SecurityProductEntry | undefined {
  const name = product
    .toLowerCase()
    .replace(/[®™]|\((?:r|tm)\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let best: { entry: SecurityProductEntry; length: number } | undefined;
  for (const entry of catalogue.products) {
    if (kinds && !kinds.includes(entry.kind)) continue;
    for (const known of entry.names) {
      const matches =
        name === known || (name.startsWith(known) && /[^a-z0-9]/.test(name[known.length] ?? ''));
      if (matches && (!best || known.length > best.length)) best = { entry, length: known.length };
    }
  }
  return best?.entry;
}

const RANK: Readonly<Record<ProductStatus, number>> = {
  ok: 0,
  unverified: 1,
  'stale-signatures': 2,
  'outdated-version': 3,
};

export function worseOf(a: ProductStatus, b: ProductStatus): ProductStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

export function betterOf(a: ProductStatus, b: ProductStatus): ProductStatus {
  return RANK[a] <= RANK[b] ? a : b;
}

export function checkProduct(
  installed: InstalledProduct,
  entry: SecurityProductEntry | undefined,
  rules: ProductRules,
  today: string,
): ProductCheck {
  if (!entry)
    return {
      product: installed.product,
      status: 'unverified',
      reasons: [
        `"${installed.product}" is not in the security catalogue: version and signatures not checked`,
      ],
    };
  const found: { status: ProductStatus; reason: string }[] = [];
  if (!entry.hosted && !entry.unversioned) found.push(...versionFindings(installed, entry, rules));
  let signatureAgeDays: number | undefined;
  if (entry.signatures && !entry.hosted) {
    const signatures = signatureFinding(installed.signatureDate, rules.maxSignatureAgeDays, today);
    signatureAgeDays = signatures.age;
    if (signatures.finding) found.push(signatures.finding);
  }
  const status = found.reduce<ProductStatus>((s, f) => worseOf(s, f.status), 'ok');
  return {
    product: installed.product,
    catalogueId: entry.id,
    kind: entry.kind,
    status,
    reasons: found.length ? found.map((f) => f.reason) : [okReason(entry, installed, signatureAgeDays)],
    ...(signatureAgeDays !== undefined ? { signatureAgeDays } : {}),
  };
}

function okReason(entry: SecurityProductEntry, installed: InstalledProduct, age: number | undefined): string {
  if (entry.hosted) return `${entry.label} is a hosted service its vendor keeps current`;
  const version = installed.version ? ` ${installed.version}` : '';
  return age !== undefined
    ? `${entry.label}${version}, signatures ${age} days old`
    : `${entry.label}${version}`;
}

function versionFindings(
  installed: InstalledProduct,
  entry: SecurityProductEntry,
  rules: ProductRules,
): { status: ProductStatus; reason: string }[] {
  const findings: { status: ProductStatus; reason: string }[] = [];
  const version = installed.version?.trim();
  if (!version) return [{ status: 'unverified', reason: `${entry.label}: version not reported` }];
  const parsed = genericScheme.parse(version);
  if (!parsed)
    return [{ status: 'unverified', reason: `${entry.label}: version "${version}" cannot be read` }];
  const ended = entry.endOfLife?.find((e) => withinPrefix(version, e.versions));
  if (ended)
    findings.push({
      status: 'outdated-version',
      reason: `${entry.label} ${version}: version ${ended.versions} reached end of life on ${ended.date}`,
    });
  const minimum = rules.minimumVersions[entry.id];
  if (minimum && below(parsed, minimum))
    findings.push({
      status: 'outdated-version',
      reason: `${entry.label} ${version} is below the policy's minimum ${minimum}`,
    });
  if (rules.requireLatestKnown && entry.latest && below(parsed, entry.latest.version))
    findings.push({
      status: 'outdated-version',
      reason: `${entry.label} ${version} is behind the latest known ${entry.latest.version} (as of ${entry.latest.asOf})`,
    });
  const engine = rules.minimumEngineVersions?.[entry.id];
  if (engine) {
    const reported = installed.engineVersion?.trim();
    const readable = reported ? genericScheme.parse(reported) : undefined;
    if (!reported)
      findings.push({ status: 'unverified', reason: `${entry.label}: engine version not reported` });
    else if (!readable)
      findings.push({ status: 'unverified', reason: `${entry.label}: engine "${reported}" cannot be read` });
    else if (below(readable, engine))
      findings.push({
        status: 'outdated-version',
        reason: `${entry.label} engine ${reported} is below the policy's minimum ${engine}`,
      });
  }
  return findings;
}

function below(version: NonNullable<ReturnType<typeof genericScheme.parse>>, bound: string): boolean {
  const other = genericScheme.parse(bound);
  return other !== undefined && genericScheme.compare(version, other) < 0;
}

/** `8.8` covers `8.8` and `8.8.0.2024`, not `8.80`. */
function withinPrefix(version: string, prefix: string): boolean {
  return version === prefix || version.startsWith(`${prefix}.`);
}

/** The signature age against the policy; a date missing, unreadable or in the future cannot be vouched for. */
export function signatureFinding(
  signatureDate: string | undefined,
  maxAgeDays: number,
  today: string,
): { age?: number; finding?: { status: ProductStatus; reason: string } } {
  if (!signatureDate) return { finding: { status: 'unverified', reason: 'signature date not reported' } };
  const age = daysBetween(signatureDate, today);
  if (age === undefined)
    return { finding: { status: 'unverified', reason: `signature date "${signatureDate}" is not a date` } };
  if (age < 0)
    return {
      finding: {
        status: 'unverified',
        reason: `signature date ${signatureDate} is in the future (a clock or data error)`,
      },
    };
  if (age > maxAgeDays)
    return {
      age,
      finding: {
        status: 'stale-signatures',
        reason: `signatures ${age} days old (policy: at most ${maxAgeDays})`,
      },
    };
  return { age };
}
