import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The workplace's shared public data (`../shared/data` beside the repository), never copied into it. */
export const corpusDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const corpusPresent = existsSync(corpusDir);

if (!corpusPresent && process.env.VIGIL_REQUIRE_CORPUS === '1') {
  throw new Error(`VIGIL_REQUIRE_CORPUS=1 but the shared data is missing at ${corpusDir}`);
}

/** A describe block over the shared corpus: runs when it is present, skipped with a printed notice when not. */
export function describeCorpus(name: string, body: () => void): void {
  if (!corpusPresent) console.warn(`[corpus] skipping "${name}": ${corpusDir} is not present`);
  describe.skipIf(!corpusPresent)(name, body);
}
