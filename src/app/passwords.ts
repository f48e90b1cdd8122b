/**
 * Password hashing with scrypt (node:crypto), at OWASP's recommended cost (N = 2^17, r = 8, p = 1): about
 * half a second of one core here. The cost is stored with each hash, so it can change without invalidating
 * existing passwords. VIGIL_PASSWORD_HASH_COST (log2 of N) lowers it where that half second is too dear:
 * the test suite, which hashes hundreds of passwords, sets 10.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

export function configuredCost(): ScryptCost {
  const log2 = process.env.VIGIL_PASSWORD_HASH_COST;
  if (!log2) return DEFAULT_COST;
  const n = Number(log2);
  if (!Number.isInteger(n) || n < 10 || n > 20)
    throw new Error(
      `VIGIL_PASSWORD_HASH_COST must be a whole number from 10 to 20 (log2 of scrypt's N), not ${log2}`,
    );
  return { ...DEFAULT_COST, N: 2 ** n };
}
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 · N · r bytes; Node's default ceiling (32 MiB) is below OWASP's cost.
    const maxmem = 256 * cost.N * cost.r;
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string, cost: ScryptCost = configuredCost()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A stored hash is data: a malformed one, or one whose cost would exhaust memory, is simply no match.
  if (scheme !== 'scrypt' || !salt || !key || !plausible(cost)) return false;
  const expected = Buffer.from(key, 'base64url');
  try {
    const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

function plausible({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  return powerOfTwo && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}

// No 0/O, 1/l/I: a one-time password is read off a screen and typed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password: four groups of five, about 116 bits. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** What is wrong with a new password, or undefined. Length over rules (NIST SP 800-63B). */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return 'must not contain the username';
  if (new Set(password).size < 4) return 'is too repetitive';
  return undefined;
}
