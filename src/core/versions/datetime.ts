import type { VersionScheme } from './scheme.js';
import { compareText } from './text.js';

/**
 * Versions that are points in time (the vers `datetime` scheme): RFC 3339 timestamps
 * (`2024-01-01T00:00:00Z`, `2023-12-31T19:00:00-05:00`, fractional seconds of any precision), ordered by
 * the instant they name, so that one instant written with different offsets or precisions is one version.
 * The instant is kept as whole seconds since 1970 and the fraction's digits, because a JavaScript `Date`
 * would round the fraction to milliseconds.
 */
export interface Instant {
  readonly seconds: number;
  /** Fractional digits without trailing zeros (`` for a whole second). */
  readonly fraction: string;
}

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,32}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export const datetimeScheme: VersionScheme<Instant> = {
  name: 'datetime',
  parse: (text) => {
    const m = RFC_3339.exec(text);
    if (!m) return undefined;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const offsetHours = m[8] ? 0 : Number(m[10]);
    const offsetMinutes = m[8] ? 0 : Number(m[11]);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
    // A second of 60 is a leap second, which RFC 3339 allows.
    if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second);
    const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    return { seconds: date.getTime() / 1000 - offset, fraction: (m[7] ?? '').replace(/0+$/, '') };
  },
  compare: (a, b) =>
    a.seconds !== b.seconds ? (a.seconds < b.seconds ? -1 : 1) : compareText(a.fraction, b.fraction),
};

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
