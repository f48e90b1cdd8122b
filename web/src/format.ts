/** How values read on screen: dates, ages, counts, sizes and the labels of enumerations. */

const numberFormat = new Intl.NumberFormat('en');

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Whole days from a YYYY-MM-DD date (or an ISO time) to today. */
export function daysSince(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const then = new Date(value.length === 10 ? `${value}T00:00:00Z` : value).getTime();
  if (Number.isNaN(then)) return undefined;
  return Math.floor((now.getTime() - then) / 86_400_000);
}

export function formatAge(days: number | undefined): string {
  if (days === undefined) return '—';
  if (days < 0) return 'in the future';
  if (days === 0) return 'today';
  if (days === 1) return '1 day ago';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.4)} months ago`;
  return `${(days / 365.25).toFixed(1)} years ago`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `life-critical` → `Life-critical`, `in-service` → `In service`. */
export function humanize(value: string | null | undefined): string {
  if (!value) return 'Unknown';
  const text = value === 'life-critical' ? value : value.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function componentLabel(c: { name: string; group?: string }): string {
  return c.group ? `${c.group}/${c.name}` : c.name;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A probability as a percentage: 0.97512 → 97.5%, 0.00042 → 0.04%, below 0.01% → <0.01%. */
export function formatPercent(p: number): string {
  const percent = p * 100;
  if (percent === 0) return '0%';
  if (percent < 0.01) return '<0.01%';
  const digits = percent >= 10 ? 1 : percent >= 1 ? 2 : percent >= 0.1 ? 2 : 3;
  return `${Number(percent.toFixed(digits)).toString()}%`;
}

/** An ordinal percentile: 0.9995 → 99.9th, 1 → 100th. */
export function formatPercentile(p: number): string {
  const n = Math.floor(p * 1000) / 10;
  const text = Number.isInteger(n) ? n.toFixed(0) : n.toFixed(1);
  const last = Number.isInteger(n) ? n % 100 : -1;
  const suffix =
    last >= 11 && last <= 13
      ? 'th'
      : last % 10 === 1
        ? 'st'
        : last % 10 === 2
          ? 'nd'
          : last % 10 === 3
            ? 'rd'
            : 'th';
  return `${text}${suffix}`;
}

/** Whole days from today to a YYYY-MM-DD date (negative once past). */
export function daysUntil(value: string | undefined, now: Date = new Date()): number | undefined {
  const since = daysSince(value, now);
  return since === undefined ? undefined : -since;
}

/** A share of a whole as a percentage: 515 of 2,379 → 21.6%, 3 of 2,379 → 0.13%, none → 0%. */
export function formatShare(count: number, total: number): string {
  if (total <= 0 || count <= 0) return '0%';
  const percent = (count / total) * 100;
  if (percent >= 99.95 && count < total) return '>99.9%';
  if (percent < 0.01) return '<0.01%';
  return `${Number(percent.toFixed(percent >= 1 ? 1 : 2)).toString()}%`;
}

/** Today as YYYY-MM-DD (UTC, as the server dates its daily snapshots). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
