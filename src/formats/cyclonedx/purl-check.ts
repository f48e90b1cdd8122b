import { parsePurl } from '../../core/purl.js';

/*
 * packageurl-js takes about 4 µs a purl (it builds a WHATWG URL), which alone would cost a 50k-component
 * SBOM as much time as JSON.parse of the whole document. Most purls in SBOMs are plain, so a strict
 * pattern recognises those; whatever it does not recognise goes to parsePurl, which has the last word.
 * The pattern must accept only what parsePurl accepts (a test checks this): it admits no percent-escape
 * but `%40`, `%2B`, `%3A` (those decode to printable ASCII, so decoding cannot fail or empty a name), no
 * subpath, and leaves to parsePurl the types with their own rules (conan, cran, golang, mlflow, oci, pub,
 * swift) except maven, whose one rule (a namespace) is checked here.
 */
// `%` is admitted by the pattern and its escapes checked apart: an alternation per character is slow.
const segment = '[A-Za-z0-9._~+:!%-]+';
// No `%` in qualifier values: packageurl-js decodes them twice, so `%25` would fail there.
const qualifier = '[A-Za-z._-][A-Za-z0-9._-]*=[A-Za-z0-9._~:!/-]+';
const tail = String.raw`(?:@[A-Za-z0-9._~+:!-]+)?(?:\?${qualifier}(?:&${qualifier})*)?$`;
// Lower-case types only (others go to parsePurl); maven needs a namespace; the types with rules of
// their own are kept out by the lookahead.
const plainPurl = new RegExp(
  `^pkg:(?:maven/(?:${segment}/)+|(?!(?:conan|cran|golang|maven|mlflow|oci|pub|swift)/)[a-z][a-z0-9.+-]*/(?:${segment}/)*)${segment}${tail}`,
);
const otherEscape = /%(?!40|2[Bb]|3[Aa])/;

function plainlyValid(text: string): boolean {
  return plainPurl.test(text) && !(text.includes('%') && otherEscape.test(text));
}

export function isValidPurl(text: string): boolean {
  return plainlyValid(text) || parsePurl(text) !== undefined;
}

/** Exposed for the test that holds the fast path to parsePurl's verdicts. */
export const _plainlyValidPurl = plainlyValid;
