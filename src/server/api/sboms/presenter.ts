import type { ImportSbomResult } from '../../../app/import-sbom.js';
import type { ComponentView, SbomView } from '../../../app/ports.js';
import type { Problem } from '../../../core/problem.js';
import type { ComponentBody, ImportSbomResultBody, SbomBody } from './schema.js';

export function presentProblem(p: Problem): Problem {
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: p.file,
    line: p.line,
    column: p.column,
    path: p.path,
  };
}

export function presentSbom(sbom: SbomView): SbomBody {
  return {
    id: sbom.id,
    productVersionId: sbom.productVersionId,
    format: sbom.format,
    specVersion: sbom.specVersion,
    encoding: sbom.encoding,
    serialNumber: sbom.serialNumber,
    sha256: sbom.sha256,
    byteSize: sbom.byteSize,
    fileName: sbom.fileName,
    receivedAt: sbom.receivedAt,
    supersededAt: sbom.supersededAt,
    current: sbom.current,
    componentCount: sbom.componentCount,
    dependencyCount: sbom.dependencyCount,
    warnings: sbom.warnings.map(presentProblem),
  };
}

export function presentComponent(c: ComponentView): ComponentBody {
  return {
    id: c.id,
    sbomId: c.sbomId,
    ref: c.ref,
    parentRef: c.parentRef,
    type: c.type,
    name: c.name,
    group: c.group,
    version: c.version,
    purl: c.purl,
    cpe: c.cpe,
    supplier: c.supplier,
    licenses: c.licenses,
    hashes: c.hashes.map((h) => ({ alg: h.alg, value: h.value })),
    dependsOn: c.dependsOn,
  };
}

export function presentImportSbomResult(r: ImportSbomResult): ImportSbomResultBody {
  return {
    status: r.status,
    target: {
      supplier: r.target.supplier,
      product: r.target.product,
      version: r.target.version,
      deviceType: r.target.deviceType,
    },
    format: r.format,
    specVersion: r.specVersion,
    componentCount: r.componentCount,
    dependencyCount: r.dependencyCount,
    sbomId: r.sbomId,
    productVersionId: r.productVersionId,
    replacedSbomId: r.replacedSbomId,
    warnings: r.warnings.map(presentProblem),
  };
}

const MEDIA_TYPES: Record<string, string> = {
  'cyclonedx/json': 'application/vnd.cyclonedx+json',
  'cyclonedx/xml': 'application/vnd.cyclonedx+xml',
  'spdx/json': 'application/spdx+json',
  'spdx/tag-value': 'text/spdx',
};

/** The media type of a stored document, from its format and encoding. */
export function sbomMediaType(sbom: Pick<SbomView, 'format' | 'encoding'>): string {
  return `${MEDIA_TYPES[`${sbom.format}/${sbom.encoding}`] ?? 'application/octet-stream'}; charset=utf-8`;
}

/** `attachment` with the file name it was received under, encoded so that no header can be forged from it. */
export function contentDisposition(sbom: Pick<SbomView, 'id' | 'fileName'>): string {
  const name = sbom.fileName ?? `sbom-${sbom.id}`;
  const ascii = name.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
