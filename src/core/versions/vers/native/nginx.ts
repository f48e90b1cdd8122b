/**
 * The ranges of nginx's security advisories (https://nginx.org/en/security_advisories.html: "Vulnerable:
 * 1.1.4-1.2.8, 1.3.9-1.4.0", "Not vulnerable: 1.5.0+, 1.4.1+"), comma-separated alternatives: `a-b`
 * from a to b inclusive; `v+` from v on, within v's branch when v is a stable release (even minor number:
 * `1.4.1+` stops before 1.5.0) and without end on the mainline (odd minor); a lone version; `all`.
 */
import { EVERY_VERSION, exactly, from, type Interval, isEmpty } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

export const readNginxRange: NativeRangeReader = (text, ordering, fail) => {
  const cleaned = text.replace(/\s+/g, '').toLowerCase();
  if (cleaned === 'all') return [EVERY_VERSION];
  if (cleaned === 'none' || cleaned === '') fail('no version');
  return cleaned.split(',').map((clause): Interval => {
    const dash = clause.indexOf('-');
    if (dash >= 0) {
      const interval = {
        lower: { version: clause.slice(0, dash), inclusive: true },
        upper: { version: clause.slice(dash + 1), inclusive: true },
      };
      return isEmpty(ordering, interval) ? fail(`${clause} holds no version`) : interval;
    }
    if (!clause.endsWith('+')) return exactly(clause);
    const version = clause.slice(0, -1);
    const match = VERSION.exec(version);
    if (!match) return fail(`"${version}" is not an nginx version`);
    const minor = Number(match[2]);
    if (minor % 2 === 1) return from(version);
    return {
      lower: { version, inclusive: true },
      upper: { version: `${match[1]}.${minor + 1}.0`, inclusive: false },
    };
  });
};
