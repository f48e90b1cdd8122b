import type { DeviceFindingView } from '../../../app/device-finding-ports.js';
import { csvCell } from '../../csv.js';

/** A device finding as the API answers it; `overdue` is measured against `today` (YYYY-MM-DD). */
export function presentDeviceFinding(finding: DeviceFindingView, today: string) {
  return { ...finding, overdue: finding.status === 'open' && finding.dueDate < today };
}

export const today = () => new Date().toISOString().slice(0, 10);

/** One row per device finding, cells quoted as every export quotes them (RFC 4180, formula-safe). */
export function deviceFindingsCsv(rows: readonly DeviceFindingView[], day: string): string {
  const columns: [string, (r: DeviceFindingView) => string | number | boolean | undefined][] = [
    ['asset_tag', (r) => r.device.assetTag],
    ['site', (r) => r.device.site],
    ['supplier', (r) => r.device.supplier],
    ['product', (r) => r.device.product],
    ['product_version', (r) => r.device.productVersion],
    ['device_type', (r) => r.device.deviceType],
    ['clinical_criticality', (r) => r.device.clinicalCriticality],
    ['vulnerability', (r) => r.vulnerabilityId],
    ['priority', (r) => r.priority],
    ['due_date', (r) => r.dueDate],
    ['overdue', (r) => r.status === 'open' && r.dueDate < day],
    ['kev', (r) => r.kev],
    ['cvss', (r) => r.cvssScore],
    ['epss', (r) => r.epss],
    ['origin', (r) => r.origin],
    ['port', (r) => (r.port !== undefined ? `${r.port}/${r.transport ?? 'tcp'}` : undefined)],
    [
      'found_on',
      (r) => (r.component.version ? `${r.component.name} ${r.component.version}` : r.component.name),
    ],
    ['cpe', (r) => r.cpe],
    ['exposure', (r) => r.exposure],
    ['status', (r) => r.status],
    ['first_seen', (r) => r.firstSeen],
  ];
  const cell = (value: string | number | boolean | undefined) =>
    csvCell(typeof value === 'boolean' ? String(value) : value);
  return `${[columns.map(([name]) => name).join(','), ...rows.map((r) => columns.map(([, get]) => cell(get(r))).join(','))].join('\r\n')}\r\n`;
}
