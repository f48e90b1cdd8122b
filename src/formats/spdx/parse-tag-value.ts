/** SPDX 2.2 / 2.3 tag-value (`.spdx`) → SbomDocument. */
import { type ParseResult, ProblemList } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import { checkSpecVersion, mapSpdxDocument, type SpdxDocumentModel, type SpdxPackage } from './map.js';

const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;
const TEXT_OPEN = '<text>';
const TEXT_CLOSE = '</text>';

/**
 * Which kind of element the following tags belong to. Tag-value has no nesting: an element is the run of lines
 * after its first tag (PackageName, FileName, SnippetSPDXID, LicenseID, Annotator) until the next one starts.
 */
type Section = 'document' | 'package' | 'file' | 'snippet' | 'license' | 'annotation' | 'review';

export function parseSpdxTagValue(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const problems = new ProblemList(options.file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Held back until the document is known to be SPDX: a JSON or binary file would otherwise give 50 of them.
  const syntax: { message: string; line: number }[] = [];
  const invalid: { message: string; line: number }[] = [];

  const doc: SpdxDocumentModel = {
    specVersion: '2.3',
    encoding: 'tag-value',
    creators: [],
    packages: [],
    others: [],
    describes: [],
    relationships: [],
  };
  let versionTag: { value: string; line: number } | undefined;
  let section: Section = 'document';
  let pkg: SpdxPackage | undefined;

  /** Runs `set` on the current package, if the tag is inside one; package tags elsewhere are ignored. */
  const inPackage =
    (set: (p: SpdxPackage, value: string, line: number) => void) =>
    (value: string, line: number): void => {
      if (section === 'package' && pkg !== undefined) set(pkg, value, line);
    };
  // A map from tag to handler rather than a switch: a switch compares the tag with each case in turn.
  const handlers = new Map<string, (value: string, line: number) => void>([
    [
      'SPDXVersion',
      (value, line) => {
        versionTag ??= { value, line };
      },
    ],
    [
      'DocumentNamespace',
      (value) => {
        doc.namespace ??= value;
      },
    ],
    [
      'Created',
      (value) => {
        doc.created ??= value;
      },
    ],
    [
      'Creator',
      (value) => {
        doc.creators.push(value);
      },
    ],
    [
      'PackageName',
      (value, line) => {
        section = 'package';
        pkg = { name: value, checksums: [], externalRefs: [], line, lines: { name: line } };
        doc.packages.push(pkg);
      },
    ],
    [
      'FileName',
      () => {
        section = 'file';
      },
    ],
    [
      'SnippetSPDXID',
      (value, line) => {
        section = 'snippet';
        doc.others.push({ spdxId: value, kind: 'snippet', loc: { line } });
      },
    ],
    [
      'LicenseID',
      () => {
        section = 'license';
      },
    ],
    [
      'Annotator',
      () => {
        section = 'annotation';
      },
    ],
    [
      'Reviewer',
      () => {
        section = 'review';
      },
    ],
    [
      'SPDXID',
      (value, line) => {
        if (section === 'document' && doc.spdxId === undefined) {
          doc.spdxId = value;
          doc.others.push({ spdxId: value, kind: 'document', loc: { line } });
        } else if (section === 'package' && pkg && pkg.SPDXID === undefined) {
          pkg.SPDXID = value;
          pkg.lines!.SPDXID = line;
        } else if (section === 'file') {
          doc.others.push({ spdxId: value, kind: 'file', loc: { line } });
        }
      },
    ],
    [
      'Relationship',
      (value, line) => {
        const parts = value.split(/\s+/);
        if (parts.length !== 3) {
          invalid.push({ message: `Relationship "${value}" is not "SPDXRef-A TYPE SPDXRef-B"`, line });
          return;
        }
        const [from, type, to] = parts as [string, string, string];
        doc.relationships.push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to, line });
      },
    ],
    [
      'PackageVersion',
      inPackage((p, value, line) => {
        p.versionInfo = value;
        p.lines!.versionInfo = line;
      }),
    ],
    [
      'PackageSupplier',
      inPackage((p, value) => {
        p.supplier = value;
      }),
    ],
    [
      'PackageOriginator',
      inPackage((p, value) => {
        p.originator = value;
      }),
    ],
    [
      'PackageLicenseConcluded',
      inPackage((p, value) => {
        p.licenseConcluded = value;
      }),
    ],
    [
      'PackageLicenseDeclared',
      inPackage((p, value) => {
        p.licenseDeclared = value;
      }),
    ],
    [
      'PackageDescription',
      inPackage((p, value) => {
        p.description = value;
      }),
    ],
    [
      'PackageSummary',
      inPackage((p, value) => {
        p.summary = value;
      }),
    ],
    [
      'PrimaryPackagePurpose',
      inPackage((p, value, line) => {
        p.primaryPackagePurpose = value;
        p.lines!.primaryPackagePurpose = line;
      }),
    ],
    [
      'PackageChecksum',
      inPackage((p, value, line) => {
        const m = /^([A-Za-z0-9-]+)\s*:\s*([0-9A-Fa-f]+)$/.exec(value);
        if (m) p.checksums!.push({ algorithm: m[1]!, checksumValue: m[2]! });
        else invalid.push({ message: `PackageChecksum "${value}" is not "ALGORITHM: hex value"`, line });
      }),
    ],
    [
      'ExternalRef',
      inPackage((p, value, line) => {
        const m = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(value);
        if (m) {
          p.externalRefs!.push({
            referenceCategory: m[1]!,
            referenceType: m[2]!,
            referenceLocator: m[3]!.trim(),
            line,
          });
        } else {
          invalid.push({ message: `ExternalRef "${value}" is not "CATEGORY type locator"`, line });
        }
      }),
    ],
  ]);

  const n = body.length;
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    if (pos > n || (pos === n && lineNo > 0)) return undefined;
    let end = body.indexOf('\n', pos);
    if (end === -1) end = n;
    let line = body.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    lineNo++;
    return line;
  };

  for (let raw = nextLine(); raw !== undefined; raw = nextLine()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const tag = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    const handler = handlers.get(tag);
    // Unknown tags are skipped, for tags of later SPDX versions, but they must still look like tags.
    if (handler === undefined && !TAG.test(tag)) {
      syntax.push({ message: `Line is not "Tag: value": ${preview(line)}`, line: lineNo });
      continue;
    }
    let value = line.slice(colon + 1).trim();
    const tagLine = lineNo;
    if (value.startsWith(TEXT_OPEN)) {
      const rest = value.slice(TEXT_OPEN.length);
      const close = rest.indexOf(TEXT_CLOSE);
      if (close !== -1) {
        value = rest.slice(0, close);
      } else {
        const parts = [rest];
        let closed = false;
        for (let more = nextLine(); more !== undefined; more = nextLine()) {
          const at = more.indexOf(TEXT_CLOSE);
          if (at !== -1) {
            parts.push(more.slice(0, at));
            closed = true;
            break;
          }
          parts.push(more);
        }
        if (!closed) {
          syntax.push({ message: `${tag}: <text> is never closed with </text>`, line: tagLine });
          break;
        }
        value = parts.join('\n').trim();
      }
    }
    handler?.(value, tagLine);
  }

  const empty: SbomDocument = {
    format: 'spdx',
    specVersion: '',
    encoding: 'tag-value',
    tools: [],
    components: [],
    dependencies: [],
  };
  if (versionTag === undefined) {
    const hint = /^\s*[{[]/.test(body)
      ? ' (it looks like JSON; SPDX JSON is read by the JSON reader)'
      : syntax.length > 0
        ? ` (line ${syntax[0]!.line} is not "Tag: value")`
        : '';
    problems.error('not_spdx', `Not an SPDX tag-value document: there is no SPDXVersion tag${hint}`);
    return problems.result(empty);
  }
  const specVersion = checkSpecVersion(versionTag.value, problems, { line: versionTag.line });
  if (specVersion === undefined) return problems.result(empty);
  doc.specVersion = specVersion;
  for (const s of syntax) problems.error('tag_value_syntax', s.message, { line: s.line });
  for (const s of invalid) problems.error('invalid_field', s.message, { line: s.line });

  const value = mapSpdxDocument(doc, problems);
  return problems.result(value);
}

function preview(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
