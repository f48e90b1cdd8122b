/**
 * CPE 2.3 formatted strings (NIST IR 7695, "Common Platform Enumeration: Naming Specification Version 2.3",
 * section 6.2): `cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other`.
 * No maintained JavaScript library reads them, so this small, strict parser does; NVD's configurations name
 * every platform this way, and matching (issue 5) looks them up by vendor and product.
 *
 * The rules followed: eleven attributes after the `cpe:2.3:` prefix, separated by unescaped colons; an
 * attribute that is exactly `*` is ANY and exactly `-` is NA (not applicable); a backslash quotes the next
 * character (`\:`, `\/`, `\\`, `\*`…), which must be punctuation; letters, digits, `_`, `-` and `.` stand
 * unquoted; an unquoted `*` may open or close a value and `?`s may run at either end (wildcards, for patterns);
 * anything else (a space, an unquoted `/`, a non-ASCII character) makes the string invalid. CPE values compare
 * without regard to case (IR 7695 §5.3.2), so values are kept lowercased. Linear in the string's length.
 */

/** A CPE attribute's value: ANY (`*`), NA (`-`), or a value (unquoted; `wildcard` when it holds an unquoted `*` or `?`). */
export type CpeValue = { kind: 'any' } | { kind: 'na' } | { kind: 'value'; value: string; wildcard: boolean };

export type CpePart = 'a' | 'o' | 'h';

export interface Cpe23 {
  /** `a` application, `o` operating system, `h` hardware; undefined for ANY (a pattern over every part). */
  part: CpePart | undefined;
  vendor: CpeValue;
  product: CpeValue;
  version: CpeValue;
  update: CpeValue;
  edition: CpeValue;
  language: CpeValue;
  swEdition: CpeValue;
  targetSw: CpeValue;
  targetHw: CpeValue;
  other: CpeValue;
}

export type CpeParseResult = { ok: true; cpe: Cpe23 } | { ok: false; reason: string };

const PREFIX = 'cpe:2.3:';
const ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;
/** A CPE name longer than this is refused before it is read (NVD's longest are a few hundred characters). */
const MAX_LENGTH = 4096;

const isAlphanumeric = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Printable ASCII punctuation: what a backslash may quote. */
const isPunctuation = (c: number) => c > 0x20 && c < 0x7f && !isAlphanumeric(c);

/** Parses a CPE 2.3 formatted string. */
export function parseCpe23(text: string): CpeParseResult {
  if (text.length > MAX_LENGTH) return { ok: false, reason: `it is longer than ${MAX_LENGTH} characters` };
  if (text.slice(0, PREFIX.length).toLowerCase() !== PREFIX)
    return { ok: false, reason: 'it does not start with "cpe:2.3:"' };
  const fields: string[] = [];
  let start = PREFIX.length;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x3a) {
      fields.push(text.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(text.slice(start));
  if (fields.length !== ATTRIBUTES.length)
    return {
      ok: false,
      reason: `it has ${fields.length} attributes after "cpe:2.3:", not ${ATTRIBUTES.length}`,
    };
  const values: CpeValue[] = [];
  for (let f = 0; f < fields.length; f++) {
    const value = parseValue(fields[f]!);
    if (typeof value === 'string') return { ok: false, reason: `its ${ATTRIBUTES[f]} ${value}` };
    values.push(value);
  }
  const [part, vendor, product, version, update, edition, language, swEdition, targetSw, targetHw, other] =
    values as [CpeValue, ...CpeValue[]];
  if (part.kind === 'na' || (part.kind === 'value' && !['a', 'o', 'h'].includes(part.value)))
    return { ok: false, reason: 'its part is not a, o or h' };
  return {
    ok: true,
    cpe: {
      part: part.kind === 'value' ? (part.value as CpePart) : undefined,
      vendor: vendor!,
      product: product!,
      version: version!,
      update: update!,
      edition: edition!,
      language: language!,
      swEdition: swEdition!,
      targetSw: targetSw!,
      targetHw: targetHw!,
      other: other!,
    },
  };
}

/** One attribute's value, or why it is invalid. */
function parseValue(field: string): CpeValue | string {
  if (field === '') return 'is empty (ANY is "*", NA is "-")';
  if (field === '*') return { kind: 'any' };
  if (field === '-') return { kind: 'na' };
  let value = '';
  let wildcard = false;
  const last = field.length - 1;
  // The runs of `?` at either end, where an unquoted `?` may stand.
  let leading = 0;
  while (field.charCodeAt(leading) === 0x3f) leading++;
  let trailing = field.length;
  while (trailing > 0 && field.charCodeAt(trailing - 1) === 0x3f) trailing--;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 0x5c) {
      const next = field.charCodeAt(i + 1);
      if (Number.isNaN(next)) return 'ends with a lone backslash';
      if (!isPunctuation(next)) return `quotes "${field[i + 1]}", which is not punctuation`;
      value += field[i + 1];
      i++;
    } else if (c === 0x2a) {
      // An unquoted `*` may stand only at the very start or the very end.
      if (i !== 0 && i !== last) return 'has an unquoted "*" inside it';
      wildcard = true;
      value += '*';
    } else if (c === 0x3f) {
      // Unquoted `?`s only as a run at the start or at the end.
      if (i >= leading && i < trailing) return 'has an unquoted "?" inside it';
      wildcard = true;
      value += '?';
    } else if (isAlphanumeric(c) || c === 0x5f || c === 0x2d || c === 0x2e) {
      value += field[i];
    } else {
      return `has the character ${JSON.stringify(field[i])}, which must be quoted with a backslash`;
    }
  }
  return { kind: 'value', value: value.toLowerCase(), wildcard };
}

/** A value as text for a column or a message: `*` for ANY, `-` for NA, the value otherwise. */
export function cpeValueText(value: CpeValue): string {
  return value.kind === 'any' ? '*' : value.kind === 'na' ? '-' : value.value;
}
