import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, streamUpload } from '../api/client.js';
import type { ImportDevicesResult, ImportSbomResult } from '../api/types.js';
import { useAuth } from '../auth.js';
import { Alert, DefinitionList, Field, PageHeader, ProblemTable } from '../components/ui.js';
import { formatBytes, formatNumber } from '../format.js';

export type Progress = { phase: 'uploading' } | { phase: 'importing'; done: number; total: number };

export function ImportsPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Imports"
        subtitle="Bring in SBOMs from suppliers and the device inventory from the CMMS. Each import is all or nothing."
      />
      <div className="grid-2 align-start">
        {can('sboms:write') && <SbomImport />}
        {can('inventory:write') && <DeviceImport />}
      </div>
    </>
  );
}

export function ProgressBar({ progress }: { progress: Progress }) {
  if (progress.phase === 'uploading') {
    return (
      <div className="progress" data-testid="import-progress">
        <div className="progress-track indeterminate" role="progressbar" aria-label="Uploading">
          <div className="progress-fill" />
        </div>
        <span className="muted small">Uploading and reading…</span>
      </div>
    );
  }
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="progress" data-testid="import-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Importing"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="muted small">
        {formatNumber(progress.done)} of {formatNumber(progress.total)} ({percent}%)
      </span>
    </div>
  );
}

export function ImportError({ error }: { error: ApiError }) {
  return (
    <div className="import-error" role="alert" data-testid="import-error">
      <Alert>
        <strong>Nothing was imported.</strong>{' '}
        {error.status === 403 ? 'Your role does not allow this import.' : error.message}
      </Alert>
      {error.problems.length > 0 && (
        <>
          <h3>
            {formatNumber(error.problems.length)} problem{error.problems.length === 1 ? '' : 's'} to fix
          </h3>
          <ProblemTable problems={error.problems} />
        </>
      )}
      {error.details.length > 0 && (
        <ul className="error-details">
          {error.details.map((d) => (
            <li key={`${d.in}${d.path}${d.message}`}>
              <code>{d.path}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FilePicker({
  accept,
  file,
  onChange,
  ...input
}: {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  accept: string;
  file?: File;
  onChange: (f?: File) => void;
}) {
  return (
    <div className="file-picker">
      <input
        {...input}
        name="file"
        type="file"
        accept={accept}
        onChange={(e) => onChange(e.target.files?.[0])}
      />
      {file && (
        <span className="muted small">
          {file.name} · {formatBytes(file.size)}
        </span>
      )}
    </div>
  );
}

function SbomImport() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const [file, setFile] = useState<File>();
  const [supplier, setSupplier] = useState(params.get('supplier') ?? '');
  const [product, setProduct] = useState(params.get('product') ?? '');
  const [productVersion, setProductVersion] = useState(params.get('productVersion') ?? '');
  const [strict, setStrict] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [result, setResult] = useState<ImportSbomResult>();
  const [error, setError] = useState<ApiError>();
  const [fileError, setFileError] = useState<string>();
  const isSupplier = user?.role === 'supplier';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    setError(undefined);
    if (!file) {
      setFileError('Choose an SBOM file: CycloneDX (JSON or XML) or SPDX (JSON or tag-value).');
      return;
    }
    setFileError(undefined);
    setProgress({ phase: 'uploading' });
    try {
      const imported = await streamUpload<ImportSbomResult>('/sboms', file, {
        query: {
          fileName: file.name,
          supplier: isSupplier ? undefined : supplier.trim(),
          product: product.trim(),
          productVersion: productVersion.trim(),
          strict: strict || undefined,
        },
        onProgress: (done, total) => setProgress({ phase: 'importing', done, total }),
      });
      setResult(imported);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The upload failed.'));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="sbom-import-title">
      <h2 id="sbom-import-title">Upload an SBOM</h2>
      <p className="muted">
        CycloneDX 1.2–1.6 (JSON, XML) or SPDX 2.2/2.3 (JSON, tag-value). The product version is read from the
        document; fill the fields below to override it.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Upload an SBOM">
        <Field label="SBOM file" error={fileError}>
          {(props) => (
            <FilePicker
              {...props}
              accept=".json,.xml,.spdx,.cdx,.txt,application/json,application/xml,text/xml"
              file={file}
              onChange={setFile}
            />
          )}
        </Field>
        <div className="form-grid three">
          {isSupplier ? (
            <Field label="Supplier">
              {(props) => <input {...props} value={user?.supplierName ?? ''} disabled />}
            </Field>
          ) : (
            <Field label="Supplier (optional)" error={error?.fieldError('supplier')}>
              {(props) => (
                <input
                  {...props}
                  name="supplier"
                  value={supplier}
                  onChange={(e) => setSupplier(e.target.value)}
                />
              )}
            </Field>
          )}
          <Field label="Product (optional)" error={error?.fieldError('product')}>
            {(props) => (
              <input {...props} name="product" value={product} onChange={(e) => setProduct(e.target.value)} />
            )}
          </Field>
          <Field label="Version (optional)" error={error?.fieldError('productVersion')}>
            {(props) => (
              <input
                {...props}
                name="productVersion"
                value={productVersion}
                onChange={(e) => setProductVersion(e.target.value)}
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> Refuse the
          document if it has warnings too
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={progress !== undefined}>
            {progress ? 'Importing…' : 'Upload SBOM'}
          </button>
        </div>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ImportError error={error} />}
      {result && (
        <div className="import-result" data-testid="import-result">
          <Alert tone="success">
            {result.status === 'imported' ? (
              <>
                <strong>SBOM imported</strong> as the current SBOM of {result.target.supplier} ·{' '}
                {result.target.product} {result.target.version}.
              </>
            ) : (
              <>
                <strong>Nothing changed:</strong> this document is already the current SBOM of{' '}
                {result.target.product} {result.target.version}.
              </>
            )}
          </Alert>
          <DefinitionList
            items={[
              [
                'Format',
                `${result.format === 'cyclonedx' ? 'CycloneDX' : result.format === 'spdx' ? 'SPDX' : result.format} ${result.specVersion}`,
              ],
              ['Components', formatNumber(result.componentCount)],
              ['Dependencies', formatNumber(result.dependencyCount)],
              [
                'Replaced',
                result.replacedSbomId ? `SBOM #${result.replacedSbomId}, kept in history` : undefined,
              ],
            ]}
          />
          {result.productVersionId && (
            <p>
              <Link className="button" to={`/product-versions/${result.productVersionId}`}>
                See its components →
              </Link>
            </p>
          )}
          {result.warnings.length > 0 && (
            <>
              <h3>Accepted with {formatNumber(result.warnings.length)} warnings</h3>
              <ProblemTable problems={result.warnings} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function DeviceImport() {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<Progress>();
  const [result, setResult] = useState<ImportDevicesResult>();
  const [error, setError] = useState<ApiError>();
  const [fileError, setFileError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    setError(undefined);
    if (!file) {
      setFileError('Choose the inventory CSV.');
      return;
    }
    setFileError(undefined);
    setProgress({ phase: 'uploading' });
    try {
      const imported = await streamUpload<ImportDevicesResult>('/devices/import', file, {
        contentType: 'text/csv',
        query: { fileName: file.name },
        onProgress: (done, total) => setProgress({ phase: 'importing', done, total }),
      });
      setResult(imported);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The upload failed.'));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="device-import-title">
      <h2 id="device-import-title">Import a device inventory</h2>
      <p className="muted">
        A CSV export of the CMMS with Vigil’s column names (<code>asset_tag</code>, <code>manufacturer</code>,{' '}
        <code>model</code>, <code>site</code>…). Devices are created or updated by asset tag.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Import devices">
        <Field label="Inventory CSV" error={fileError}>
          {(props) => (
            <FilePicker {...props} accept=".csv,text/csv,text/plain" file={file} onChange={setFile} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={progress !== undefined}>
            {progress ? 'Importing…' : 'Import devices'}
          </button>
        </div>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ImportError error={error} />}
      {result && (
        <div className="import-result" data-testid="import-result">
          <Alert tone="success">
            <strong>{formatNumber(result.rows)} rows imported.</strong>
          </Alert>
          <DefinitionList
            items={[
              ['Devices created', formatNumber(result.created)],
              ['Devices updated', formatNumber(result.updated)],
              ['Unchanged', formatNumber(result.unchanged)],
              ['New sites', formatNumber(result.sitesCreated)],
              ['New product versions', formatNumber(result.productVersionsCreated)],
            ]}
          />
          <p>
            <Link className="button" to="/devices?sort=updatedAt&order=desc">
              See the devices →
            </Link>
          </p>
          {result.warnings.length > 0 && (
            <>
              <h3>{formatNumber(result.warnings.length)} warnings</h3>
              <ProblemTable problems={result.warnings} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
