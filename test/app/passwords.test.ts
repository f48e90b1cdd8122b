import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  configuredCost,
  DEFAULT_COST,
  generatePassword,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from '../../src/app/passwords.js';

// A small cost keeps the tests fast; the cost is stored with the hash, so verifying follows it.
const CHEAP = { N: 1024, r: 8, p: 1 };
const hash = (password: string) => hashPassword(password, CHEAP);

describe('the cost of hashing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // The test configuration lowers the cost through VIGIL_PASSWORD_HASH_COST; these tests clear or set it.
  it("is OWASP's by default: N = 2^17, r = 8, p = 1, stored with the hash", async () => {
    vi.stubEnv('VIGIL_PASSWORD_HASH_COST', '');
    expect(DEFAULT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(configuredCost()).toEqual(DEFAULT_COST);
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
  });

  it('takes log2 of N from VIGIL_PASSWORD_HASH_COST, keeping r and p', async () => {
    vi.stubEnv('VIGIL_PASSWORD_HASH_COST', '12');
    expect(configuredCost()).toEqual({ N: 4096, r: 8, p: 1 });
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.startsWith('scrypt$4096$8$1$')).toBe(true);
  });

  it.each(['10', '20'])('accepts %s, at an end of the allowed range', (log2) => {
    vi.stubEnv('VIGIL_PASSWORD_HASH_COST', log2);
    expect(configuredCost().N).toBe(2 ** Number(log2));
  });

  it.each(['9', '21', '12.5', 'twelve', '-1'])('refuses VIGIL_PASSWORD_HASH_COST=%s', (log2) => {
    vi.stubEnv('VIGIL_PASSWORD_HASH_COST', log2);
    expect(() => configuredCost()).toThrow(/VIGIL_PASSWORD_HASH_COST must be a whole number from 10 to 20/);
  });
});

describe('hashing and verifying passwords', () => {
  it('verifies the password it hashed', async () => {
    const stored = await hash('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it.each([
    ['another password', 'correct horse battery stapler'],
    ['the password in another case', 'Correct horse battery staple'],
    ['the password with a trailing space', 'correct horse battery staple '],
    ['an empty password', ''],
  ])('refuses %s', async (_, attempt) => {
    const stored = await hash('correct horse battery staple');
    expect(await verifyPassword(attempt, stored)).toBe(false);
  });

  it('stores the scheme, the cost, a 16-byte salt and a 32-byte key in base64url', async () => {
    const stored = await hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('verifies a hash at the cost stored with it, so the cost can be raised later', async () => {
    const stored = await hashPassword('correct horse battery staple', { N: 2048, r: 4, p: 2 });
    expect(stored.startsWith('scrypt$2048$4$2$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('salts every hash anew, so one password hashes differently twice', async () => {
    const [a, b] = await Promise.all([
      hash('correct horse battery staple'),
      hash('correct horse battery staple'),
    ]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', b)).toBe(true);
  });

  it('takes the composed and the decomposed spelling of a password for the same password', async () => {
    const composed = 'Crème brûlée à la café'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(await verifyPassword(decomposed, await hash(composed))).toBe(true);
    expect(await verifyPassword(composed, await hash(decomposed))).toBe(true);
  });

  it('hashes and verifies passwords beyond ASCII', async () => {
    const password = 'пароль-密码-🔐-κωδικός';
    expect(await verifyPassword(password, await hash(password))).toBe(true);
    expect(await verifyPassword('пароль-密码-🔓-κωδικός', await hash(password))).toBe(false);
  });

  describe('a malformed stored hash', () => {
    it.each([
      ['an empty string', () => ''],
      ['text that is no hash', () => 'not a hash'],
      ['the scheme alone', () => 'scrypt'],
      ['another scheme', (s: string) => s.replace(/^scrypt/, 'bcrypt')],
      ['a hash without its key', (s: string) => s.split('$').slice(0, 5).join('$')],
      ['a hash with an empty salt and key', (s: string) => `${s.split('$').slice(0, 4).join('$')}$$`],
      ['a truncated key', (s: string) => s.slice(0, -10)],
      ['a key of another length', (s: string) => `${s.split('$').slice(0, 5).join('$')}$AAAA`],
    ])('does not verify against %s', async (_, spoil) => {
      const stored = await hash('correct horse battery staple');
      expect(await verifyPassword('correct horse battery staple', spoil(stored))).toBe(false);
    });

    it.each([
      ['a cost that is not a number', (s: string) => s.replace('$1024$', '$abc$')],
      ['an N that is not a power of two', (s: string) => s.replace('$1024$', '$1000$')],
    ])('answers false, without throwing, for %s', async (_, spoil) => {
      const stored = await hash('correct horse battery staple');
      await expect(verifyPassword('correct horse battery staple', spoil(stored))).resolves.toBe(false);
    });
  });
});

describe('generated one-time passwords', () => {
  const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const SHAPE = new RegExp(`^[${ALPHABET}]{5}(-[${ALPHABET}]{5}){3}$`);
  const samples = Array.from({ length: 200 }, generatePassword);

  it('are four groups of five characters joined by dashes', () => {
    for (const password of samples) expect(password).toMatch(SHAPE);
  });

  it.each(['0', 'O', '1', 'l', 'I'])('never contain %s, which is easily misread', (character) => {
    for (const password of samples) expect(password).not.toContain(character);
  });

  it('differ from one another', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('use letters of both cases and digits', () => {
    const all = samples.join('');
    expect(all).toMatch(/[a-z]/);
    expect(all).toMatch(/[A-Z]/);
    expect(all).toMatch(/[2-9]/);
  });

  it('pass the rules for new passwords', () => {
    // The username has an "l", which no generated password contains, so it can never be found in one.
    for (const password of samples) expect(passwordProblem(password, 'clinician')).toBeUndefined();
  });
});

describe('rules for new passwords', () => {
  it('has a minimum of 12 and a maximum of 256 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(MAX_PASSWORD_LENGTH).toBe(256);
  });

  it.each([
    ['a short password', 'abc', 'must be at least 12 characters long'],
    ['11 characters', 'abcdefghijk', 'must be at least 12 characters long'],
    ['12 characters', 'abcdefghijkl', undefined],
    ['11 emoji, 22 UTF-16 code units', '😀😁😂🤣😃😄😅😆😉😊😋', 'must be at least 12 characters long'],
    ['12 emoji', '😀😁😂🤣😃😄😅😆😉😊😋😎', undefined],
    ['256 characters', 'abcd'.repeat(64), undefined],
    ['257 characters', `${'abcd'.repeat(64)}e`, 'must be at most 256 characters long'],
    ['a password with the username inside', 'my-alice-password', 'must not contain the username'],
    ['the username in another case', 'my-ALICE-password', 'must not contain the username'],
    ['nothing but the username and more', 'aliceALICEalice', 'must not contain the username'],
    ['one repeated character', 'aaaaaaaaaaaa', 'is too repetitive'],
    ['two characters repeated', 'abababababab', 'is too repetitive'],
    ['three characters repeated', 'abcabcabcabc', 'is too repetitive'],
    ['three emoji repeated', '😀😁😂'.repeat(4), 'is too repetitive'],
    ['four characters repeated', 'abcdabcdabcd', undefined],
    ['a passphrase', 'correct horse battery staple', undefined],
  ])('judges %s', (_, password, problem) => {
    expect(passwordProblem(password, 'alice')).toBe(problem);
  });

  it('trims the username before looking for it', () => {
    expect(passwordProblem('my-alice-password', '  Alice ')).toBe('must not contain the username');
  });

  it('answers the length first when a password breaks several rules', () => {
    expect(passwordProblem('alice', 'alice')).toBe('must be at least 12 characters long');
    expect(passwordProblem('a'.repeat(300), 'a')).toBe('must be at most 256 characters long');
  });
});
