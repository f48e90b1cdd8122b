/**
 * What the knowledge-base use cases need from storage: advisories (OSV), NVD CVEs with their CPE
 * configurations, CVSS scores, CISA KEV, FIRST EPSS, endoflife.date lifecycles, the feeds they came from,
 * and the log of what each import changed. Each import of a feed runs inside one
 * transaction (`runFeedImport`): a failure leaves the knowledge base as it was.
 */
import type { Advisory } from '../core/advisories/advisory.js';
import type { AliasLink } from '../core/advisories/aliases.js';
import type { EpssScore, KevEntry } from '../core/advisories/exploitation.js';
import type { NvdCve } from '../core/advisories/nvd.js';
import type { CvssScore } from '../core/cvss.js';
import type { LifecycleProduct, ReleaseCycle } from '../core/lifecycle.js';
import type { Problem } from '../core/problem.js';

export type FeedSourceName = 'osv' | 'kev' | 'epss' | 'nvd' | 'eol';
export const FEED_SOURCES: readonly FeedSourceName[] = ['osv', 'kev', 'epss', 'nvd', 'eol'];

/** What an import did to one record: what the change log says, and what matching re-matches. */
export type AdvisoryChangeKind = 'added' | 'changed' | 'withdrawn' | 'removed';

export interface FeedRunStart {
  source: FeedSourceName;
  /** The file (or directory) imported, as given. */
  documentName: string;
  /** When the document was retrieved (a file's modification time, for an offline import). */
  retrievedAt: string;
  startedAt: string;
}

export interface FeedRunCounts {
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
  /** KEV entries gone from the catalogue, EPSS scores gone from the file. */
  removed: number;
  /** The same record twice in one import, or an older version of a record already held. */
  superseded: number;
  skipped: number;
}

/** What the use case tells the store at the end of an import, to record with the run. */
export interface FeedRunOutcome {
  counts: FeedRunCounts;
  /** sha256 of the document's bytes as read (compressed or not). */
  documentHash: string;
  /** The date the data describes: newest `modified` (OSV), the catalogue's release (KEV), the score date (EPSS). */
  dataDate?: string;
  /** Skipped records, with their ids and reasons (the first few hundred). */
  problems: Problem[];
  /** How many records this source holds after the import. Filled in by the store when absent. */
  recordCount?: number;
}

export interface FeedRunRecord extends FeedRunOutcome {
  importId: number;
  source: FeedSourceName;
  documentName: string;
  startedAt: string;
  finishedAt: string;
  recordCount: number;
}

/** What the knowledge base holds of an advisory, enough to decide whether a record is new, changed or older. */
export interface StoredAdvisoryState {
  sha256: string;
  modified: string;
  withdrawn: boolean;
}

export interface AdvisoryToStore {
  advisory: Advisory;
  /** The record as published (its JSON text), and its sha256. */
  text: string;
  sha256: string;
  change: Exclude<AdvisoryChangeKind, 'removed'>;
  /** True when a previous version is stored and must be replaced. */
  replaces: boolean;
}

export interface NvdCveToStore {
  cve: NvdCve;
  /** The `cve` object as published (its JSON text), and its sha256. */
  text: string;
  sha256: string;
  change: Exclude<AdvisoryChangeKind, 'removed'>;
  /** True when a previous version is stored and must be replaced. */
  replaces: boolean;
}

export interface EolProductToStore {
  product: LifecycleProduct;
  /** sha256 of the product's canonical JSON, as mapped (the same data in either shape hashes the same). */
  sha256: string;
  change: 'added' | 'changed';
}

export interface KevEntryToStore {
  entry: KevEntry;
  /** sha256 of the entry's canonical JSON. */
  sha256: string;
  change: 'added' | 'changed';
}

/** The writes of one import, all inside its transaction. */
export interface FeedWriter {
  readonly importId: number;
  /** Every advisory held, by id. */
  advisoryStates(): Promise<Map<string, StoredAdvisoryState>>;
  writeAdvisories(batch: readonly AdvisoryToStore[]): Promise<void>;
  /** Every NVD CVE held, by id. */
  nvdStates(): Promise<Map<string, StoredAdvisoryState>>;
  /** Stores NVD CVEs with their CPE matches and CVSS scores, replacing the versions held of those that replace. */
  writeNvdCves(batch: readonly NvdCveToStore[]): Promise<void>;
  /** The sha256 of every endoflife.date product held, by name. */
  eolProductHashes(): Promise<Map<string, string>>;
  /** Stores products with their release cycles, replacing the products of the same name. */
  writeEolProducts(products: readonly EolProductToStore[]): Promise<void>;
  /** The sha256 of every KEV entry held, by CVE. */
  kevHashes(): Promise<Map<string, string>>;
  writeKev(entries: readonly KevEntryToStore[], removed: readonly string[]): Promise<void>;
  /** Every EPSS score held, by CVE. */
  epssScores(): Promise<Map<string, EpssScore>>;
  /** Replaces the scores of these CVEs (and deletes those of `removed`), or all of them when `all`. */
  writeEpss(
    scores: readonly EpssScore[],
    removed: readonly string[],
    meta: { scoreDate: string | null; modelVersion: string | null; all: boolean },
  ): Promise<void>;
}

export interface FeedSourceView {
  source: FeedSourceName;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** The message of the last failed attempt, when it failed after the last success. */
  lastError?: string;
  lastImportId?: number;
  documentName?: string;
  documentHash?: string;
  retrievedAt?: string;
  dataDate?: string;
  recordCount: number;
  /** Records skipped as invalid by the last successful import. */
  errorCount: number;
}

export interface AdvisoryView {
  id: string;
  source: FeedSourceName;
  modified: string;
  published?: string;
  withdrawn?: string;
  summary?: string;
  sha256: string;
  aliases: string[];
  /** The record as published. */
  record: unknown;
  importedAt: string;
}

export interface VulnerabilityView {
  /** Its CVE when it has exactly one, otherwise its smallest id. */
  id: string;
  ids: string[];
  /** Which of its ids are advisories held. */
  advisories: string[];
  /** The alias links that joined it: the explanation of the grouping. */
  links: AliasLink[];
  withdrawn: string[];
}

export interface AdvisoryChangeView {
  importId: number;
  advisoryId: string;
  change: AdvisoryChangeKind;
}

export interface KnowledgeCounts {
  advisories: number;
  withdrawnAdvisories: number;
  affectedPackages: number;
  aliases: number;
  /**
   * Advisories and NVD CVEs grouped by their aliases: CVE-x (from NVD), GHSA-y and PYSEC-z count once.
   * Withdrawn advisories and rejected CVEs are not counted.
   */
  vulnerabilities: number;
  kevEntries: number;
  epssScores: number;
  nvdCves: number;
  /** NVD CVEs whose status is Rejected. */
  rejectedNvdCves: number;
  cpeMatches: number;
  /** CVSS scores held, of OSV advisories and NVD CVEs. */
  cvssScores: number;
  eolProducts: number;
  eolCycles: number;
}

/** A CVSS score as stored: whose it is, from which feed, and who scored it. */
export interface StoredCvssScore extends CvssScore {
  /** The advisory or CVE it scores. */
  advisoryId: string;
  feed: FeedSourceName;
  /** NVD: who scored it (`nvd@nist.gov`, a CNA). */
  source?: string;
  /** NVD: `Primary` (NVD's own) or `Secondary` (a CNA's). */
  type?: string;
}

export interface NvdCveView {
  id: string;
  published: string;
  lastModified: string;
  vulnStatus: string;
  withdrawn?: string;
  description?: string;
  cwes: string[];
  references: { url: string; source?: string; tags: string[] }[];
  /** The CPE configurations as published, whole. */
  configurations: unknown;
  scores: StoredCvssScore[];
  sha256: string;
  importedAt: string;
}

/** One cpeMatch of an NVD configuration, as matching (issue 5) finds it by vendor and product. */
export interface CpeMatchView {
  cveId: string;
  /** Where it sits: configurations[configIndex].nodes[nodeIndex].cpeMatch[matchIndex]. */
  configIndex: number;
  nodeIndex: number;
  matchIndex: number;
  configOperator?: string;
  configNegate: boolean;
  nodeOperator: string;
  nodeNegate: boolean;
  vulnerable: boolean;
  criteria: string;
  part?: string;
  vendor: string;
  product: string;
  /** The CPE's own version and update attributes (`*` ANY, `-` NA). */
  version: string;
  update: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
  matchCriteriaId?: string;
  /** Whether the CVE is rejected. */
  withdrawn: boolean;
}

export interface EolProductView extends Omit<LifecycleProduct, 'releases'> {
  releases: ReleaseCycle[];
  sha256: string;
  importId: number;
}

export interface StoredKevEntry extends KevEntry {
  importId: number;
}

export interface StoredEpssScore extends EpssScore {
  scoreDate?: string;
  modelVersion?: string;
}

export interface KnowledgeStore {
  /**
   * Runs one import of a feed in one transaction: `work` writes through the writer, and its outcome is
   * recorded with the run (the import, the change log, the feed's status). Should `work` throw, nothing of
   * the import remains.
   */
  runFeedImport(
    run: FeedRunStart,
    work: (writer: FeedWriter) => Promise<FeedRunOutcome>,
  ): Promise<FeedRunRecord>;
  /** Notes a failed attempt on the feed's status (outside the failed transaction). */
  recordFeedFailure(source: FeedSourceName, at: string, message: string): Promise<void>;
  listFeedSources(): Promise<FeedSourceView[]>;
  getAdvisory(id: string): Promise<AdvisoryView | undefined>;
  /** The vulnerability an id (advisory or alias) belongs to, with the links that group it. */
  getVulnerability(id: string): Promise<VulnerabilityView | undefined>;
  listAdvisoryChanges(importId: number): Promise<AdvisoryChangeView[]>;
  getKevEntry(cveId: string): Promise<StoredKevEntry | undefined>;
  getEpssScore(cveId: string): Promise<StoredEpssScore | undefined>;
  knowledgeCounts(): Promise<KnowledgeCounts>;
  getNvdCve(cveId: string): Promise<NvdCveView | undefined>;
  /** The cpeMatch rows naming this vendor and product (lowercase, unquoted: `treck`, `tcp/ip`), by CVE. */
  findCpeMatches(vendor: string, product: string): Promise<CpeMatchView[]>;
  /** The CVSS scores of an advisory or CVE, from every feed that gave one, highest version first. */
  listCvssScores(advisoryId: string): Promise<StoredCvssScore[]>;
  /** An endoflife.date product with its release cycles in the order published. */
  getEolProduct(name: string): Promise<EolProductView | undefined>;
  /** Every endoflife.date product held, with its cycles. */
  listEolProducts(): Promise<EolProductView[]>;
  /** The products an identifier (a CPE or purl as endoflife.date lists it) names. */
  findEolProducts(identifier: string): Promise<string[]>;
}
