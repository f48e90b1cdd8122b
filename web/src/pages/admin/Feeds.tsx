import { useState } from 'react';
import { ApiError, streamUpload } from '../../api/client.js';
import { useApi } from '../../api/hooks.js';
import type { FeedImportResult, FeedStatus, FeedSyncResult } from '../../api/types.js';
import { Alert, ErrorState, Loading, PageHeader, ProblemTable } from '../../components/ui.js';
import { formatAge, formatBytes, formatDateTime, formatNumber } from '../../format.js';
import { ImportError, type Progress, ProgressBar } from '../Imports.js';

const NAMES: Record<FeedStatus['source'], string> = {
  osv: 'OSV advisories',
  kev: 'CISA KEV',
  epss: 'FIRST EPSS',
  nvd: 'NVD CVEs',
  eol: 'End-of-life data',
};

const FILES: Record<FeedStatus['source'], string> = {
  osv: 'JSON lines (.jsonl, gzip or not) or a zip of JSON files (all.zip)',
  kev: 'the catalogue JSON',
  epss: 'the daily CSV (gzip or not)',
  nvd: 'CVE API 2.0 JSON (gzip or not)',
  eol: 'endoflife.date JSON',
};

type Outcome =
  | { kind: 'import'; result: FeedImportResult }
  | { kind: 'sync'; result: FeedSyncResult }
  | { kind: 'error'; error: ApiError };

export function FeedsPage() {
  const feeds = useApi<{ items: FeedStatus[] }>('/feeds');
  return (
    <>
      <PageHeader
        title="Vulnerability feeds"
        subtitle="The knowledge base: where each feed stands, a sync from its address now, or an import of a file carried in (air-gapped sites)."
      />
      {feeds.error && <ErrorState error={feeds.error} retry={feeds.reload} />}
      {!feeds.data && feeds.loading && <Loading />}
      {feeds.data && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="feeds-table">
              <thead>
                <tr>
                  <th scope="col">Feed</th>
                  <th scope="col">Records</th>
                  <th scope="col">Last success</th>
                  <th scope="col">Data age</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {feeds.data.items.map((feed) => (
                  <FeedRow key={feed.source} feed={feed} onChange={feeds.reload} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

function FeedRow({ feed, onChange }: { feed: FeedStatus; onChange: () => void }) {
  const [progress, setProgress] = useState<Progress & { step?: string }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const busy = progress !== undefined;
  const name = NAMES[feed.source];

  async function run(kind: 'sync' | 'import', file?: File) {
    setOutcome(undefined);
    setProgress({ phase: 'uploading' });
    try {
      const onProgress = (done: number, total: number, step?: string) =>
        setProgress({ phase: 'importing', done, total, ...(step ? { step } : {}) });
      if (kind === 'sync') {
        const result = await streamUpload<FeedSyncResult>(`/feeds/${feed.source}/sync`, undefined, {
          onProgress,
        });
        setOutcome({ kind: 'sync', result });
      } else {
        const result = await streamUpload<FeedImportResult>(`/feeds/${feed.source}/import`, file, {
          query: { fileName: file?.name },
          contentType: 'application/octet-stream',
          onProgress,
        });
        setOutcome({ kind: 'import', result });
      }
    } catch (e) {
      setOutcome({
        kind: 'error',
        error: e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The request failed.'),
      });
    } finally {
      setProgress(undefined);
      onChange();
    }
  }

  return (
    <>
      <tr data-testid={`feed-${feed.source}`}>
        <th scope="row">
          {name}
          {feed.documentName && <div className="muted small">{feed.documentName}</div>}
        </th>
        <td className="num">{formatNumber(feed.recordCount)}</td>
        <td className="nowrap">{feed.lastSuccessAt ? formatDateTime(feed.lastSuccessAt) : 'never'}</td>
        <td className={feed.stale ? 'age-danger' : undefined} title={feed.staleReason}>
          {feed.ageDays === undefined ? '—' : formatAge(Math.floor(feed.ageDays))}
          {feed.stale && <div className="small">stale{feed.staleReason ? `: ${feed.staleReason}` : ''}</div>}
        </td>
        <td className="small">{feed.lastError ?? '—'}</td>
        <td>
          <div className="row-actions">
            {feed.syncable && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void run('sync')}
              >
                Sync now
              </button>
            )}
            <label className="button button-small file-button">
              Import a file…
              <input
                type="file"
                className="visually-hidden"
                aria-label={`Import a ${name} file: ${FILES[feed.source]}`}
                disabled={busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void run('import', file);
                }}
              />
            </label>
          </div>
        </td>
      </tr>
      {(progress || outcome) && (
        <tr className="feed-activity">
          <td colSpan={6}>
            {progress && (
              <>
                {progress.phase === 'importing' && progress.step && (
                  <div className="muted small">{progress.step}</div>
                )}
                <ProgressBar progress={progress} />
              </>
            )}
            {outcome?.kind === 'error' && <ImportError error={outcome.error} />}
            {outcome?.kind === 'import' && <ImportOutcome result={outcome.result} />}
            {outcome?.kind === 'sync' && <SyncOutcome result={outcome.result} />}
          </td>
        </tr>
      )}
    </>
  );
}

function counted(c: FeedImportResult['counts']): string {
  return [
    `${formatNumber(c.read)} read`,
    `${formatNumber(c.added)} added`,
    `${formatNumber(c.changed)} changed`,
    `${formatNumber(c.unchanged)} unchanged`,
    c.withdrawn ? `${formatNumber(c.withdrawn)} withdrawn` : '',
    c.removed ? `${formatNumber(c.removed)} removed` : '',
    c.skipped ? `${formatNumber(c.skipped)} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function ImportOutcome({ result }: { result: FeedImportResult }) {
  return (
    <div className="import-result" data-testid="feed-result">
      <Alert tone="success">
        <strong>{result.fileName} imported:</strong> {counted(result.counts)}. The feed holds{' '}
        {formatNumber(result.recordCount)} records.
      </Alert>
      {result.problems.length > 0 && (
        <>
          <h3>
            {formatNumber(result.counts.skipped)} record{result.counts.skipped === 1 ? '' : 's'} skipped
          </h3>
          <ProblemTable problems={result.problems} />
        </>
      )}
    </div>
  );
}

function SyncOutcome({ result }: { result: FeedSyncResult }) {
  return (
    <div className="import-result" data-testid="feed-result">
      {result.result === 'failed' ? (
        <Alert>
          <strong>The sync failed;</strong> the previous data is kept. {result.error}
        </Alert>
      ) : (
        <Alert tone="success">
          <strong>{result.result === 'up-to-date' ? 'Already up to date.' : 'Synced.'}</strong> The feed holds{' '}
          {formatNumber(result.status.recordCount)} records.
        </Alert>
      )}
      {result.documents.length > 0 && (
        <ul className="small">
          {result.documents.map((d) => (
            <li key={`${d.name}${d.url}`}>
              {d.name}: {d.status}
              {d.bytes !== undefined ? ` · ${formatBytes(d.bytes)}` : ''}
              {d.counts ? ` · ${counted(d.counts)}` : ''}
              {d.error ? ` · ${d.error}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
