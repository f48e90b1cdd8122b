import { createHash } from 'node:crypto';
import type { Problem } from '../core/problem.js';
import type { SbomDocument } from '../core/sbom.js';
import { parseSbom } from '../formats/sbom/index.js';
import { ImportRefusedError } from './errors.js';
import { maxImportBytes } from './limits.js';
import type { ProductVersionRef, Progress, SbomStore } from './ports.js';

export interface ImportSbomRequest {
  content: Buffer | string;
  fileName?: string;
  /** Overrides for what the document's metadata says it describes. */
  supplier?: string;
  product?: string;
  productVersion?: string;
  maxBytes?: number;
  /** Refuse documents with warnings too. */
  strict?: boolean;
}

export interface ImportSbomResult {
  status: 'imported' | 'unchanged';
  target: ProductVersionRef;
  format: string;
  specVersion: string;
  componentCount: number;
  dependencyCount: number;
  sbomId?: number;
  productVersionId?: number;
  replacedSbomId?: number;
  warnings: Problem[];
}

/**
 * Validates an SBOM, then stores it as the current SBOM of the product version it describes. The same
 * document twice changes nothing; a different one replaces the current SBOM and keeps it in history.
 */
export async function importSbom(
  store: SbomStore,
  request: ImportSbomRequest,
  progress?: Progress,
): Promise<ImportSbomResult> {
  const file = request.fileName;
  const { document, content, bytes, warnings } = readSbomDocument(request);
  const target = resolveTarget(document, request, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const summary = {
    target,
    format: document.format,
    specVersion: document.specVersion,
    componentCount: document.components.length,
    dependencyCount: document.dependencies.reduce((n, d) => n + d.dependsOn.length, 0),
    warnings,
  };
  if ((await store.currentSbomHash(target)) === sha256) return { status: 'unchanged', ...summary };
  const saved = await store.replaceSbom(
    {
      target,
      document,
      content,
      sha256,
      ...(file ? { fileName: file } : {}),
      receivedAt: new Date().toISOString(),
      warnings,
    },
    progress,
  );
  return { status: 'imported', ...summary, ...saved };
}

/**
 * An SBOM read and validated as every import does (size limit, UTF-8, the format's own checks, and with
 * `strict`, no warnings): refused with ImportRefusedError naming each problem. `vigil scan` reads the same way.
 */
export function readSbomDocument(
  request: Pick<ImportSbomRequest, 'content' | 'fileName' | 'maxBytes' | 'strict'>,
): { document: SbomDocument; content: string; bytes: Buffer; warnings: Problem[] } {
  const file = request.fileName;
  const bytes = typeof request.content === 'string' ? Buffer.from(request.content) : request.content;
  const limit = request.maxBytes ?? maxImportBytes();
  if (bytes.length > limit) {
    throw new ImportRefusedError(file, [
      problem(
        file,
        'too_large',
        `The document is ${bytes.length.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')} (VIGIL_MAX_IMPORT_BYTES).`,
      ),
    ]);
  }
  let content: string;
  try {
    // Fatal decoding: the document is kept as text, and must come back byte for byte.
    content = typeof request.content === 'string' ? request.content : utf8.decode(bytes);
  } catch {
    throw new ImportRefusedError(file, [
      problem(
        file,
        'invalid_encoding',
        'The document is not valid UTF-8, as JSON, XML and SPDX tag-value SBOMs must be.',
      ),
    ]);
  }
  const parsed = parseSbom(content, file ? { file } : {});
  if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
  if (request.strict && parsed.warnings.length > 0) {
    throw new ImportRefusedError(
      file,
      parsed.warnings.map((w) => ({ ...w, severity: 'error' })),
    );
  }
  return { document: parsed.value, content, bytes, warnings: parsed.warnings };
}

function resolveTarget(
  document: SbomDocument,
  request: ImportSbomRequest,
  file: string | undefined,
): ProductVersionRef {
  const supplier = request.supplier ?? document.supplier;
  const product = request.product ?? document.subject?.name;
  const version = request.productVersion ?? document.subject?.version;
  const missing: Problem[] = [];
  if (!supplier) {
    missing.push(
      problem(
        file,
        'missing_supplier',
        'The document names no supplier or manufacturer of what it describes; give one (--supplier).',
      ),
    );
  }
  if (!product) {
    missing.push(
      problem(
        file,
        'missing_product',
        'The document does not say which product it describes; give one (--product).',
      ),
    );
  }
  if (!version) {
    missing.push(
      problem(
        file,
        'missing_product_version',
        'The document does not say which version of the product it describes; give one (--product-version).',
      ),
    );
  }
  if (!supplier || !product || !version) throw new ImportRefusedError(file, missing);
  return { supplier, product, version };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function problem(file: string | undefined, code: string, message: string): Problem {
  return { severity: 'error', code, message, ...(file ? { file } : {}) };
}
