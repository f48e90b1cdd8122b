/**
 * The affected versions of OpenSSL's vulnerability list (https://www.openssl.org/news/vulnerabilities.xml):
 * versions one by one, comma-separated (`3.0.0, 1.0.1b`), each on its own; OpenSSL writes no bounds there.
 */
import { exactly } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

export const readOpensslRange: NativeRangeReader = (text, _ordering, fail) => {
  const versions = text.replace(/\s+/g, '').toLowerCase().split(',');
  if (versions.some((version) => version === '')) fail('an empty version in the list');
  return versions.map(exactly);
};
