import { isPlainPurl, isValidPurl } from '../../core/purl.js';

export { isValidPurl };

/** Exposed for the test that holds the fast path to parsePurl's verdicts. */
export const _plainlyValidPurl = isPlainPurl;
