/**
 * A scan's findings as the report writers take them (src/formats/sarif, src/formats/cyclonedx/vdr.ts): with
 * where each advisory is published, the CWEs NVD gives the CVE, and the SBOM line declaring each component.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KnowledgeStore } from '../app/knowledge-ports.js';
import type { ScanFinding } from '../app/scan-sbom.js';
import type { VdrFinding } from '../formats/cyclonedx/vdr.js';
import type { SarifFinding } from '../formats/sarif/index.js';

export type ReportFinding = SarifFinding & VdrFinding;

/** Where an advisory is published: NVD for CVEs, GitHub for GHSAs, OSV for the rest (PYSEC, GO, RUSTSEC…). */
export function advisorySource(id: string): { name: string; url: string } {
  const path = encodeURIComponent(id);
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${path}` };
  if (id.startsWith('GHSA-'))
    return { name: 'GitHub Advisory Database', url: `https://github.com/advisories/${path}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${path}` };
}

export async function reportFindings(
  store: Pick<KnowledgeStore, 'getNvdCve' | 'getAdvisory'>,
  findings: readonly ScanFinding[],
  sbomText: string,
): Promise<ReportFinding[]> {
  const cwes = new Map<string, string[]>();
  for (const f of findings) {
    if (cwes.has(f.vulnerabilityId)) continue;
    cwes.set(f.vulnerabilityId, await cwesOf(store, f.vulnerabilityId, f.advisoryIds));
  }
  const lines = declarationLines(sbomText, new Set(findings.map((f) => f.componentRef)));
  return findings.map((f) => {
    const ids = [...new Set([f.vulnerabilityId, ...f.advisoryIds])];
    const line = lines.get(f.componentRef);
    const found = cwes.get(f.vulnerabilityId);
    return {
      ...f,
      source: advisorySource(f.vulnerabilityId),
      advisories: ids.map((id) => ({ id, ...advisorySource(id) })),
      ...(found?.length ? { cwes: found } : {}),
      ...(line !== undefined ? { line } : {}),
    };
  });
}

/**
 * A vulnerability's CWEs: NVD's for its CVE, and those its OSV advisories list (GitHub's advisories put them
 * in `database_specific.cwe_ids`); sorted, without NVD's placeholders (`NVD-CWE-Other`).
 */
async function cwesOf(
  store: Pick<KnowledgeStore, 'getNvdCve' | 'getAdvisory'>,
  vulnerabilityId: string,
  advisoryIds: readonly string[],
): Promise<string[]> {
  const found = new Set<string>();
  if (vulnerabilityId.startsWith('CVE-'))
    for (const cwe of (await store.getNvdCve(vulnerabilityId))?.cwes ?? []) found.add(cwe);
  for (const id of advisoryIds) {
    const record = (await store.getAdvisory(id))?.record as
      | { database_specific?: { cwe_ids?: unknown } }
      | undefined;
    const listed = record?.database_specific?.cwe_ids;
    if (Array.isArray(listed)) for (const cwe of listed) if (typeof cwe === 'string') found.add(cwe);
  }
  return [...found]
    .filter((c) => /^CWE-\d+$/.test(c))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

/** `"bom-ref": "x"` (CycloneDX JSON), `bom-ref="x"` (XML), `"SPDXID": "x"` and `SPDXID: x` (SPDX). */
const DECLARATION = /(?:"bom-ref"\s*:\s*"|bom-ref="|"SPDXID"\s*:\s*"|^\s*SPDXID:\s*)([^"\s]+)/;

/**
 * The line (1-based) where each of `refs` is declared, found in one pass; a ref that is written escaped, or
 * one the parser generated, has none.
 */
export function declarationLines(text: string, refs: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  let start = 0;
  for (let line = 1; start <= text.length && found.size < refs.size; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const slice = text.slice(start, end);
    if (slice.includes('bom-ref') || slice.includes('SPDXID')) {
      const ref = DECLARATION.exec(slice)?.[1];
      if (ref !== undefined && refs.has(ref) && !found.has(ref)) found.set(ref, line);
    }
    start = end + 1;
  }
  return found;
}

/**
 * The SBOM as SARIF's artifact location: a relative path (forward slashes) when it is under the working
 * directory, as code-scanning services resolve it against the repository; a file: URL otherwise.
 */
export function artifactUri(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(resolve(cwd, file)).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}
