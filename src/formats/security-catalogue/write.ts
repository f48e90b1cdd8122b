/**
 * A catalogue written as the file an import reads (docs/security-catalogue.md), for an administrator to
 * start from: the built-in one, or the one in force. Fields in the documented order, so that two exports
 * diff cleanly.
 */
import type { SecurityCatalogue } from '../../core/hygiene/security-catalogue.js';

export function writeSecurityCatalogue(catalogue: SecurityCatalogue, description?: string): string {
  const document = {
    ...(description ? { description } : {}),
    asOf: catalogue.asOf,
    products: catalogue.products.map((p) => ({
      id: p.id,
      label: p.label,
      vendor: p.vendor,
      names: p.names,
      kind: p.kind,
      signatures: p.signatures,
      ...(p.hosted ? { hosted: true } : {}),
      ...(p.unversioned ? { unversioned: true } : {}),
      platforms: p.platforms,
      ...(p.latest
        ? { latest: { version: p.latest.version, asOf: p.latest.asOf, source: p.latest.source } }
        : {}),
      ...(p.endOfLife?.length
        ? { endOfLife: p.endOfLife.map((e) => ({ versions: e.versions, date: e.date, source: e.source })) }
        : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
