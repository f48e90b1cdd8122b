import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import { type Dialect, isObject, mapBom, type Path, refused } from './map.js';
import { specFor, unsupportedVersionMessage } from './spec.js';

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `$.components[12]['bom-ref']`: the notation jq and JSONPath users read. */
export function renderJsonPath(path: Path): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (identifier.test(seg)) out += `.${seg}`;
    else out += `['${seg}']`;
  }
  return out;
}

const jsonDialect: Dialect = {
  encoding: 'json',
  render: renderJsonPath,
  component: (raw) => raw,
  children: (raw) => (isObject(raw) ? raw.components : undefined),
  serviceRef: (raw) => (isObject(raw) ? raw['bom-ref'] : undefined),
  serviceChildren: (raw) => (isObject(raw) ? raw.services : undefined),
};

/** Parses a CycloneDX JSON BOM (spec 1.2–1.6) into Vigil's model, or refuses it with the reasons. */
export function parseCycloneDxJson(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const problems = new ProblemList(options.file);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    problems.error('json_syntax', `The file is not valid JSON: ${parsed.message}`, {
      line: parsed.line,
      column: parsed.column,
    });
    return refused(problems);
  }
  const bom = parsed.value;

  if (!isObject(bom)) {
    problems.error('not_cyclonedx', 'The file is not a CycloneDX BOM: its top level is not a JSON object', {
      path: '$',
    });
    return refused(problems);
  }
  if (bom.bomFormat !== 'CycloneDX') {
    const hint = 'spdxVersion' in bom ? ' (it looks like an SPDX document)' : '';
    const said =
      bom.bomFormat === undefined ? 'has no bomFormat' : `has bomFormat ${JSON.stringify(bom.bomFormat)}`;
    problems.error('not_cyclonedx', `The file is not a CycloneDX BOM: it ${said}, not "CycloneDX"${hint}`, {
      path: '$.bomFormat',
    });
    return refused(problems);
  }
  const version = bom.specVersion;
  const spec = typeof version === 'string' ? specFor(version) : undefined;
  if (!spec) {
    const found =
      version === undefined || version === null
        ? undefined
        : typeof version === 'string'
          ? version
          : JSON.stringify(version);
    problems.error('unsupported_spec_version', unsupportedVersionMessage(found), { path: '$.specVersion' });
    return refused(problems);
  }
  const doc = mapBom(bom, spec, jsonDialect, problems);
  return problems.result(doc);
}
