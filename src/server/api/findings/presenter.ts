import type { FindingView } from '../../../app/finding-ports.js';

/** A finding as the API answers it; `overdue` is measured against `today` (YYYY-MM-DD). */
export function presentFinding(finding: FindingView, today: string) {
  return { ...finding, overdue: finding.status === 'open' && finding.dueDate < today };
}

export const today = () => new Date().toISOString().slice(0, 10);
