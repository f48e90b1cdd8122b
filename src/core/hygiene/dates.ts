/**
 * Calendar days between `YYYY-MM-DD` dates, as hygiene counts them: days past an end of support, days since
 * a patch or a signature. Dates are civil dates (no time zone): an inventory's "last patched 2024-03-01" is
 * a day, not an instant, so the arithmetic is on UTC midnights and never drifts with daylight saving.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of a valid `YYYY-MM-DD` date, or undefined. */
export function dayOf(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over into March; a date that does not exist is refused instead.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return undefined;
  return ms / DAY_MS;
}

export function isIsoDate(date: string): boolean {
  return dayOf(date) !== undefined;
}

/** `to - from` in days (negative when `to` is earlier), or undefined when either is not a valid date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayOf(from);
  const b = dayOf(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** The date `n` days after (or before, when negative) `date`, which must be valid. */
export function addDays(date: string, n: number): string {
  const day = dayOf(date);
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date((day + n) * DAY_MS).toISOString().slice(0, 10);
}
