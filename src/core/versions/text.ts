/**
 * What the schemes share: character classes, digit strings compared as numbers, and the length limit.
 * Version numbers can be longer than a JavaScript number holds (the reference corpora have thirty-digit
 * components), so they stay digit strings: once their leading zeros are gone, the longer is the larger and
 * equal lengths compare character by character. Exact at any length, and cheaper than BigInt.
 */

/** A version longer than this is refused before it is read: real ones are a few dozen characters. */
export const MAX_VERSION_LENGTH = 256;

export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isLowerLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
export const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
export const isAsciiAlphanumeric = (c: number): boolean => isDigit(c) || isAsciiLetter(c);

/** True when every character of `text` (non-empty) is an ASCII digit. */
export function isDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** `007` → `7`, `000` → `0`, `` → `0`: the canonical form `compareDigits` expects. */
export function trimZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 0x30) i++;
  return i === 0 ? (digits === '' ? '0' : digits) : digits.slice(i);
}

/** Compares two digit strings without leading zeros (`trimZeros`) as the numbers they write. */
export function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by UTF-16 code unit, which for ASCII is C's `strcmp` and Go's `strings.Compare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;

/**
 * True for a non-empty text of at most MAX_VERSION_LENGTH characters without whitespace or control
 * characters: the least that every scheme asks of a version, whatever else it tolerates.
 */
export function isPlainToken(text: string): boolean {
  return text !== '' && text.length <= MAX_VERSION_LENGTH && !SPACE_OR_CONTROL.test(text);
}
