/**
 * CPE names as scanners write them, made into CPE 2.3 formatted strings (what NVD's configurations and
 * Vigil's matcher use). nmap writes CPE 2.2 URIs (`cpe:/a:apache:http_server:2.4.7`); Shodan writes both
 * (`cpe`, deprecated) and abbreviated 2.3 strings (`cpe:2.3:a:apache:http_server:2.4.7`, trailing
 * attributes left out).
 *
 * The URI is unbound as NIST IR 7695 §6.1.3 says (each component percent-decoded; an empty component is
 * ANY, a lone `-` is NA; `.`, `-` and `~` inside a value and every decoded character are literal; the
 * edition may pack five attributes as `~edition~sw_edition~target_sw~target_hw~other`; values are
 * lower-cased), then bound to a formatted string as §6.2 says (letters, digits, `_`, `-` and `.` stand
 * unquoted, other punctuation is quoted with a backslash). The result is checked by `parseCpe23`.
 * Scanners are lenient writers, so punctuation the 2.2 grammar does not allow (`+`, `!`, `(`…) is taken
 * literally too; a space, a control or non-ASCII character has no CPE spelling and refuses the name.
 */
import { parseCpe23 } from '../cpe.js';

export type CpeNameResult = { ok: true; cpe: string } | { ok: false; reason: string };

const URI_PREFIX = 'cpe:/';
const FS_PREFIX = 'cpe:2.3:';
/** Attributes after `cpe:2.3:`: part, vendor, product, version, update, edition, language, sw_edition,
 *  target_sw, target_hw, other. */
const FS_ATTRIBUTES = 11;
const MAX_LENGTH = 1024;

const isAlphanumeric = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isPrintablePunctuation = (c: number) => c > 0x20 && c < 0x7f && !isAlphanumeric(c);

/** A 2.2 URI component, decoded and bound as a 2.3 formatted-string value; a string starting with `!` is an error. */
function bindComponent(component: string): string {
  if (component === '') return '*';
  if (component === '-') return '-';
  let out = '';
  const last = component.length - 1;
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i);
    if (c === 0x25) {
      const hex = component.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return `!has "%${hex}", which is not a percent-encoding`;
      const code = Number.parseInt(hex, 16);
      // %01 and %02 are the URI's wildcards `?` and `*`, allowed only at either end of a value.
      if (code === 0x01 || code === 0x02) {
        const atEnd = i === 0 || i + 2 === last;
        if (!atEnd) return '!has a wildcard inside a value';
        out += code === 0x01 ? '?' : '*';
      } else if (isAlphanumeric(code) || code === 0x5f) out += String.fromCharCode(code).toLowerCase();
      else if (code === 0x2d || code === 0x2e) out += String.fromCharCode(code);
      else if (isPrintablePunctuation(code)) out += `\\${String.fromCharCode(code)}`;
      else return `!has "%${hex}", which has no CPE 2.3 spelling`;
      i += 2;
    } else if (isAlphanumeric(c) || c === 0x5f || c === 0x2d || c === 0x2e) {
      out += component[i]!.toLowerCase();
    } else if (isPrintablePunctuation(c)) {
      out += `\\${component[i]}`;
    } else {
      return `!has the character ${JSON.stringify(component[i])}, which has no CPE spelling`;
    }
  }
  return out;
}

/** A CPE 2.2 URI (`cpe:/part:vendor:product:version:update:edition:language`) as a CPE 2.3 formatted string. */
export function cpeUriToFormattedString(uri: string): CpeNameResult {
  if (uri.length > MAX_LENGTH) return { ok: false, reason: `it is longer than ${MAX_LENGTH} characters` };
  if (uri.slice(0, URI_PREFIX.length).toLowerCase() !== URI_PREFIX)
    return { ok: false, reason: 'it does not start with "cpe:/"' };
  const components = uri.slice(URI_PREFIX.length).split(':');
  if (components.length > 7)
    return { ok: false, reason: `it has ${components.length} components after "cpe:/", at most 7` };
  const [part = '', vendor = '', product = '', version = '', update = '', edition = '', language = ''] =
    components;
  const lowerPart = part.toLowerCase();
  if (lowerPart !== '' && lowerPart !== 'a' && lowerPart !== 'o' && lowerPart !== 'h')
    return { ok: false, reason: `its part is "${part}", not a, o or h` };
  // A packed edition: `~edition~sw_edition~target_sw~target_hw~other`.
  let packed = [edition, '', '', '', ''];
  if (edition.startsWith('~')) {
    const parts = edition.split('~');
    if (parts.length !== 6)
      return { ok: false, reason: 'its packed edition does not hold exactly five "~"-separated fields' };
    packed = parts.slice(1);
  }
  const [ed, swEdition, targetSw, targetHw, other] = packed as [string, string, string, string, string];
  const values = [vendor, product, version, update, ed, language, swEdition, targetSw, targetHw, other].map(
    bindComponent,
  );
  const bad = values.find((v) => v.startsWith('!'));
  if (bad !== undefined) return { ok: false, reason: `a component ${bad.slice(1)}` };
  const text = `${FS_PREFIX}${lowerPart === '' ? '*' : lowerPart}:${values.join(':')}`;
  const check = parseCpe23(text);
  return check.ok ? { ok: true, cpe: text } : { ok: false, reason: check.reason };
}

/**
 * A CPE name from a scanner, as a complete, lower-cased CPE 2.3 formatted string: a 2.2 URI is converted,
 * a 2.3 string missing trailing attributes (Shodan's `cpe:2.3:a:apache:http_server:2.4.7`) is completed
 * with ANY, and the result is checked.
 */
export function normaliseCpeName(text: string): CpeNameResult {
  const name = text.trim();
  if (name.slice(0, URI_PREFIX.length).toLowerCase() === URI_PREFIX) return cpeUriToFormattedString(name);
  if (name.slice(0, FS_PREFIX.length).toLowerCase() !== FS_PREFIX)
    return { ok: false, reason: 'it starts with neither "cpe:2.3:" nor "cpe:/"' };
  if (name.length > MAX_LENGTH) return { ok: false, reason: `it is longer than ${MAX_LENGTH} characters` };
  // Count the attributes (colons not quoted by a backslash) to complete an abbreviated name.
  let attributes = 1;
  for (let i = FS_PREFIX.length; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x3a) attributes++;
  }
  const completed = attributes < FS_ATTRIBUTES ? name + ':*'.repeat(FS_ATTRIBUTES - attributes) : name;
  const check = parseCpe23(completed);
  return check.ok ? { ok: true, cpe: completed.toLowerCase() } : { ok: false, reason: check.reason };
}
