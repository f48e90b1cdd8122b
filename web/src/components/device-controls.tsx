/**
 * What the hospital does for a device instead of patching it (compensating controls), and whether it is
 * enrolled in its OS vendor's extended security updates: shown on the device page, and changed there by
 * those who may change devices. Segmentation lowers the priority of the device's findings unless a scan
 * sees the device from the internet, so the section says so.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import {
  COMPENSATING_CONTROL_KINDS,
  type CompensatingControl,
  type Device,
  type DevicePatch,
  EXTENDED_SUPPORT_CHANNELS,
  type ExtendedSupportEnrolment,
} from '../api/types.js';
import { formatDate, humanize } from '../format.js';
import { Alert, Badge, DefinitionList, Field } from './ui.js';

export function DeviceControlsSection({
  device,
  canEdit,
  onSaved,
}: {
  device: Device;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" id="controls" aria-labelledby="device-controls" data-testid="device-controls">
      <div className="card-header">
        <h2 id="device-controls">Compensating controls</h2>
        {canEdit && !editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit controls
          </button>
        )}
      </div>
      {editing ? (
        <ControlsForm
          device={device}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      ) : (
        <DefinitionList
          items={[
            ['Controls', <ControlList key="controls" controls={device.compensatingControls} />],
            ['Extended security updates', describeEnrolment(device.extendedSupport)],
          ]}
        />
      )}
      {!editing && device.compensatingControls.some((c) => c.kind === 'segmentation') && (
        <p className="muted">
          Segmentation lowers the priority of this device’s findings by one step, unless a scan sees the
          device from the internet.
        </p>
      )}
    </section>
  );
}

function ControlList({ controls }: { controls: readonly CompensatingControl[] }) {
  if (controls.length === 0) return <span className="muted">None recorded</span>;
  return controls.map((c) => (
    <div key={`${c.kind}:${c.detail ?? ''}`}>
      <Badge tone={c.kind === 'segmentation' ? 'success' : 'info'}>{humanize(c.kind)}</Badge>
      {c.detail && <> {c.detail}</>}
    </div>
  ));
}

function describeEnrolment(e: ExtendedSupportEnrolment | undefined): string {
  if (!e?.enrolled) return 'Not enrolled';
  const channel = e.channel && e.channel !== 'commercial' ? ` (${e.channel})` : '';
  return `Enrolled${channel}${e.paidThrough ? `, paid through ${formatDate(e.paidThrough)}` : ''}`;
}

interface ControlRow {
  kind: CompensatingControl['kind'];
  detail: string;
}

function ControlsForm({
  device,
  onCancel,
  onSaved,
}: {
  device: Device;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const [rows, setRows] = useState<ControlRow[]>(
    device.compensatingControls.map((c) => ({ kind: c.kind, detail: c.detail ?? '' })),
  );
  const [enrolment, setEnrolment] = useState(
    device.extendedSupport?.enrolled ? (device.extendedSupport.channel ?? 'commercial') : '',
  );
  const [paidThrough, setPaidThrough] = useState(device.extendedSupport?.paidThrough ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const setRow = (i: number, row: Partial<ControlRow>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...row } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: DevicePatch = {
      compensatingControls: rows.map((r) => ({
        kind: r.kind,
        ...(r.detail.trim() ? { detail: r.detail.trim() } : {}),
      })),
      extendedSupport: enrolment
        ? {
            enrolled: true,
            channel: enrolment as NonNullable<ExtendedSupportEnrolment['channel']>,
            ...(paidThrough ? { paidThrough } : {}),
          }
        : null,
    };
    setBusy(true);
    setError(undefined);
    try {
      await api.patch<Device>(`/devices/${device.id}`, patch);
      onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The controls could not be saved.'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Edit compensating controls">
      {error && (
        <Alert>{error.status === 403 ? 'Your role does not allow changing devices.' : error.message}</Alert>
      )}
      {rows.map((row, i) => (
        // Rows have no identity of their own; their position is what the form edits.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="form-grid" key={i}>
          <Field label={`Control ${i + 1}`} error={error?.fieldError(`compensatingControls[${i}].kind`)}>
            {(props) => (
              <select
                {...props}
                value={row.kind}
                onChange={(e) => setRow(i, { kind: e.target.value as ControlRow['kind'] })}
              >
                {COMPENSATING_CONTROL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {humanize(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Detail" error={error?.fieldError(`compensatingControls[${i}].detail`)}>
            {(props) => (
              <input
                {...props}
                value={row.detail}
                maxLength={500}
                placeholder="VLAN 40, SMBv1…"
                onChange={(e) => setRow(i, { detail: e.target.value })}
              />
            )}
          </Field>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        </div>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={rows.length >= 20}
          onClick={() => setRows((all) => [...all, { kind: 'segmentation', detail: '' }])}
        >
          Add a control
        </button>
      </div>
      <div className="form-grid">
        <Field label="Extended security updates" error={error?.fieldError('extendedSupport.channel')}>
          {(props) => (
            <select {...props} value={enrolment} onChange={(e) => setEnrolment(e.target.value)}>
              <option value="">Not enrolled</option>
              {EXTENDED_SUPPORT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  Enrolled ({c})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Paid through" error={error?.fieldError('extendedSupport.paidThrough')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={paidThrough}
              disabled={!enrolment}
              onChange={(e) => setPaidThrough(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save controls'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
