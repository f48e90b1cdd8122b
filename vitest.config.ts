import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // scrypt at its production cost takes half a second a password; the suite hashes hundreds.
    env: { VIGIL_PASSWORD_HASH_COST: '10' },
    reporters: ['default'],
  },
});
