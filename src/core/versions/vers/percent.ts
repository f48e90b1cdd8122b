/**
 * Percent-encoding of versions (vers-spec 5.3.3.2): `>`, `<`, `=`, `!`, `*`, `|` and `%` are encoded, and
 * so is the space (the only whitespace a version may hold, as `%20`); a version is decoded exactly once
 * (how-to-parse), so `1.0%252F0` is the version `1.0%2F0`. The canonical spelling encodes those characters
 * and nothing else, in uppercase hex, so that one version has one spelling.
 */

const MUST_ENCODE = new Set(['>', '<', '=', '!', '*', '|', '%', ' ']);

const isPrintableAscii = (code: number) => code >= 0x20 && code <= 0x7e;

const hex = (byte: number) => '%' + byte.toString(16).toUpperCase().padStart(2, '0');

/** The canonical spelling of a version in a vers string. */
export function encodeVersion(version: string): string {
  let out = '';
  for (const ch of version) {
    if (!MUST_ENCODE.has(ch) && isPrintableAscii(ch.charCodeAt(0))) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += hex(byte);
  }
  return out;
}

export type DecodedVersion =
  | {
      ok: true;
      version: string;
      /** Whether `text` is the canonical spelling of `version`. */
      canonical: boolean;
      /** Whether a triplet was written in lowercase hex (`%3a`), the commonest non-canonical spelling. */
      lowercaseHex: boolean;
      /** Whether `text` held any triplet at all. */
      encoded: boolean;
    }
  | { ok: false; problem: 'invalid-triplet' | 'not-printable-ascii' };

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Decodes a version as it stands in a vers string, saying whether its encoding was valid and canonical. */
export function decodeVersion(text: string): DecodedVersion {
  let version = '';
  let lowercaseHex = false;
  let encoded = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 0x25) {
      const pair = text.slice(i + 1, i + 3);
      if (!HEX.test(pair)) return { ok: false, problem: 'invalid-triplet' };
      if (/[a-f]/.test(pair)) lowercaseHex = true;
      encoded = true;
      code = Number.parseInt(pair, 16);
      i += 2;
    }
    // Versions are printable ASCII (5.3.3.2): a triplet of a multi-byte character decodes to no version.
    if (!isPrintableAscii(code)) return { ok: false, problem: 'not-printable-ascii' };
    version += String.fromCharCode(code);
  }
  return { ok: true, version, canonical: encodeVersion(version) === text, lowercaseHex, encoded };
}
