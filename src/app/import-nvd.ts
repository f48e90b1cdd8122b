/**
 * `vigil feeds import nvd PATH`: NVD CVE API 2.0 data carried in (an API page, a file per CVE, a feed of
 * them, gzip'd or not, or a directory of those) into the knowledge base, in one transaction. As for OSV, a
 * record whose JSON hashes to the version held is recognised without being parsed; a newer version replaces
 * the one held; an older one is passed over; a rejected CVE is kept and flagged withdrawn; and the change log
 * says which CVEs were added, changed or withdrawn. A record that is not valid is skipped and reported with
 * its id and JSON path; a CVSS vector that does not hold is reported and left out of its record.
 */
import { createHash } from 'node:crypto';
import { parseNvdCve, readNvdDocument } from '../formats/nvd/index.js';
import { ImportRefusedError } from './errors.js';
import { openFeedDocuments } from './feed-documents.js';
import { emptyCounts, problemCollector } from './feed-run.js';
import type { FeedRunRecord, KnowledgeStore, NvdCveToStore } from './knowledge-ports.js';
import { maxImportBytes } from './limits.js';
import type { Progress } from './ports.js';

/** Problems reported by name; beyond this many they are only counted. */
const BATCH_RECORDS = 1_000;
const NVD_FILES = /\.json(?:\.gz)?$/i;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

export async function importNvd(
  store: KnowledgeStore,
  path: string,
  progress?: Progress,
): Promise<FeedRunRecord> {
  const input = await openFeedDocuments(path, NVD_FILES, maxImportBytes());
  return store.runFeedImport(
    {
      source: 'nvd',
      documentName: path,
      retrievedAt: input.retrievedAt,
      startedAt: new Date().toISOString(),
    },
    async (writer) => {
      const counts = emptyCounts();
      const { problems, report } = problemCollector();
      const stored = await writer.nvdStates();
      const storedHashes = new Set<string>();
      let dataDate: string | undefined;
      for (const s of stored.values()) {
        storedHashes.add(s.sha256);
        if (!dataDate || later(s.modified, dataDate)) dataDate = s.modified;
      }
      const hashesThisRun = new Set<string>();
      const takenThisRun = new Map<
        string,
        { modified: string; change: NvdCveToStore['change']; flushed: boolean }
      >();
      let newIds = 0;
      let batch = new Map<string, NvdCveToStore>();
      const flush = async () => {
        await writer.writeNvdCves([...batch.values()]);
        for (const id of batch.keys()) takenThisRun.get(id)!.flushed = true;
        batch = new Map();
      };

      for await (const document of input.documents) {
        if (progress) {
          const at = input.progress();
          if (at.total > 0) progress(at.done, at.total);
        }
        if ('problem' in document) {
          counts.skipped++;
          report(document.problem);
          continue;
        }
        const parsed = readNvdDocument(document.text, { file: document.file });
        if (!parsed.ok) {
          // A file given alone that is not NVD data changes nothing; in a directory it is one bad file.
          if (input.single) throw new ImportRefusedError(path, parsed.errors, parsed.warnings);
          counts.skipped++;
          parsed.errors.forEach(report);
          continue;
        }
        const { records, totalResults } = parsed.value;
        if (totalResults !== undefined && totalResults > records.length)
          report({
            severity: 'warning',
            code: 'partial_page',
            file: document.file,
            path: '$.totalResults',
            message: `This page holds ${records.length} of the ${totalResults} CVEs its query found; the others are in other pages.`,
          });
        for (const record of records) {
          counts.read++;
          const text = JSON.stringify(record.value);
          const hash = sha256(text);
          if (hashesThisRun.has(hash)) {
            counts.superseded++;
            continue;
          }
          if (storedHashes.has(hash)) {
            hashesThisRun.add(hash);
            counts.unchanged++;
            continue;
          }
          const result = parseNvdCve(record.value, { file: document.file, path: record.path });
          if (!result.ok) {
            counts.skipped++;
            report(result.problem);
            continue;
          }
          hashesThisRun.add(hash);
          result.warnings.forEach(report);
          const cve = result.cve;
          const before = stored.get(cve.id);
          const earlier = takenThisRun.get(cve.id);
          // Never backwards: an older version than the one held (or taken earlier in this run) is passed over.
          const newest = earlier?.modified ?? before?.modified;
          if (newest !== undefined && later(newest, cve.lastModified)) {
            counts.superseded++;
            continue;
          }
          if (earlier) {
            counts[earlier.change]--;
            counts.superseded++;
          }
          const change: NvdCveToStore['change'] =
            cve.withdrawn !== undefined && !before?.withdrawn ? 'withdrawn' : before ? 'changed' : 'added';
          counts[change]++;
          if (!dataDate || later(cve.lastModified, dataDate)) dataDate = cve.lastModified;
          if (!before && !earlier) newIds++;
          takenThisRun.set(cve.id, { modified: cve.lastModified, change, flushed: false });
          const replaces = before !== undefined || earlier?.flushed === true;
          batch.set(cve.id, { cve, text, sha256: hash, change, replaces });
          if (batch.size >= BATCH_RECORDS) await flush();
        }
      }
      await flush();
      return {
        counts,
        documentHash: input.documentHash(),
        ...(dataDate ? { dataDate } : {}),
        problems,
        recordCount: stored.size + newIds,
      };
    },
  );
}
