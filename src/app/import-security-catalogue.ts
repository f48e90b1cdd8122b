/**
 * `vigil hygiene catalogue import`: a security catalogue (docs/security-catalogue.md) validated whole and
 * put in force in place of the previous one, then every device and mail gateway assessed against it. The
 * same catalogue twice changes nothing: it is recognised by the hash of its canonical JSON, so a file only
 * re-indented or with its fields reordered is the same catalogue.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { INITIAL_SECURITY_CATALOGUE } from '../core/hygiene/security-catalogue.js';
import { canonicalJson } from '../core/names.js';
import type { Problem } from '../core/problem.js';
import {
  MAX_SECURITY_CATALOGUE_BYTES,
  parseSecurityCatalogue,
  writeSecurityCatalogue,
} from '../formats/security-catalogue/index.js';
import { assessHygiene, type HygieneRun, securityCatalogueInForce } from './assess-hygiene.js';
import { ImportRefusedError } from './errors.js';
import type { HygieneStore } from './hygiene-ports.js';
import type { KnowledgeStore } from './knowledge-ports.js';
import { maxImportBytes } from './limits.js';

export { MAX_SECURITY_CATALOGUE_BYTES };

export interface ImportSecurityCatalogueRequest {
  content: Buffer | string;
  fileName?: string;
  /** The import size limit (VIGIL_MAX_IMPORT_BYTES); a catalogue's own is lower. */
  maxBytes?: number;
}

export interface ImportSecurityCatalogueResult {
  status: 'imported' | 'unchanged';
  sha256: string;
  asOf: string;
  products: number;
  warnings: Problem[];
  /** The assessment that followed, when the catalogue changed. */
  hygiene?: HygieneRun;
}

export async function importSecurityCatalogue(
  store: HygieneStore & Pick<KnowledgeStore, 'listEolProducts'>,
  request: ImportSecurityCatalogueRequest,
  now = new Date(),
): Promise<ImportSecurityCatalogueResult> {
  const file = request.fileName;
  const size =
    typeof request.content === 'string' ? Buffer.byteLength(request.content) : request.content.length;
  const limit = Math.min(request.maxBytes ?? maxImportBytes(), MAX_SECURITY_CATALOGUE_BYTES);
  if (size > limit)
    throw new ImportRefusedError(file, [
      {
        severity: 'error',
        code: 'too_large',
        message: `The catalogue is ${size.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')}.`,
        ...(file ? { file } : {}),
      },
    ]);
  const text = typeof request.content === 'string' ? request.content : request.content.toString('utf8');
  const parsed = parseSecurityCatalogue(text, file ? { file } : {});
  if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
  const catalogue = parsed.value;
  const sha256 = createHash('sha256').update(canonicalJson(catalogue)).digest('hex');
  const status = await store.replaceSecurityCatalogue({
    catalogue,
    sha256,
    importedAt: now.toISOString(),
    // Shown to every viewer: the file's name, not where it lay on someone's disk.
    ...(file ? { fileName: basename(file) } : {}),
  });
  const result: ImportSecurityCatalogueResult = {
    status: status === 'replaced' ? 'imported' : 'unchanged',
    sha256,
    asOf: catalogue.asOf,
    products: catalogue.products.length,
    warnings: parsed.warnings,
  };
  if (status === 'replaced') result.hygiene = await assessHygiene(store, now);
  return result;
}

/** Vigil's built-in catalogue as a file to edit and import: it reads back as the same catalogue. */
export function builtInCatalogueFile(): string {
  return writeSecurityCatalogue(INITIAL_SECURITY_CATALOGUE);
}

/** The catalogue in force as a file to edit and import (the built-in one until one is imported). */
export async function catalogueInForceFile(
  store: Pick<HygieneStore, 'getSecurityCatalogue'>,
): Promise<string> {
  return writeSecurityCatalogue((await securityCatalogueInForce(store)).catalogue);
}
