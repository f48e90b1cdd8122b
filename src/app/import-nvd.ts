/**
 * `vigil feeds import nvd PATH`: NVD CVE API 2.0 data carried in (an API page, a file per CVE, a feed of
 * them, gzip'd or not, or a directory of those) into the knowledge base, in one transaction. As for OSV, a
 * record whose JSON hashes to the version held is recognised without being mapped; a newer version replaces
 * the one held; an older one is passed over; a rejected CVE is kept and flagged withdrawn; and the change log
 * says which CVEs were added, changed or withdrawn. A record that is not valid is skipped and reported with
 * its id, JSON path and line; a CVSS vector that does not hold is reported and left out of its record.
 *
 * Files are streamed and their records read one at a time (formats/nvd/stream.ts), so that a yearly feed of
 * hundreds of megabytes, gzip'd or not, costs the memory of a record and a batch, not of the file. A file
 * that turns out not to be NVD data, or broken, once some of its records were taken cannot be skipped whole:
 * it refuses the import (rolled back), as a file given alone does.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../core/problem.js';
import { parseNvdCve } from '../formats/nvd/index.js';
import { type NvdStreamEvent, NvdStreamReader } from '../formats/nvd/stream.js';
import { ImportRefusedError } from './errors.js';
import { DocumentReadError, openFeedStreams } from './feed-documents.js';
import { MAX_RECORD_BYTES } from './feed-files.js';
import { emptyCounts, problemCollector } from './feed-run.js';
import type { FeedRunRecord, KnowledgeStore, NvdCveToStore } from './knowledge-ports.js';
import type { Progress } from './ports.js';

// Records written per batch, and text per batch: a batch of NVD's largest records stays a few megabytes.
const BATCH_RECORDS = 1_000;
const BATCH_CHARACTERS = 16 * 1024 * 1024;
const NVD_FILES = /\.json(?:\.gz)?$/i;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

type RecordEvent = Extract<NvdStreamEvent, { kind: 'record' }>;

export async function importNvd(
  store: KnowledgeStore,
  path: string,
  progress?: Progress,
): Promise<FeedRunRecord> {
  const input = await openFeedStreams(path, NVD_FILES);
  const reportProgress = () => {
    const at = input.progress();
    if (progress && at.total > 0) progress(Math.min(at.done, at.total), at.total);
  };
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
      let batchCharacters = 0;
      const flush = async () => {
        await writer.writeNvdCves([...batch.values()]);
        for (const id of batch.keys()) takenThisRun.get(id)!.flushed = true;
        batch = new Map();
        batchCharacters = 0;
      };

      const take = async (record: RecordEvent, reader: NvdStreamReader, file: string) => {
        counts.read++;
        // The record's own JSON, as it has always been hashed and stored: unchanged records stay recognised.
        const text = JSON.stringify(record.value);
        const hash = sha256(text);
        if (hashesThisRun.has(hash)) {
          counts.superseded++;
          return;
        }
        if (storedHashes.has(hash)) {
          hashesThisRun.add(hash);
          counts.unchanged++;
          return;
        }
        // The line the record begins on, found only when a problem is reported.
        const at = (p: Problem): Problem => {
          const line = reader.lineOf(record);
          return line === undefined ? p : { ...p, line };
        };
        const result = parseNvdCve(record.value, { file, path: record.path });
        if (!result.ok) {
          counts.skipped++;
          report(at(result.problem));
          return;
        }
        hashesThisRun.add(hash);
        for (const warning of result.warnings) report(at(warning));
        const cve = result.cve;
        const before = stored.get(cve.id);
        const earlier = takenThisRun.get(cve.id);
        // Never backwards: an older version than the one held (or taken earlier in this run) is passed over.
        const newest = earlier?.modified ?? before?.modified;
        if (newest !== undefined && later(newest, cve.lastModified)) {
          counts.superseded++;
          return;
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
        batchCharacters += text.length;
        if (batch.size >= BATCH_RECORDS || batchCharacters >= BATCH_CHARACTERS) await flush();
      };

      for await (const document of input.files) {
        reportProgress();
        if ('problem' in document) {
          counts.skipped++;
          report(document.problem);
          continue;
        }
        const reader = new NvdStreamReader(document.file, MAX_RECORD_BYTES);
        // A file given alone that is not NVD data changes nothing; in a directory it is one bad file, skipped,
        // unless some of its records were taken already: then it refuses the import, which is rolled back.
        const refuse = (errors: Problem[]) => {
          const read = reader.recordsRead;
          if (input.single) throw new ImportRefusedError(path, errors);
          if (read > 0)
            throw new ImportRefusedError(
              path,
              errors.map((p) => ({
                ...p,
                message: `${p.message} ${read.toLocaleString('en')} of its records were read before, so the import stops here.`,
              })),
            );
          counts.skipped++;
          errors.forEach(report);
        };
        /** Takes what the reader has for the bytes pushed so far; false once the document is refused. */
        const drain = async (): Promise<boolean> => {
          for (let e = reader.next(); e; e = reader.next()) {
            switch (e.kind) {
              case 'record':
                await take(e, reader, document.file);
                break;
              case 'skipped':
                counts.read++;
                counts.skipped++;
                report(e.problem);
                break;
              case 'refused':
                refuse(e.errors);
                return false;
              case 'done':
                e.warnings.forEach(report);
                break;
            }
          }
          return true;
        };
        try {
          let going = true;
          for await (const chunk of document.chunks) {
            reader.push(chunk);
            going = await drain();
            if (!going) break;
            reportProgress();
          }
          if (going) {
            reader.end();
            await drain();
          }
        } catch (e) {
          if (!(e instanceof DocumentReadError)) throw e;
          refuse([e.problem]);
        }
      }
      await flush();
      reportProgress();
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
