import { type FormEvent, Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { DEVICE_FINDING_ORIGIN_LABEL, type DeviceFinding } from '../api/device-finding-types.js';
import { useApi } from '../api/hooks.js';
import {
  CLINICAL_CRITICALITIES,
  DEVICE_STATUSES,
  type Device,
  type DevicePatch,
  PATCH_POLICIES,
  type ProductVersion,
} from '../api/types.js';
import { useAuth } from '../auth.js';
import { ComponentTable } from '../components/ComponentTable.js';
import { DeviceControlsSection } from '../components/device-controls.js';
import { DeviceExposureSection, DeviceHygieneSection } from '../components/device-hygiene.js';
import {
  CvssScore,
  DueDate,
  EvidenceSentence,
  FindingsPanel,
  KevBadge,
  PriorityBadge,
  shortCpe,
} from '../components/findings.js';
import {
  Alert,
  Badge,
  CriticalityBadge,
  DefinitionList,
  Empty,
  ErrorState,
  Field,
  Loading,
  PageHeader,
  StatusBadge,
} from '../components/ui.js';
import { daysSince, formatAge, formatDate, formatDateTime, humanize } from '../format.js';
import { PatchAge } from './Devices.js';

export function DeviceDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const device = useApi<Device>(`/devices/${id}`);
  const pv = useApi<ProductVersion>(device.data ? `/product-versions/${device.data.productVersionId}` : null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (device.error) return <ErrorState error={device.error} retry={device.reload} />;
  if (!device.data) return <Loading />;
  const d = device.data;
  const eos = d.endOfSupportDate ? daysSince(d.endOfSupportDate) : undefined;

  return (
    <>
      <PageHeader
        documentTitle={d.assetTag}
        breadcrumbs={
          <>
            <Link to="/devices">Devices</Link> / {d.assetTag}
          </>
        }
        title={
          <>
            {d.assetTag} <StatusBadge value={d.status} /> <CriticalityBadge value={d.clinicalCriticality} />
          </>
        }
        subtitle={`${d.supplier} ${d.product} ${d.productVersion}${d.deviceType ? ` · ${d.deviceType}` : ''}`}
        actions={
          can('inventory:write') && !editing ? (
            <button type="button" className="button button-primary" onClick={() => setEditing(true)}>
              Edit device
            </button>
          ) : undefined
        }
      />
      {saved && <Alert tone="success">The device has been updated.</Alert>}
      {editing && (
        <DeviceEditForm
          device={d}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            device.reload();
          }}
        />
      )}
      <div className="grid-2">
        <section className="card">
          <h2>Identity</h2>
          <DefinitionList
            items={[
              ['Asset tag', d.assetTag],
              ['Serial number', d.serialNumber && <span className="mono">{d.serialNumber}</span>],
              [
                'Product version',
                <Link key="pv" to={`/product-versions/${d.productVersionId}`}>
                  {d.supplier} · {d.product} {d.productVersion}
                </Link>,
              ],
              ['Device type', d.deviceType],
              ['Clinical function', d.clinicalFunction],
              ['Clinical criticality', <CriticalityBadge key="c" value={d.clinicalCriticality} />],
              ['Status', <StatusBadge key="s" value={d.status} />],
            ]}
          />
        </section>
        <section className="card">
          <h2>Place and ownership</h2>
          <DefinitionList
            items={[
              [
                'Site',
                <Link key="site" to={`/devices?siteId=${d.siteId}`}>
                  {d.site}
                </Link>,
              ],
              ['Location', d.location],
              ['Department', d.department],
              ['Owner', d.owner],
              ['Purchased', d.purchaseDate && formatDate(d.purchaseDate)],
              [
                'End of support',
                d.endOfSupportDate && (
                  <>
                    {formatDate(d.endOfSupportDate)}{' '}
                    {eos !== undefined && eos > 0 && <Badge tone="danger">ended {formatAge(eos)}</Badge>}
                  </>
                ),
              ],
              ['Last updated', formatDateTime(d.updatedAt)],
            ]}
          />
        </section>
        <section className="card">
          <h2>Operating system and patches</h2>
          <DefinitionList
            items={[
              ['Operating system', d.os && [d.os.name, d.os.version, d.os.edition].filter(Boolean).join(' ')],
              ['Build', d.os?.build && <span className="mono">{d.os.build}</span>],
              ['Last patch', <PatchAge key="p" date={d.lastPatchDate} />],
              ['Days since last patch', daysSince(d.lastPatchDate)?.toString()],
              ['Patch policy', d.patchPolicy && humanize(d.patchPolicy)],
              ['Patch restrictions', d.patchRestrictions],
              [
                'Installed updates',
                d.installedUpdates.length > 0 && (
                  <span className="tag-list">
                    {d.installedUpdates.map((u) => (
                      <code key={u}>{u}</code>
                    ))}
                  </span>
                ),
              ],
            ]}
          />
        </section>
        <section className="card">
          <h2>Network and protection</h2>
          {d.networkIdentities.length === 0 ? (
            <p className="muted">No network identity recorded.</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">IP address</th>
                  <th scope="col">MAC address</th>
                  <th scope="col">Hostname</th>
                </tr>
              </thead>
              <tbody>
                {d.networkIdentities.map((n) => (
                  <tr key={`${n.ipAddress}-${n.macAddress}-${n.hostname}`}>
                    <td className="mono">{n.ipAddress ?? '—'}</td>
                    <td className="mono">{n.macAddress ?? '—'}</td>
                    <td className="mono">{n.hostname ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Security software</h3>
          {d.securitySoftware.length === 0 ? (
            <p className="muted">No security software recorded.</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Version</th>
                  <th scope="col">Signatures</th>
                </tr>
              </thead>
              <tbody>
                {d.securitySoftware.map((s) => {
                  const age = daysSince(s.signatureDate);
                  return (
                    <tr key={`${s.product}-${s.version}`}>
                      <td>{s.product}</td>
                      <td className="mono">{s.version ?? '—'}</td>
                      <td>
                        {s.signatureDate ? formatDate(s.signatureDate) : '—'}{' '}
                        {age !== undefined && (
                          <Badge tone={age > 30 ? 'danger' : age > 7 ? 'warning' : 'success'}>
                            {formatAge(age)}
                          </Badge>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <DeviceHygieneSection deviceId={d.id} />
      <DeviceExposureSection deviceId={d.id} />
      <DeviceFindingsSection deviceId={d.id} />
      <DeviceControlsSection device={d} canEdit={can('inventory:write')} onSaved={device.reload} />
      <section className="card" id="vulnerabilities" aria-labelledby="device-vulnerabilities">
        <div className="card-header">
          <h2 id="device-vulnerabilities">Vulnerabilities</h2>
          <span className="muted">
            Open findings in the software of {d.product} {d.productVersion}, most urgent first
          </span>
        </div>
        <FindingsPanel
          filter={{ deviceId: d.id }}
          fullList={`/vulnerabilities?deviceId=${d.id}`}
          hide={['productVersion', 'devices']}
          empty={
            pv.data && !pv.data.currentSbomId
              ? 'No findings: there is no SBOM for this product version to match.'
              : 'No open findings: no component of this device’s software matches a known vulnerability.'
          }
        />
      </section>
      <section className="card" id="components">
        <div className="card-header">
          <h2>Components inside</h2>
          {pv.data?.currentSbomId && (
            <span className="muted">
              From the current SBOM of{' '}
              <Link to={`/product-versions/${pv.data.id}`}>
                {pv.data.product} {pv.data.version}
              </Link>{' '}
              · {pv.data.componentCount} components
            </span>
          )}
        </div>
        {pv.error && <ErrorState error={pv.error} />}
        {!pv.data && !pv.error && <Loading />}
        {pv.data && !pv.data.currentSbomId && (
          <Empty title="No SBOM yet for this product version.">
            {can('sboms:write') && <Link to="/imports">Upload one</Link>}
          </Empty>
        )}
        {pv.data?.currentSbomId && <ComponentTable sbomId={pv.data.currentSbomId} />}
      </section>
    </>
  );
}

/**
 * What the device has through the operating system its inventory records and the services scans saw
 * answering on it, rather than through its SBOM: each vulnerability with where it was found (the OS, or a
 * port), the CPE that matched, and its priority and due date from this device's own criticality and reach.
 */
function DeviceFindingsSection({ deviceId }: { deviceId: number }) {
  const { data, error, reload } = useApi<{ items: DeviceFinding[] }>(`/devices/${deviceId}/device-findings`);
  const [open, setOpen] = useState<number>();
  return (
    <section
      className="card"
      id="device-findings"
      aria-labelledby="device-findings-title"
      data-testid="device-findings"
    >
      <div className="card-header">
        <h2 id="device-findings-title">Found from its operating system and network services</h2>
        <span className="muted">
          Vulnerabilities of the OS its inventory records and of the services scans saw answering on it,
          beyond its SBOM’s findings
        </span>
      </div>
      {error && <ErrorState error={error} retry={reload} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && (
        <p className="muted">
          None: neither its recorded operating system nor a service seen answering on it in the last 90 days
          matches a known vulnerability its SBOM’s findings do not already carry.
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table compact findings-table">
            <thead>
              <tr>
                <th scope="col">Vulnerability</th>
                <th scope="col">Found on</th>
                <th scope="col">CPE</th>
                <th scope="col">Priority</th>
                <th scope="col" className="num">
                  CVSS
                </th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((f) => {
                const expanded = open === f.id;
                return (
                  <Fragment key={f.id}>
                    <tr data-testid="device-finding">
                      <td className="vuln-cell">
                        <Link
                          to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`}
                          className="strong-link"
                        >
                          {f.vulnerabilityId}
                        </Link>{' '}
                        {f.kev && <KevBadge dueDate={f.kevDueDate} />}
                        {f.summary && <div className="muted small clamp">{f.summary}</div>}
                      </td>
                      <td>
                        <div className="nowrap">
                          {DEVICE_FINDING_ORIGIN_LABEL[f.origin]}
                          {f.port !== undefined && (
                            <span className="mono">
                              {' '}
                              {f.port}/{f.transport}
                            </span>
                          )}
                        </div>
                        <div className="muted small">
                          {f.component.name}
                          {f.component.version ? ` ${f.component.version}` : ''}
                        </div>
                      </td>
                      <td>
                        <code className="small" title={f.cpe}>
                          {shortCpe(f.cpe)}
                        </code>
                        <div>
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={expanded}
                            onClick={() => setOpen(expanded ? undefined : f.id)}
                          >
                            {expanded ? 'Hide how' : 'How it matched'}
                          </button>
                        </div>
                      </td>
                      <td>
                        <PriorityBadge priority={f.priority} reason={f.priorityReason} />
                        {f.exposure === 'internet' && <span className="muted small"> internet-facing</span>}
                      </td>
                      <td className="num">
                        <CvssScore score={f.cvssScore} vector={f.cvssVector} />
                      </td>
                      <td>
                        <DueDate dueDate={f.dueDate} overdue={f.overdue} />
                      </td>
                    </tr>
                    {expanded && (
                      <tr className="detail-row">
                        <td colSpan={6}>
                          {f.evidence.map((e) => (
                            <EvidenceSentence key={e.advisoryId} component={f.component} item={e} />
                          ))}
                          <p className="muted small">{f.priorityReason}</p>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type EditState = {
  status: string;
  clinicalCriticality: string;
  owner: string;
  department: string;
  patchPolicy: string;
  patchRestrictions: string;
};

const EDITABLE = [
  'status',
  'clinicalCriticality',
  'owner',
  'department',
  'patchPolicy',
  'patchRestrictions',
] as const;

function DeviceEditForm({
  device,
  onCancel,
  onSaved,
}: {
  device: Device;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const initial: EditState = {
    status: device.status,
    clinicalCriticality: device.clinicalCriticality ?? '',
    owner: device.owner ?? '',
    department: device.department ?? '',
    patchPolicy: device.patchPolicy ?? '',
    patchRestrictions: device.patchRestrictions ?? '',
  };
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const change = (key: keyof EditState) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const key of EDITABLE) {
      const value = values[key].trim();
      if (value !== initial[key]) patch[key] = value === '' ? null : value;
    }
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.patch<Device>(`/devices/${device.id}`, patch as DevicePatch);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The device could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: string) => error?.fieldError(key);
  return (
    <form
      className="card form-card edit-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Edit device"
    >
      <h2>Edit {device.assetTag}</h2>
      {error && error.details.length === 0 && (
        <Alert>{error.status === 403 ? 'Your role does not allow changing devices.' : error.message}</Alert>
      )}
      <div className="form-grid">
        <Field label="Status" error={fieldError('status')}>
          {(props) => (
            <select {...props} name="status" value={values.status} onChange={change('status')}>
              {DEVICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Clinical criticality" error={fieldError('clinicalCriticality')}>
          {(props) => (
            <select
              {...props}
              name="clinicalCriticality"
              value={values.clinicalCriticality}
              onChange={change('clinicalCriticality')}
            >
              <option value="">Not set</option>
              {CLINICAL_CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Owner" error={fieldError('owner')}>
          {(props) => (
            <input {...props} name="owner" value={values.owner} onChange={change('owner')} maxLength={200} />
          )}
        </Field>
        <Field label="Department" error={fieldError('department')}>
          {(props) => (
            <input
              {...props}
              name="department"
              value={values.department}
              onChange={change('department')}
              maxLength={200}
            />
          )}
        </Field>
        <Field label="Patch policy" error={fieldError('patchPolicy')}>
          {(props) => (
            <select {...props} name="patchPolicy" value={values.patchPolicy} onChange={change('patchPolicy')}>
              <option value="">Not set</option>
              {PATCH_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {humanize(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Patch restrictions" error={fieldError('patchRestrictions')}>
          {(props) => (
            <textarea
              {...props}
              name="patchRestrictions"
              rows={3}
              value={values.patchRestrictions}
              onChange={change('patchRestrictions')}
              maxLength={2000}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
