/**
 * `vigil hygiene gateways import`: the hospital's mail gateways and their spam and malware filters, from
 * JSON or CSV (docs/security-catalogue.md). The file is the whole set: it replaces the gateways before it,
 * all or nothing, each assessed at once against the catalogue in force (and again at every hygiene
 * assessment, as signatures age). The same set twice changes nothing.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { findCatalogueEntry } from '../core/hygiene/software-checks.js';
import { canonicalJson } from '../core/names.js';
import type { Problem } from '../core/problem.js';
import {
  MAX_MAIL_GATEWAY_BYTES,
  type MailGatewayFileFormat,
  parseMailGateways,
} from '../formats/mail-gateways/index.js';
import { assessMailGateways, securityCatalogueInForce } from './assess-hygiene.js';
import { ImportRefusedError } from './errors.js';
import type { HygieneStore } from './hygiene-ports.js';
import { maxImportBytes } from './limits.js';

export { MAX_MAIL_GATEWAY_BYTES };

export interface ImportMailGatewaysRequest {
  content: Buffer | string;
  fileName?: string;
  maxBytes?: number;
}

export interface ImportMailGatewaysResult {
  status: 'imported' | 'unchanged';
  format: MailGatewayFileFormat;
  gateways: number;
  filters: number;
  /** Gateways per status, as assessed now. */
  assessed: Record<string, number>;
  warnings: Problem[];
}

export async function importMailGateways(
  store: HygieneStore,
  request: ImportMailGatewaysRequest,
  now = new Date(),
): Promise<ImportMailGatewaysResult> {
  const file = request.fileName;
  const size =
    typeof request.content === 'string' ? Buffer.byteLength(request.content) : request.content.length;
  const limit = Math.min(request.maxBytes ?? maxImportBytes(), MAX_MAIL_GATEWAY_BYTES);
  if (size > limit)
    throw new ImportRefusedError(file, [
      {
        severity: 'error',
        code: 'too_large',
        message: `The file is ${size.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')}.`,
        ...(file ? { file } : {}),
      },
    ]);
  const text = typeof request.content === 'string' ? request.content : request.content.toString('utf8');
  const parsed = parseMailGateways(text, file ? { file } : {});
  if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
  const { gateways, format } = parsed.value;

  const { catalogue } = await securityCatalogueInForce(store);
  const warnings = [...parsed.warnings];
  const unknown = new Set<string>();
  for (const filter of gateways.flatMap((g) => g.filters)) {
    if (unknown.has(filter.product.toLowerCase())) continue;
    if (!findCatalogueEntry(filter.product, catalogue, ['mail-filter', 'antivirus'])) {
      unknown.add(filter.product.toLowerCase());
      warnings.push({
        severity: 'warning',
        code: 'unknown_product',
        message: `"${filter.product}" is not a mail filter of the security catalogue in force: its version and signatures cannot be checked.`,
        ...(file ? { file } : {}),
      });
    }
  }

  const assessedAt = now.toISOString();
  const assessments = assessMailGateways(gateways, assessedAt.slice(0, 10), catalogue);
  // The set is recognised by its content, whichever format or order of columns carried it.
  const sha256 = createHash('sha256').update(canonicalJson(gateways)).digest('hex');
  const status = await store.replaceMailGateways(
    // Shown to every viewer: the file's name, not where it lay on someone's disk.
    { sha256, importedAt: assessedAt, ...(file ? { fileName: basename(file) } : {}) },
    assessedAt,
    gateways.map((gateway, i) => ({ gateway, assessment: assessments[i]! })),
  );
  const assessed: Record<string, number> = {};
  for (const a of assessments) assessed[a.status] = (assessed[a.status] ?? 0) + 1;
  return {
    status: status === 'replaced' ? 'imported' : 'unchanged',
    format,
    gateways: gateways.length,
    filters: gateways.reduce((n, g) => n + g.filters.length, 0),
    assessed,
    warnings,
  };
}
