import { basename } from 'node:path';
import type { FeedStatus } from '../../../app/feed-status.js';
import type { ImportFeedResult } from '../../../app/import-feed.js';
import type { SourceSyncResult } from '../../../app/sync-feeds.js';
import type { Problem } from '../../../core/problem.js';
import type { FeedImportResultBody, FeedStatusBody, FeedSyncResultBody } from './schema.js';

export function presentFeedStatus(s: FeedStatus, syncable: boolean): FeedStatusBody {
  return {
    source: s.source,
    syncable,
    lastSuccessAt: s.lastSuccessAt,
    lastAttemptAt: s.lastAttemptAt,
    lastError: s.lastError,
    lastImportId: s.lastImportId,
    // Only the name: the path is the server's business.
    documentName: s.documentName === undefined ? undefined : basename(s.documentName),
    retrievedAt: s.retrievedAt,
    dataDate: s.dataDate,
    recordCount: s.recordCount,
    errorCount: s.errorCount,
    ageDays: s.ageDays,
    expectedFreshnessDays: s.expectedFreshnessDays,
    stale: s.stale,
    staleReason: s.staleReason,
  };
}

/** A problem of an uploaded file names the file as it was sent, not the temporary file it was read from. */
function presentFeedProblem(p: Problem, fileName: string): Problem {
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: p.file === undefined ? undefined : p.file.includes('/') ? fileName : p.file,
    line: p.line,
    column: p.column,
    path: p.path,
  };
}

export function presentFeedImport(
  r: ImportFeedResult,
  fileName: string,
  status: FeedStatusBody,
): FeedImportResultBody {
  return {
    importId: r.importId,
    source: r.source,
    fileName,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    recordCount: r.recordCount,
    dataDate: r.dataDate,
    documentHash: r.documentHash,
    counts: { ...r.counts },
    problems: r.problems.map((p) => presentFeedProblem(p, fileName)),
    status,
  };
}

export function presentFeedSync(r: SourceSyncResult, status: FeedStatusBody): FeedSyncResultBody {
  return {
    source: r.source,
    result: r.status === 'unsupported' ? 'failed' : r.status,
    error: r.error,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    documents: r.documents.map((d) => ({
      name: d.name,
      url: d.url,
      status: d.status,
      mode: d.mode,
      bytes: d.bytes,
      attempts: d.attempts,
      counts: d.import ? { ...d.import.counts } : undefined,
      error: d.error,
    })),
    status,
  };
}
