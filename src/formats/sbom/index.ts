/**
 * Recognises an SBOM's format from its first bytes and hands it to that format's parser, so that callers
 * never have to say what they are importing.
 */
import type { ParseResult, Problem } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import { parseCycloneDxJson, parseCycloneDxXml } from '../cyclonedx/index.js';
import { parseSpdxJson, parseSpdxTagValue } from '../spdx/index.js';

export type SbomKind = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json' | 'spdx-tag-value';

/** Looks at the start of the document only: cheap, and enough for every format Vigil reads. */
export function detectSbomKind(text: string): SbomKind | undefined {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  const first = head.trimStart()[0];
  if (first === '{') {
    if (/"bomFormat"\s*:/.test(head)) return 'cyclonedx-json';
    if (/"spdxVersion"\s*:|"SPDXID"\s*:|"@context"\s*:\s*"https:\/\/spdx/.test(head)) return 'spdx-json';
    // A JSON document whose identifying key comes late: let the CycloneDX parser say what is wrong with it.
    return /"spdx/i.test(head) ? 'spdx-json' : 'cyclonedx-json';
  }
  if (first === '<') return 'cyclonedx-xml';
  if (/^\s*(#.*\n\s*)*SPDXVersion\s*:/m.test(head)) return 'spdx-tag-value';
  return undefined;
}

export function parseSbom(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const kind = detectSbomKind(body);
  switch (kind) {
    case 'cyclonedx-json':
      return parseCycloneDxJson(body, options);
    case 'cyclonedx-xml':
      return parseCycloneDxXml(body, options);
    case 'spdx-json':
      return parseSpdxJson(body, options);
    case 'spdx-tag-value':
      return parseSpdxTagValue(body, options);
    case undefined: {
      const error: Problem = {
        severity: 'error',
        code: 'unknown_format',
        message:
          'Not an SBOM Vigil can read: expected CycloneDX (JSON or XML) or SPDX 2.2/2.3 (JSON or tag-value).',
        ...(options.file ? { file: options.file } : {}),
        line: 1,
      };
      return { ok: false, errors: [error], warnings: [] };
    }
  }
}
