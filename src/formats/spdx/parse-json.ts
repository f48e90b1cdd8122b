/** SPDX 2.2 / 2.3 JSON → SbomDocument. */
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import {
  checkSpecVersion,
  mapSpdxDocument,
  type SpdxDocumentModel,
  type SpdxPackage,
  type SpdxRelationship,
} from './map.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseSpdxJson(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const problems = new ProblemList(options.file);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    problems.error('json_syntax', `Not valid JSON: ${parsed.message}`, {
      line: parsed.line,
      column: parsed.column,
    });
    return problems.result<SbomDocument>(emptyDocument());
  }
  const root = parsed.value;

  if (!isObject(root)) {
    problems.error('not_spdx', 'Not an SPDX document: the JSON is not an object', { path: '$' });
    return problems.result<SbomDocument>(emptyDocument());
  }
  const version = root.spdxVersion;
  if (version === undefined) {
    if ('@context' in root || '@graph' in root) {
      if (
        JSON.stringify(root['@context'] ?? '')
          .toLowerCase()
          .includes('spdx')
      ) {
        problems.error(
          'unsupported_spec_version',
          'SPDX 3.0 (JSON-LD) is not supported yet; Vigil reads SPDX-2.2 and SPDX-2.3',
          { path: '$' },
        );
      } else {
        problems.error('not_spdx', 'Not an SPDX document: a JSON-LD document without an SPDX context', {
          path: '$',
        });
      }
    } else if (root.bomFormat === 'CycloneDX') {
      problems.error('not_spdx', 'Not an SPDX document: this is a CycloneDX BOM', { path: '$' });
    } else {
      problems.error('not_spdx', 'Not an SPDX document: there is no spdxVersion', { path: '$' });
    }
    return problems.result<SbomDocument>(emptyDocument());
  }
  if (typeof version !== 'string') {
    problems.error('not_spdx', 'Not an SPDX document: spdxVersion is not a string', {
      path: '$.spdxVersion',
    });
    return problems.result<SbomDocument>(emptyDocument());
  }
  const specVersion = checkSpecVersion(version, problems, { path: '$.spdxVersion' });
  if (specVersion === undefined) return problems.result<SbomDocument>(emptyDocument());

  const r = new Reader(problems);
  const creationInfo = r.object(root.creationInfo, '$.creationInfo');
  const packages = r.array(root.packages, '$.packages');
  for (let i = 0; i < packages.length; i++) packages[i] = checkPackage(r, packages[i], i);
  const doc: SpdxDocumentModel = {
    specVersion,
    encoding: 'json',
    spdxId: r.string(root.SPDXID, '$.SPDXID'),
    namespace: r.string(root.documentNamespace, '$.documentNamespace'),
    created: r.string(creationInfo?.created, '$.creationInfo.created'),
    creators: r.strings(creationInfo?.creators, '$.creationInfo.creators'),
    // checkPackage has made every entry an object whose fields have the model's types.
    packages: packages as SpdxPackage[],
    others: [],
    describes: [],
    relationships: [],
  };
  if (doc.spdxId !== undefined)
    doc.others.push({ spdxId: doc.spdxId, kind: 'document', loc: { path: '$.SPDXID' } });
  for (const kind of ['files', 'snippets'] as const) {
    const list = r.array(root[kind], `$.${kind}`);
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      const path = `$.${kind}[${i}].SPDXID`;
      const id = isObject(f) ? r.string(f.SPDXID, path) : undefined;
      if (id !== undefined)
        doc.others.push({ spdxId: id, kind: kind === 'files' ? 'file' : 'snippet', loc: { path } });
    }
  }
  r.array(root.documentDescribes, '$.documentDescribes').forEach((d, i) => {
    const id = r.string(d, `$.documentDescribes[${i}]`);
    if (id !== undefined) doc.describes.push({ id, loc: { path: `$.documentDescribes[${i}]` } });
  });
  const relationships = r.array(root.relationships, '$.relationships');
  for (let i = 0; i < relationships.length; i++) relationships[i] = checkRelationship(r, relationships[i], i);
  doc.relationships = relationships as SpdxRelationship[];

  return problems.result(mapSpdxDocument(doc, problems));
}

/** Where an offset falls in a text, as 1-based line and column. */
function emptyDocument(): SbomDocument {
  return { format: 'spdx', specVersion: '', encoding: 'json', tools: [], components: [], dependencies: [] };
}

/** Typed access to untrusted JSON: a wrong type is an `invalid_field` error at its path, and reads as absent. */
class Reader {
  constructor(private readonly problems: ProblemList) {}
  string(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.problems.error('invalid_field', `Expected a string, found ${describe(v)}`, { path });
    return undefined;
  }
  object(v: unknown, path: string): Json | undefined {
    if (v === undefined || v === null) return undefined;
    if (isObject(v)) return v;
    this.problems.error('invalid_field', `Expected an object, found ${describe(v)}`, { path });
    return undefined;
  }
  array(v: unknown, path: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.problems.error('invalid_field', `Expected an array, found ${describe(v)}`, { path });
    return [];
  }
  strings(v: unknown, path: string): string[] {
    const out: string[] = [];
    this.array(v, path).forEach((s, i) => {
      const read = this.string(s, `${path}[${i}]`);
      if (read !== undefined) out.push(read);
    });
    return out;
  }
  /**
   * Checks that `o[key]` is a string or absent, and removes it when it is not, so that the object can be
   * handed on as the model type. The path is only built for the error.
   */
  field(o: Json, key: string, at: () => string, required?: string): void {
    const v = o[key];
    if (typeof v === 'string') return;
    if (v === undefined || v === null) {
      if (required)
        this.problems.error('invalid_field', `${required} is missing`, { path: `${at()}.${key}` });
    } else {
      this.problems.error('invalid_field', `Expected a string, found ${describe(v)}`, {
        path: `${at()}.${key}`,
      });
    }
    o[key] = undefined;
  }
  /**
   * Checks an array of objects whose fields `fields` must be strings, in place: a non-object entry becomes an
   * empty object, a bad field is removed. `fields` maps each field to how a message names it when it is missing.
   */
  objects(o: Json, key: string, at: () => string, fields: Record<string, string>): void {
    const v = o[key];
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) {
      this.problems.error('invalid_field', `Expected an array, found ${describe(v)}`, {
        path: `${at()}.${key}`,
      });
      o[key] = undefined;
      return;
    }
    for (let j = 0; j < v.length; j++) {
      const entry: unknown = v[j];
      if (isObject(entry) && allStrings(entry, fields)) continue;
      const entryAt = () => `${at()}.${key}[${j}]`;
      if (!isObject(entry)) {
        this.problems.error('invalid_field', `Expected an object, found ${describe(entry)}`, {
          path: entryAt(),
        });
        v[j] = {};
        continue;
      }
      for (const field in fields) this.field(entry, field, entryAt, fields[field]);
    }
  }
}

function allStrings(o: Json, fields: Record<string, string>): boolean {
  for (const field in fields) if (typeof o[field] !== 'string') return false;
  return true;
}

const CHECKSUM_FIELDS = { algorithm: 'The checksum algorithm', checksumValue: 'The checksum value' };
const EXTERNAL_REF_FIELDS = {
  referenceCategory: 'The reference category',
  referenceType: 'The reference type',
  referenceLocator: 'The reference locator',
};

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

const PACKAGE_STRINGS = [
  'SPDXID',
  'name',
  'versionInfo',
  'supplier',
  'originator',
  'licenseConcluded',
  'licenseDeclared',
  'description',
  'summary',
  'primaryPackagePurpose',
] as const;

function checkPackage(r: Reader, p: unknown, index: number): Json {
  const at = () => `$.packages[${index}]`;
  if (!isObject(p)) {
    if (p !== null && p !== undefined) r.object(p, at());
    // Kept as an empty package so that the missing name and SPDXID are reported at this index.
    return {};
  }
  // Checked here without building paths, which the common all-strings case never needs.
  for (const key of PACKAGE_STRINGS) {
    const v = p[key];
    if (v !== undefined && typeof v !== 'string') r.field(p, key, at);
  }
  if (p.checksums !== undefined) r.objects(p, 'checksums', at, CHECKSUM_FIELDS);
  if (p.externalRefs !== undefined) r.objects(p, 'externalRefs', at, EXTERNAL_REF_FIELDS);
  return p;
}

function checkRelationship(r: Reader, rel: unknown, index: number): Json {
  if (
    isObject(rel) &&
    typeof rel.spdxElementId === 'string' &&
    typeof rel.relationshipType === 'string' &&
    typeof rel.relatedSpdxElement === 'string'
  ) {
    return rel;
  }
  const at = () => `$.relationships[${index}]`;
  if (!isObject(rel)) {
    r.object(rel ?? 0, at());
    return {};
  }
  r.field(rel, 'spdxElementId', at, 'The relationship source (spdxElementId)');
  r.field(rel, 'relationshipType', at, 'The relationship type');
  r.field(rel, 'relatedSpdxElement', at, 'The relationship target (relatedSpdxElement)');
  return rel;
}
