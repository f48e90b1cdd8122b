/**
 * The part of SPDX 2.2/2.3 both encodings share: an intermediate document the JSON and tag-value readers fill,
 * and its mapping to Vigil's SbomDocument with every check that does not depend on the encoding.
 */
import type { Problem, ProblemList } from '../../core/problem.js';
import { isValidPurl } from '../../core/purl.js';
import type {
  ComponentHash,
  ComponentType,
  SbomComponent,
  SbomDependency,
  SbomDocument,
  SbomEncoding,
  SbomSubject,
} from '../../core/sbom.js';

/** Where something is: a line in tag-value, a JSON path in JSON. */
export type Loc = Pick<Problem, 'line' | 'path'>;

export type SpdxVersion = '2.2' | '2.3';

/*
 * The model uses SPDX JSON's field names so that the JSON reader can hand over the parsed objects themselves
 * once their types are checked: copying 50,000 packages into another shape doubled the garbage collector's work.
 * Tag-value fills the same shape and adds `line`; where `line` is absent, the place is a JSON path built from
 * the element's index, and only when a problem is reported.
 */

export interface SpdxExternalRef {
  referenceCategory?: string;
  referenceType?: string;
  referenceLocator?: string;
  /** Tag-value: the ExternalRef line. */
  line?: number;
}

export interface SpdxChecksum {
  algorithm?: string;
  checksumValue?: string;
}

export type PackageField = 'name' | 'SPDXID' | 'versionInfo' | 'primaryPackagePurpose';

export interface SpdxPackage {
  SPDXID?: string;
  name?: string;
  versionInfo?: string;
  supplier?: string;
  originator?: string;
  checksums?: SpdxChecksum[];
  licenseConcluded?: string;
  licenseDeclared?: string;
  description?: string;
  summary?: string;
  externalRefs?: SpdxExternalRef[];
  primaryPackagePurpose?: string;
  /** Tag-value: the PackageName line, where the package starts. */
  line?: number;
  /** Tag-value: the line of each field, so problems point at the exact line. */
  lines?: Partial<Record<PackageField, number>>;
}

/** A file, snippet or the document itself: not a component, but a valid end of a relationship. */
export interface SpdxOtherElement {
  spdxId: string;
  kind: 'document' | 'file' | 'snippet';
  loc: Loc;
}

export interface SpdxRelationship {
  spdxElementId?: string;
  relationshipType?: string;
  relatedSpdxElement?: string;
  /** Tag-value: the Relationship line. */
  line?: number;
}

export interface SpdxDocumentModel {
  specVersion: SpdxVersion;
  encoding: SbomEncoding;
  /** The document's own SPDXID; `SPDXRef-DOCUMENT` in every valid document. */
  spdxId?: string;
  namespace?: string;
  created?: string;
  creators: string[];
  /** Entries the reader found malformed have their bad fields removed, never the entry: indices stay paths. */
  packages: SpdxPackage[];
  others: SpdxOtherElement[];
  /** JSON `documentDescribes`, in order; DESCRIBES relationships are in `relationships`. */
  describes: { id: string; loc: Loc }[];
  relationships: SpdxRelationship[];
}

const SUPPORTED = ['SPDX-2.2', 'SPDX-2.3'];

/** Checks `spdxVersion`/`SPDXVersion`, reporting anything but 2.2 and 2.3. */
export function checkSpecVersion(value: string, problems: ProblemList, loc: Loc): SpdxVersion | undefined {
  const v = value.trim();
  if (v === 'SPDX-2.2') return '2.2';
  if (v === 'SPDX-2.3') return '2.3';
  if (/^SPDX-3(\.|$)/.test(v)) {
    problems.error(
      'unsupported_spec_version',
      `${v} is not supported yet; Vigil reads ${SUPPORTED.join(' and ')}`,
      loc,
    );
  } else {
    problems.error(
      'unsupported_spec_version',
      `SPDX version "${v}" is not supported; Vigil reads ${SUPPORTED.join(' and ')}`,
      loc,
    );
  }
  return undefined;
}

function meaningful(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return v === '' || v === 'NOASSERTION' || v === 'NONE' ? undefined : v;
}

/** `Organization: Acme Corp (psirt@acme.test)` → `Acme Corp`; NOASSERTION → undefined. */
export function actorName(value: string | undefined): string | undefined {
  const v = meaningful(value);
  if (v === undefined) return undefined;
  // Most suppliers are organisations; the fast path skips the regular expressions for them.
  if (v.startsWith('Organization: ') && !v.endsWith(')')) return meaningful(v.slice('Organization: '.length));
  const name = v
    .replace(/^(Organization|Person|Tool)\s*:\s*/i, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim();
  return meaningful(name);
}

/** SPDX checksum algorithm → the spelling CycloneDX (and so SbomComponent) uses. */
export function hashAlgorithm(algorithm: string): string {
  let known = algorithmCache.get(algorithm);
  if (known === undefined) {
    known = spellAlgorithm(algorithm);
    // Documents use a handful of algorithms; the cap keeps a hostile one from growing the cache.
    if (algorithmCache.size < 64) algorithmCache.set(algorithm, known);
  }
  return known;
}

const algorithmCache = new Map<string, string>();

function spellAlgorithm(algorithm: string): string {
  const upper = algorithm.trim().toUpperCase();
  const sha = /^SHA(\d+)$/.exec(upper);
  if (sha) return `SHA-${sha[1]}`;
  if (upper.startsWith('BLAKE2B-')) return `BLAKE2b-${upper.slice('BLAKE2B-'.length)}`;
  return upper;
}

const PURPOSES = new Map<string, ComponentType>(
  Object.entries({
    APPLICATION: 'application',
    FRAMEWORK: 'framework',
    LIBRARY: 'library',
    CONTAINER: 'container',
    'OPERATING-SYSTEM': 'operating-system',
    DEVICE: 'device',
    FIRMWARE: 'firmware',
    // Source code is not something that runs on a device; CycloneDX has no closer type.
    SOURCE: 'other',
    ARCHIVE: 'file',
    FILE: 'file',
    // An installer delivers an application; that is what a device owner would look for.
    INSTALL: 'application',
    OTHER: 'other',
  }) as [string, ComponentType][],
);

// Reading "A <type> B" as an edge: forward means A depends on B, reverse means B depends on A. Linking
// and prerequisites are dependencies too: Maven SBOMs state theirs only as DYNAMIC_LINK.
const FORWARD_EDGES = new Set(['DEPENDS_ON', 'CONTAINS', 'DYNAMIC_LINK', 'STATIC_LINK', 'HAS_PREREQUISITE']);
const REVERSE_EDGES = new Set([
  'PREREQUISITE_FOR',
  'DEPENDENCY_OF',
  'CONTAINED_BY',
  'BUILD_DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
]);

/** Refs of one cycle a warning names before it elides the middle. */
const MAX_CYCLE_SHOWN = 12;

/** Individual warnings of one kind before they are folded into a single summary. */
const MAX_INDIVIDUAL = 20;

/** Reports the first MAX_INDIVIDUAL occurrences one by one, then one summary with the count of the rest. */
class Aggregate {
  private count = 0;
  constructor(
    private readonly problems: ProblemList,
    private readonly code: string,
    private readonly summary: (more: number) => string,
  ) {}
  add(message: string, loc: Loc): void {
    if (this.count++ < MAX_INDIVIDUAL) this.problems.warn(this.code, message, loc);
  }
  flush(): void {
    if (this.count > MAX_INDIVIDUAL) this.problems.warn(this.code, this.summary(this.count - MAX_INDIVIDUAL));
  }
}

function packageLoc(pkg: SpdxPackage, index: number): Loc {
  return pkg.line !== undefined ? { line: pkg.line } : { path: `$.packages[${index}]` };
}

function fieldLoc(pkg: SpdxPackage, index: number, field: PackageField): Loc {
  if (pkg.line !== undefined) return { line: pkg.lines?.[field] ?? pkg.line };
  return { path: `$.packages[${index}].${field}` };
}

function describeLoc(loc: Loc): string {
  if (loc.line !== undefined) return `line ${loc.line}`;
  return loc.path ?? 'an unknown place';
}

function isExternal(ref: string): boolean {
  return ref.startsWith('DocumentRef-');
}

/** A package that passed the checks, with its index for locating problems. */
interface Known {
  pkg: SpdxPackage;
  index: number;
  id: string;
  name: string;
}

/** Maps a document the readers filled to an SbomDocument, reporting problems into `problems`. */
export function mapSpdxDocument(doc: SpdxDocumentModel, problems: ProblemList): SbomDocument {
  // Every SPDXID in the document; packages map to their index in doc.packages, other elements to themselves.
  const elements = new Map<string, number | SpdxOtherElement>();
  const locOf = (e: number | SpdxOtherElement): Loc =>
    typeof e === 'number' ? fieldLoc(doc.packages[e]!, e, 'SPDXID') : e.loc;
  const claim = (id: string, element: number | SpdxOtherElement): boolean => {
    const first = elements.get(id);
    if (first !== undefined) {
      const loc = locOf(element);
      problems.error(
        'duplicate_spdx_id',
        `SPDXID "${id}" is used twice: at ${describeLoc(locOf(first))} and at ${describeLoc(loc)}`,
        loc,
      );
      return false;
    }
    elements.set(id, element);
    return true;
  };
  for (const other of doc.others) claim(other.spdxId, other);

  const known: Known[] = [];
  const packages = doc.packages;
  for (let i = 0; i < packages.length; i++) {
    const pkg = packages[i]!;
    const name = pkg.name?.trim() ? pkg.name : undefined;
    const id = pkg.SPDXID?.trim() ? pkg.SPDXID : undefined;
    if (name === undefined)
      problems.error('invalid_field', 'A package has no name', fieldLoc(pkg, i, 'name'));
    if (id === undefined) {
      const label = name ? `Package "${name}"` : 'A package';
      problems.error('invalid_field', `${label} has no SPDXID`, fieldLoc(pkg, i, 'SPDXID'));
    } else if (claim(id, i) && name !== undefined) {
      known.push({ pkg, index: i, id, name });
    }
  }
  const isPackage = (ref: string): boolean => typeof elements.get(ref) === 'number';

  const documentId = doc.spdxId ?? 'SPDXRef-DOCUMENT';
  const unknownRefs = new Aggregate(
    problems,
    'unknown_dependency_ref',
    (n) => `${n} more relationships refer to SPDXIDs this document does not define`,
  );
  let externalCount = 0;
  let firstExternal: Loc | undefined;
  const relLoc = (rel: SpdxRelationship, index: number): Loc =>
    rel.line !== undefined ? { line: rel.line } : { path: `$.relationships[${index}]` };
  /**
   * Looks a relationship end up: a package's index, true for another element of this document, or false for an
   * end that is external, unknown (both reported) or NONE/NOASSERTION.
   */
  const resolve = (
    rel: SpdxRelationship,
    index: number,
    ref: string,
    type: string,
    other: string,
  ): number | boolean => {
    const e = elements.get(ref);
    if (e !== undefined) return typeof e === 'number' ? e : true;
    if (ref === documentId) return true;
    if (ref === 'NONE' || ref === 'NOASSERTION') return false;
    if (isExternal(ref)) {
      if (externalCount++ === 0) firstExternal = relLoc(rel, index);
      return false;
    }
    const text = ref === rel.spdxElementId ? `${ref} ${type} ${other}` : `${other} ${type} ${ref}`;
    unknownRefs.add(
      `Relationship "${text}" refers to "${ref}", which is not in this document`,
      relLoc(rel, index),
    );
    return false;
  };

  // The subject: the first package the document describes, in the order the document states them.
  let subjectId: string | undefined;
  const described = (id: string): void => {
    if (subjectId === undefined && isPackage(id)) subjectId = id;
  };
  for (const d of doc.describes) {
    if (isExternal(d.id)) {
      if (externalCount++ === 0) firstExternal = d.loc;
    } else if (elements.has(d.id)) {
      described(d.id);
    } else {
      unknownRefs.add(`documentDescribes refers to "${d.id}", which is not in this document`, d.loc);
    }
  }

  // Edges by package index rather than by ref: no string hashing, and the cycle search can use them as they are.
  const edges: (number[] | undefined)[] = new Array(packages.length);
  const edgeOrder: number[] = [];
  // Most packages have a handful of dependencies, where a linear scan is cheaper than a Set per package.
  const bigSets = new Map<number, Set<number>>();
  const addEdge = (from: number, to: number): void => {
    const list = edges[from];
    if (list === undefined) {
      edges[from] = [to];
      edgeOrder.push(from);
      return;
    }
    if (list.length < 16) {
      if (!list.includes(to)) list.push(to);
      return;
    }
    let seen = bigSets.get(from);
    if (seen === undefined) {
      seen = new Set(list);
      bigSets.set(from, seen);
    }
    if (!seen.has(to)) {
      seen.add(to);
      list.push(to);
    }
  };
  const relationships = doc.relationships;
  for (let i = 0; i < relationships.length; i++) {
    const rel = relationships[i]!;
    const from = rel.spdxElementId;
    const type = rel.relationshipType;
    const to = rel.relatedSpdxElement;
    // The reader has reported a relationship with a missing part already.
    if (from === undefined || type === undefined || to === undefined) continue;
    const fromAt = resolve(rel, i, from, type, to);
    const toAt = resolve(rel, i, to, type, from);
    if (fromAt === false || toAt === false) continue;
    if (type === 'DESCRIBES' && from === documentId) described(to);
    else if (type === 'DESCRIBED_BY' && to === documentId) described(from);
    // Only package-to-package relationships are dependencies; files are not components.
    else if (typeof fromAt !== 'number' || typeof toAt !== 'number') continue;
    else if (FORWARD_EDGES.has(type)) addEdge(fromAt, toAt);
    else if (REVERSE_EDGES.has(type)) addEdge(toAt, fromAt);
  }
  unknownRefs.flush();
  if (externalCount > 0) {
    const message =
      externalCount === 1
        ? '1 reference to an element of another SPDX document (DocumentRef-…) is not followed; it is ignored'
        : `${externalCount} references to elements of other SPDX documents (DocumentRef-…) are not followed; they are ignored`;
    problems.warn('external_document_ref', message, firstExternal);
  }

  // Only packages that passed the checks have edges, so their SPDXID is set.
  const refOf = (i: number): string => packages[i]!.SPDXID!;
  const dependencies: SbomDependency[] = edgeOrder.map((from) => ({
    ref: refOf(from),
    dependsOn: edges[from]!.map(refOf),
  }));
  reportCycles(edges, edgeOrder, problems, refOf, (i) => packageLoc(packages[i]!, i));

  const missingVersion = new Aggregate(
    problems,
    'missing_version',
    (n) => `${n} more packages have no version`,
  );
  const missingIdentifier = new Aggregate(
    problems,
    'missing_identifier',
    (n) => `${n} more packages have neither a purl nor a CPE`,
  );
  const components: SbomComponent[] = [];
  let subject: SbomSubject | undefined;
  let supplier: string | undefined;
  for (const k of known) {
    const component = mapPackage(k, problems);
    if (component.version === undefined) {
      missingVersion.add(
        `Package "${k.name}" (${k.id}) has no version`,
        fieldLoc(k.pkg, k.index, 'versionInfo'),
      );
    }
    if (component.purl === undefined && component.cpe === undefined) {
      missingIdentifier.add(
        `Package "${k.name}" (${k.id}) has neither a purl nor a CPE, so it cannot be matched to vulnerabilities`,
        packageLoc(k.pkg, k.index),
      );
    }
    if (k.id === subjectId) {
      subject = toSubject(component);
      supplier = component.supplier;
    } else {
      components.push(component);
    }
  }
  missingVersion.flush();
  missingIdentifier.flush();

  const tools: string[] = [];
  for (const creator of doc.creators) {
    const m = /^\s*Tool\s*:\s*(.+?)\s*$/i.exec(creator);
    if (m?.[1]) tools.push(m[1]);
  }

  const result: SbomDocument = {
    format: 'spdx',
    specVersion: doc.specVersion,
    encoding: doc.encoding,
    tools,
    components,
    dependencies,
  };
  if (doc.namespace) result.serialNumber = doc.namespace;
  if (doc.created) result.createdAt = doc.created;
  if (subject) result.subject = subject;
  if (supplier) result.supplier = supplier;
  return result;
}

function toSubject(c: SbomComponent): SbomSubject {
  const s: SbomSubject = { name: c.name, type: c.type, ref: c.ref };
  if (c.version !== undefined) s.version = c.version;
  if (c.purl !== undefined) s.purl = c.purl;
  if (c.cpe !== undefined) s.cpe = c.cpe;
  return s;
}

function mapPackage({ pkg, index, id, name }: Known, problems: ProblemList): SbomComponent {
  let purl: string | undefined;
  let cpe: string | undefined;
  const refs = pkg.externalRefs ?? [];
  for (let j = 0; j < refs.length; j++) {
    const r = refs[j]!;
    const category = r.referenceCategory;
    const type = r.referenceType;
    const locator = r.referenceLocator?.trim();
    if (category === undefined || type === undefined || !locator) continue;
    if (type === 'purl' && (category === 'PACKAGE-MANAGER' || category === 'PACKAGE_MANAGER')) {
      if (purl !== undefined) continue;
      if (isValidPurl(locator)) purl = locator;
      else {
        const loc =
          r.line !== undefined
            ? { line: r.line }
            : { path: `$.packages[${index}].externalRefs[${j}].referenceLocator` };
        problems.warn(
          'invalid_purl',
          `Package "${name}" (${id}) has an invalid purl "${locator}"; it is ignored`,
          loc,
        );
      }
    } else if (category === 'SECURITY' && (type === 'cpe23Type' || type === 'cpe22Type')) {
      cpe ??= locator;
    }
  }

  let type: ComponentType = 'library';
  if (pkg.primaryPackagePurpose !== undefined) {
    const purpose = pkg.primaryPackagePurpose;
    const mapped = PURPOSES.get(purpose) ?? PURPOSES.get(purpose.trim().toUpperCase().replace(/_/g, '-'));
    if (mapped) type = mapped;
    else {
      problems.warn(
        'unknown_package_purpose',
        `Package "${name}" (${id}) has an unknown primaryPackagePurpose "${pkg.primaryPackagePurpose}"; it is read as a library`,
        fieldLoc(pkg, index, 'primaryPackagePurpose'),
      );
    }
  }

  const hashes: ComponentHash[] = [];
  for (const c of pkg.checksums ?? []) {
    if (c.algorithm && c.checksumValue)
      hashes.push({ alg: hashAlgorithm(c.algorithm), value: c.checksumValue.trim().toLowerCase() });
  }
  const license = meaningful(pkg.licenseConcluded) ?? meaningful(pkg.licenseDeclared);
  const version = meaningful(pkg.versionInfo);
  const supplier = actorName(pkg.supplier);
  const author = actorName(pkg.originator);
  const description = meaningful(pkg.description) ?? meaningful(pkg.summary);
  // Assigned one by one rather than spread: this runs once per package, and spreads allocate.
  const component: SbomComponent = {
    ref: id,
    type,
    name,
    hashes,
    licenses: license !== undefined ? [license] : [],
  };
  if (version !== undefined) component.version = version;
  if (purl !== undefined) component.purl = purl;
  if (cpe !== undefined) component.cpe = cpe;
  if (supplier !== undefined) component.supplier = supplier;
  if (author !== undefined) component.author = author;
  if (description !== undefined) component.description = description;
  return component;
}

/**
 * Finds dependency cycles with an iterative Tarjan SCC pass (linear, and no recursion to overflow on deep graphs),
 * then reports one concrete cycle through each strongly connected group.
 */
function reportCycles(
  adjacency: (number[] | undefined)[],
  roots: number[],
  problems: ProblemList,
  names: (i: number) => string,
  locOf: (i: number) => Loc,
): void {
  const n = adjacency.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const edgePos = new Int32Array(n);
  const stack: number[] = [];
  const callStack: number[] = [];
  const sccOf = new Int32Array(n).fill(-1);
  let counter = 0;
  let sccCount = 0;
  const cycles = new Aggregate(problems, 'dependency_cycle', (more) => `${more} more dependency cycles`);

  // Nodes without out-edges cannot start a cycle; starting from the others in the order the document first gives
  // them a dependency keeps reports stable.
  for (const root of roots) {
    if (index[root] !== -1) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      const out = adjacency[v] ?? [];
      if (edgePos[v]! < out.length) {
        const w = out[edgePos[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const members: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        sccOf[w] = sccCount;
        members.push(w);
      } while (w !== v);
      const selfLoop = members.length === 1 && (adjacency[v] ?? []).includes(v);
      if (members.length > 1 || selfLoop) {
        const path = cycleThrough(v, sccCount, adjacency, sccOf).map(names);
        const extra =
          members.length > path.length - 1
            ? ` (part of a group of ${members.length} packages that depend on each other)`
            : '';
        // A cycle through thousands of packages would make an unreadable message; its two ends locate it.
        const shown =
          path.length > MAX_CYCLE_SHOWN
            ? [
                ...path.slice(0, MAX_CYCLE_SHOWN - 2),
                `… ${path.length - MAX_CYCLE_SHOWN} more …`,
                ...path.slice(-2),
              ]
            : path;
        cycles.add(`Dependency cycle: ${shown.join(' → ')}${extra}`, locOf(v));
      }
      sccCount++;
    }
  }
  cycles.flush();
}

/** A shortest cycle from `start` back to itself inside its strongly connected group (BFS, linear in the group). */
function cycleThrough(
  start: number,
  scc: number,
  adjacency: (number[] | undefined)[],
  sccOf: Int32Array,
): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of adjacency[v] ?? []) {
      if (sccOf[w] !== scc) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = parent.get(x)!) path.push(x);
        path.push(start);
        // Collected backwards from the last hop; the message reads in dependency direction.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
