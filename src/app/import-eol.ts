/**
 * `vigil feeds import eol PATH`: endoflife.date lifecycles carried in, in one transaction: a product file of
 * its repository (`products/windows.md`), the API's JSON for one product (`windows.json`), gzip'd or not, or
 * a directory of those (its `products/` folder). A product is one record, named by its file; it is
 * recognised unchanged by the hash of what was read of it, and replaced whole when it changed. A release
 * cycle that is not valid is skipped and reported, and the product kept with its other cycles. Products are
 * never removed: a directory may hold only some of them. The change log names the products added or changed.
 *
 * The data's date is when endoflife.date generated the API documents read (v1's `generated_at`; the oldest,
 * when they were generated at different times, since the data is current as of that at least). Product files
 * and the older API carry no such date: then the import has none, and its status ages from the import.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { canonicalJson } from '../core/names.js';
import type { Problem } from '../core/problem.js';
import { isEolProductName, parseEolApiJson, parseEolProductFile } from '../formats/eol/index.js';
import { ImportRefusedError } from './errors.js';
import { openFeedDocuments } from './feed-documents.js';
import { emptyCounts, problemCollector } from './feed-run.js';
import type { EolProductToStore, FeedRunRecord, KnowledgeStore } from './knowledge-ports.js';
import { maxImportBytes } from './limits.js';
import type { Progress } from './ports.js';

const EOL_FILES = /\.(?:md|json)(?:\.gz)?$/i;

export async function importEol(
  store: KnowledgeStore,
  path: string,
  progress?: Progress,
): Promise<FeedRunRecord> {
  const input = await openFeedDocuments(path, EOL_FILES, maxImportBytes());
  return store.runFeedImport(
    {
      source: 'eol',
      documentName: path,
      retrievedAt: input.retrievedAt,
      startedAt: new Date().toISOString(),
    },
    async (writer) => {
      const counts = emptyCounts();
      const { problems, report } = problemCollector();
      const held = await writer.eolProductHashes();
      const heldBefore = held.size;
      const seen = new Set<string>();
      const writes: EolProductToStore[] = [];
      let newProducts = 0;
      let dataDate: string | undefined;
      for await (const document of input.documents) {
        if (progress) {
          const at = input.progress();
          if (at.total > 0) progress(at.done, at.total);
        }
        counts.read++;
        if ('problem' in document) {
          counts.skipped++;
          report(document.problem);
          continue;
        }
        const refuse = (errors: Problem[], warnings: Problem[] = []) => {
          if (input.single) throw new ImportRefusedError(path, errors, warnings);
          counts.skipped++;
          errors.forEach(report);
        };
        const file = basename(document.file);
        const name = file.replace(EOL_FILES, '').toLowerCase();
        if (!isEolProductName(name)) {
          refuse([
            {
              severity: 'error',
              code: 'invalid_product_name',
              file: document.file,
              message: `"${name}" is not an endoflife.date product id: a product's file is named by its id (windows.md, windows.json).`,
            },
          ]);
          continue;
        }
        const where = { file: document.file, name };
        const parsed = /\.md(?:\.gz)?$/i.test(file)
          ? parseEolProductFile(document.text, where)
          : parseEolApiJson(document.text, where);
        if (!parsed.ok) {
          refuse(parsed.errors, parsed.warnings);
          continue;
        }
        parsed.warnings.forEach(report);
        const generatedAt = parsed.value.generatedAt;
        if (generatedAt && (!dataDate || generatedAt < dataDate)) dataDate = generatedAt;
        if (seen.has(name)) {
          counts.superseded++;
          report({
            severity: 'warning',
            code: 'duplicate_product',
            file: document.file,
            message: `The product ${name} was read from another file already; this one was passed over.`,
          });
          continue;
        }
        seen.add(name);
        const product = parsed.value.product;
        const hash = createHash('sha256').update(canonicalJson(product)).digest('hex');
        const before = held.get(name);
        if (before === hash) {
          counts.unchanged++;
          continue;
        }
        const change = before === undefined ? 'added' : 'changed';
        if (change === 'added') newProducts++;
        counts[change]++;
        writes.push({ product, sha256: hash, change });
      }
      await writer.writeEolProducts(writes);
      return {
        counts,
        documentHash: input.documentHash(),
        ...(dataDate ? { dataDate } : {}),
        problems,
        recordCount: heldBefore + newProducts,
      };
    },
  );
}
