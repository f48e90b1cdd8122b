/**
 * Reading vers strings, as vers-spec's how-to-parse says: no whitespace, `vers:` then a lowercase type
 * then `/`, constraints separated by single pipes with none leading or trailing, a comparator (none for
 * equality: a leading `=` is refused) then a version, percent-decoded exactly once.
 *
 * parseVers is the strict reading: the text must be the canonical spelling (versions sorted, encoded
 * canonically, type-specific rules such as datetime's uppercase `T` and `Z`) of a valid range (5.4), as
 * stored ranges are. readVers is the lenient one, for ranges written by others: constraints in any order are
 * sorted, exact duplicates dropped, `=` and an uppercase `VERS:` or type accepted; syntax errors stay errors.
 *
 * Neither judges a lone version against its type (the spec's own example `vers:npm/1.0%252F0` parses):
 * a version is read by its type's scheme when it must be compared, and throws InvalidVersionError then.
 */
import { VersError } from './errors.js';
import { canonicalConstraints } from './format.js';
import { requireOrdering } from './ordering.js';
import { decodeVersion } from './percent.js';
import {
  hasVersion,
  isVersType,
  STAR,
  type VersComparator,
  type VersConstraint,
  type VersRange,
} from './range.js';
import { structureProblems } from './validate.js';

/** A vers string longer than this is refused before it is read; real ranges are a few hundred characters. */
export const MAX_VERS_LENGTH = 65_536;

// The conformance tests' wording (vers_canonical_parse_test.json), kept word for word.
const WHITESPACE = 'non-canonical VERS: whitespace is not permitted';
const LEADING_PIPE = 'non-canonical VERS: leading pipe is not permitted';
const TRAILING_PIPE = 'non-canonical VERS: trailing pipe is not permitted';
const CONSECUTIVE_PIPES = 'non-canonical VERS: consecutive pipes are not permitted';
const INVALID_PERCENT = 'non-canonical VERS: invalid percent-encoding in version';
const NON_CANONICAL_PERCENT = 'non-canonical VERS: percent-encoding in version is not canonical';

/** Spelling rules of particular types, checked on a version's raw and decoded text. */
const TYPE_RULES: Record<string, (raw: string, version: string) => string | undefined> = {
  // RFC 3339 timestamps: a colon is a plain character in a vers version, and T and Z are uppercase.
  datetime: (raw, version) =>
    /%3A/i.test(raw)
      ? 'non-canonical VERS: datetime time colons must be unencoded'
      : /[tz]/.test(version)
        ? 'non-canonical VERS: datetime must use uppercase T and Z'
        : undefined,
};

type Mode = 'canonical' | 'lenient';

/** The range a canonical vers string spells; throws VersError naming the first rule it breaks. */
export function parseVers(text: string): VersRange {
  return read(text, 'canonical');
}

/** The range a vers string spells, in whatever order its constraints were written. */
export function readVers(text: string): VersRange {
  return read(text, 'lenient');
}

function read(text: string, mode: Mode): VersRange {
  const fail = (message: string): never => {
    throw new VersError(text, message);
  };
  if (text.length > MAX_VERS_LENGTH) fail(`invalid VERS: longer than ${MAX_VERS_LENGTH} characters`);
  if (/[\t\n\v\f\r ]/.test(text)) fail(WHITESPACE);
  if (!/^[\x21-\x7e]*$/.test(text)) fail('invalid VERS: only printable ASCII characters are permitted');

  const colon = text.indexOf(':');
  const uriScheme = colon < 0 ? '' : text.slice(0, colon);
  if (uriScheme !== 'vers' && !(mode === 'lenient' && uriScheme.toLowerCase() === 'vers')) {
    fail("invalid VERS: it must start with 'vers:'");
  }
  const specifier = text.slice(colon + 1);
  const slash = specifier.indexOf('/');
  if (slash < 0) fail("invalid VERS: the type must be followed by '/'");
  const scheme = mode === 'lenient' ? specifier.slice(0, slash).toLowerCase() : specifier.slice(0, slash);
  if (!isVersType(scheme)) {
    fail(
      isVersType(scheme.toLowerCase())
        ? 'non-canonical VERS: the type must be lowercase'
        : "invalid VERS: the type must start with a letter and hold only letters, digits, '.' and '-'",
    );
  }
  if (scheme === 'invalid') fail("invalid VERS: the reserved type 'invalid' is never valid");

  const body = specifier.slice(slash + 1);
  if (body === '') fail('invalid VERS: constraints are empty');
  if (body.startsWith('|')) fail(LEADING_PIPE);
  if (body.endsWith('|')) fail(TRAILING_PIPE);
  if (body.includes('||')) fail(CONSECUTIVE_PIPES);
  const constraints = body.split('|').map((raw) => readConstraint(raw, scheme, mode, fail));

  const versioned = constraints.filter(hasVersion);
  if (versioned.length < constraints.length) {
    if (constraints.length > 1) fail("invalid VERS: '*' must be the only constraint");
    return { scheme, constraints: [STAR] };
  }
  if (constraints.length === 1) return { scheme, constraints };
  if (mode === 'lenient') return { scheme, constraints: canonicalConstraints(scheme, constraints) };
  if (scheme !== 'example' && scheme !== 'test') {
    const problem = structureProblems(requireOrdering(scheme), versioned)[0];
    if (problem) fail(problem);
  }
  return { scheme, constraints };
}

const COMPARATORS: readonly VersComparator[] = ['>=', '<=', '!=', '<', '>'];

function readConstraint(
  raw: string,
  scheme: string,
  mode: Mode,
  fail: (message: string) => never,
): VersConstraint {
  if (raw.startsWith('*'))
    return raw === '*' ? STAR : fail("invalid VERS: '*' stands alone, without a version");
  let comparator: VersComparator = '=';
  let rest = raw;
  const written = COMPARATORS.find((c) => raw.startsWith(c));
  if (written) {
    comparator = written;
    rest = raw.slice(written.length);
  } else if (raw.startsWith('=')) {
    if (mode === 'canonical') fail("non-canonical VERS: equality is a bare version, without '='");
    rest = raw.slice(1);
  }
  if (rest === '') fail('invalid VERS: a constraint has no version');
  // These characters are percent-encoded in a version, so a raw one is a comparator that does not exist.
  if (/[<>=!*]/.test(rest)) fail(`invalid VERS: "${raw}" is not a comparator followed by a version`);

  const decoded = decodeVersion(rest);
  if (!decoded.ok) {
    return fail(
      decoded.problem === 'invalid-triplet'
        ? INVALID_PERCENT
        : 'invalid VERS: a version holds only printable ASCII characters',
    );
  }
  if (mode === 'canonical') {
    if (decoded.lowercaseHex) fail(NON_CANONICAL_PERCENT);
    const typeProblem = TYPE_RULES[scheme]?.(rest, decoded.version);
    if (typeProblem) fail(typeProblem);
    if (!decoded.canonical) fail(NON_CANONICAL_PERCENT);
  }
  return { comparator, version: decoded.version };
}
