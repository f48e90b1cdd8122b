import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { importSbom } from '../../src/app/import-sbom.js';
import { parseSbom } from '../../src/formats/sbom/index.js';
import { corpusDir, corpusPresent } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const sbomDir = join(corpusDir, 'sbom');
if (!corpusPresent) console.warn(`[corpus] skipping the corpus import: ${corpusDir} is not present`);
const files = corpusPresent
  ? walk(sbomDir)
      .filter((f) => /\.(json|xml|spdx)$/.test(f) && !/spdx3|spdx3\.0|README|product-schema/.test(f))
      .map((f) => relative(sbomDir, f))
      .sort()
  : [];

// The shared SBOM corpus goes all the way into both databases: real documents have long strings, odd
// characters and shapes that synthetic ones lack. Each document is its own product version.
describeEachDialect('every SBOM of the shared corpus imports into the store', (dialect) => {
  const ctx = useScratchStore(dialect);

  it.skipIf(!corpusPresent)(
    'stores as many components as each accepted document lists, and refuses the rest whole',
    async () => {
      let imported = 0;
      for (const file of files) {
        const content = readFileSync(join(sbomDir, file));
        const parsed = parseSbom(content.toString('utf8'), { file });
        const target = { supplier: 'Shared corpus', product: file, productVersion: '1' };
        if (!parsed.ok) {
          await expect(importSbom(ctx.store, { content, fileName: file, ...target })).rejects.toBeInstanceOf(
            ImportRefusedError,
          );
          continue;
        }
        const result = await importSbom(ctx.store, { content, fileName: file, ...target });
        const stored = await ctx.store.listComponents(result.sbomId!, { limit: 100_000 });
        expect(stored.items.length, file).toBe(parsed.value.components.length);
        imported++;
      }
      expect(imported).toBeGreaterThan(100);
    },
  );
});
