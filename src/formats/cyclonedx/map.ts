/**
 * The mapping from CycloneDX to Vigil's SbomDocument that the JSON and XML parsers share.
 *
 * Both parsers hand over a JSON-shaped BOM; XML components are converted one at a time through the
 * Dialect so that nested components never need recursion (documents come from outside and can be deep).
 * Paths are kept as key/index arrays and rendered in the input's own notation only when a problem is
 * reported, so a clean 50k-component document builds no path strings at all.
 */
import type { ParseResult, ProblemList } from '../../core/problem.js';
import type {
  ComponentHash,
  ComponentType,
  SbomComponent,
  SbomDependency,
  SbomDocument,
  SbomSubject,
} from '../../core/sbom.js';
import { isValidPurl } from './purl-check.js';
import { canonicalHashAlg, SCOPES, type SpecFeatures } from './spec.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];
export type JsonObject = Record<string, unknown>;

/** How one encoding differs: its path notation, and how its raw components become JSON-shaped ones. */
export interface Dialect {
  encoding: 'json' | 'xml';
  render(path: Path): string;
  /** The component's own fields in JSON shape, its nested components left out. */
  component(raw: unknown): unknown;
  /** The raw nested components of a raw component: an array, undefined, or something wrong. */
  children(raw: unknown): unknown;
  serviceRef(raw: unknown): unknown;
  serviceChildren(raw: unknown): unknown;
}

/** At most this many warnings of one kind are reported one by one; the rest are counted in one summary. */
export const WARNINGS_PER_KIND = 20;

const summaries: Record<string, (n: number) => string> = {
  missing_version: (n) => `... and ${n} more components without a version`,
  missing_identifier: (n) => `... and ${n} more components without a purl or a cpe`,
  invalid_purl: (n) => `... and ${n} more components whose purl does not parse`,
  unknown_dependency_ref: (n) => `... and ${n} more dependency references to unknown bom-refs`,
  dependency_cycle: (n) => `... and ${n} more dependency cycles`,
};

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/**
 * A component met on the walk. Its path is worked out from the parent chain only when a problem needs
 * it, and its ref is generated (if the document gives none) only once every real ref is known.
 */
interface ComponentNode {
  raw: unknown;
  /** Position in its list: `base` for a top-level one, the parent's `components` otherwise. */
  index: number;
  base: Path;
  parent: ComponentNode | undefined;
  component?: SbomComponent;
}

/** A place in the document: a path, or a component node that can work its path out. */
type Where = Path | ComponentNode;

function pathOf(where: Where): Path {
  if (Array.isArray(where)) return where;
  const node = where as ComponentNode;
  const indexes: number[] = [];
  let top = node;
  for (let n: ComponentNode | undefined = node; n; n = n.parent) {
    indexes.push(n.index);
    top = n;
  }
  const path: PathSegment[] = [...top.base, indexes.pop()!];
  while (indexes.length) path.push('components', indexes.pop()!);
  return path;
}

function at(where: Where, ...tail: PathSegment[]): Path {
  return [...pathOf(where), ...tail];
}

class BomMapper {
  private readonly overflow = new Map<string, number>();
  private readonly perKind = new Map<string, number>();
  /** Every bom-ref the document gives, numbered in order of appearance; the numbers are graph nodes. */
  private readonly refs = new Map<string, number>();
  /** Where each numbered bom-ref was given. */
  private readonly refWhere: Where[] = [];
  private readonly refNames: string[] = [];
  private sawDuplicate = false;
  /** Numbered refs that belong to services rather than components. */
  private readonly isService: boolean[] = [];

  constructor(
    private readonly problems: ProblemList,
    private readonly spec: SpecFeatures,
    private readonly dialect: Dialect,
  ) {}

  map(bom: JsonObject): SbomDocument {
    const doc: SbomDocument = {
      format: 'cyclonedx',
      specVersion: this.spec.version,
      encoding: this.dialect.encoding,
      tools: [],
      components: [],
      dependencies: [],
    };
    const serialNumber = this.str(bom, 'serialNumber', []);
    if (serialNumber) doc.serialNumber = serialNumber;
    const version = bom.version;
    if (version !== undefined && version !== null) {
      if (typeof version === 'number' && Number.isInteger(version)) doc.documentVersion = version;
      else this.wrongType(['version'], 'an integer', version);
    }

    const nodes: ComponentNode[] = [];
    const metadata = bom.metadata;
    let subjectNested: unknown;
    if (metadata !== undefined && metadata !== null) {
      if (isObject(metadata)) subjectNested = this.metadata(metadata, doc);
      else this.wrongType(['metadata'], 'an object', metadata);
    }
    if (subjectNested !== undefined) {
      this.walk(subjectNested, ['metadata', 'component', 'components'], nodes);
    }
    const subjectNestedCount = nodes.length;
    this.walk(bom.components, ['components'], nodes);
    this.services(bom.services);
    doc.components = this.finishComponents(nodes, subjectNestedCount, doc.subject?.ref);
    if (bom.dependencies !== undefined && bom.dependencies !== null) {
      doc.dependencies = this.dependencies(bom.dependencies);
    }
    this.flushSummaries();
    return doc;
  }

  // ---- problems -------------------------------------------------------------------------------

  private error(code: string, message: string, where: Where): void {
    this.problems.error(code, message, { path: this.dialect.render(pathOf(where)) });
  }

  private wrongType(where: Where, expected: string, got: unknown): void {
    const path = this.dialect.render(pathOf(where));
    this.problems.error('invalid_field', `${path} must be ${expected}, not ${describe(got)}`, { path });
  }

  /** A warning of a kind that can repeat thousands of times: the first few are reported, the rest counted. */
  private cappedWarning(code: string, message: () => string, where: () => Where): void {
    const n = this.perKind.get(code) ?? 0;
    if (n < WARNINGS_PER_KIND) {
      this.perKind.set(code, n + 1);
      this.problems.warn(code, message(), { path: this.dialect.render(pathOf(where())) });
    } else {
      this.overflow.set(code, (this.overflow.get(code) ?? 0) + 1);
    }
  }

  private flushSummaries(): void {
    for (const [code, n] of this.overflow)
      this.problems.warn(code, summaries[code]?.(n) ?? `... and ${n} more`);
  }

  // ---- field readers --------------------------------------------------------------------------

  /** An optional string field; null counts as absent, anything else that is not a string is an error. */
  private str(obj: JsonObject, key: string, where: Where): string | undefined {
    const v = obj[key];
    if (typeof v === 'string') return v;
    if (v !== undefined && v !== null) this.wrongType(at(where, key), 'a string', v);
    return undefined;
  }

  /** The `name` of an organisational entity such as `supplier: {name}`. */
  private orgName(obj: JsonObject, key: string, where: Where): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.wrongType(at(where, key), 'an object', v);
      return undefined;
    }
    return this.str(v, 'name', at(where, key)) || undefined;
  }

  private list(v: unknown, where: Where, key?: string): readonly unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    this.wrongType(key === undefined ? where : at(where, key), 'a list', v);
    return undefined;
  }

  // ---- metadata -------------------------------------------------------------------------------

  /** Fills subject, supplier, createdAt and tools; answers metadata.component's raw nested components. */
  private metadata(md: JsonObject, doc: SbomDocument): unknown {
    const path = ['metadata'];
    const timestamp = this.str(md, 'timestamp', path);
    if (timestamp) doc.createdAt = timestamp;
    doc.tools = this.tools(md.tools);

    let nested: unknown;
    let subjectSupplier: string | undefined;
    if (md.component !== undefined && md.component !== null) {
      const cpath = ['metadata', 'component'];
      const raw = this.dialect.component(md.component);
      // Some scanners (SCALIBR) write a placeholder subject with an empty name and type: the document is
      // still a good SBOM, it just does not say what it describes.
      const blank = isObject(raw) && !raw.name && !raw.type;
      const c = blank ? undefined : this.component(raw, cpath, true);
      if (blank) {
        this.problems.warn(
          'blank_subject',
          'metadata.component has an empty name and type; it is ignored, so the document does not say what it describes',
          {
            path: this.dialect.render(pathOf(cpath)),
          },
        );
      } else if (c) {
        const subject: SbomSubject = { name: c.name, type: c.type };
        if (c.version !== undefined) subject.version = c.version;
        if (c.group !== undefined) subject.group = c.group;
        if (c.purl !== undefined) subject.purl = c.purl;
        if (c.cpe !== undefined) subject.cpe = c.cpe;
        if (c.ref) subject.ref = c.ref;
        doc.subject = subject;
        subjectSupplier =
          c.supplier ??
          (isObject(raw)
            ? (this.orgName(raw, 'manufacturer', cpath) ?? this.str(raw, 'publisher', cpath))
            : undefined);
      }
      nested = this.dialect.children(md.component);
    }
    const supplier =
      this.orgName(md, 'supplier', path) ??
      this.orgName(md, 'manufacturer', path) ??
      this.orgName(md, 'manufacture', path) ??
      subjectSupplier;
    if (supplier) doc.supplier = supplier;
    return nested;
  }

  /** Tools are informative only, so odd shapes are skipped rather than refusing the document over them. */
  private tools(tools: unknown): string[] {
    const out: string[] = [];
    const text = (o: JsonObject, k: string): string | undefined =>
      typeof o[k] === 'string' ? (o[k] as string) : undefined;
    const org = (o: JsonObject, k: string): string | undefined => {
      const v = o[k];
      return isObject(v) ? text(v, 'name') : undefined;
    };
    const push = (...parts: (string | undefined)[]): void => {
      const s = parts.filter((p) => p).join(' ');
      if (s) out.push(s);
    };
    if (Array.isArray(tools)) {
      for (const t of tools) if (isObject(t)) push(text(t, 'vendor'), text(t, 'name'), text(t, 'version'));
    } else if (isObject(tools)) {
      if (Array.isArray(tools.components)) {
        for (const raw of tools.components) {
          const t = this.dialect.component(raw);
          if (!isObject(t)) continue;
          const vendor =
            org(t, 'supplier') ?? org(t, 'manufacturer') ?? text(t, 'publisher') ?? text(t, 'group');
          push(vendor, text(t, 'name'), text(t, 'version'));
        }
      }
      if (Array.isArray(tools.services)) {
        for (const t of tools.services) {
          if (isObject(t)) push(org(t, 'provider') ?? text(t, 'group'), text(t, 'name'), text(t, 'version'));
        }
      }
    }
    return out;
  }

  // ---- components -----------------------------------------------------------------------------

  /** Depth-first, parents before children, siblings in document order, with an explicit stack. */
  private walk(rawList: unknown, base: Path, out: ComponentNode[]): void {
    const top = this.list(rawList, base);
    if (!top) return;
    const stack: ComponentNode[] = [];
    for (let i = 0; i < top.length; i++) {
      stack.push({ raw: top[i], index: i, base, parent: undefined });
      while (stack.length) {
        const node = stack.pop()!;
        const c = this.component(this.dialect.component(node.raw), node, false);
        if (c) {
          node.component = c;
          out.push(node);
        }
        const kids = this.dialect.children(node.raw);
        if (kids === undefined || kids === null) continue;
        const list = this.list(kids, node, 'components');
        if (!list) continue;
        for (let k = list.length - 1; k >= 0; k--) stack.push({ raw: list[k], index: k, base, parent: node });
      }
    }
  }

  /**
   * One component's own fields. Answers undefined when it cannot be mapped (the errors are recorded);
   * `ref` is left empty when the document gives none, to be generated once all real refs are known.
   */
  private component(c: unknown, where: Where, isSubject: boolean): SbomComponent | undefined {
    if (!isObject(c)) {
      this.wrongType(where, 'an object', c);
      return undefined;
    }
    // Read once with fixed names: it is the hot loop of a 50k-component import.
    const { name, version, group, description, cpe, purl, scope, hashes, licenses } = c;
    const type = this.componentType(c.type, where);
    const ref = this.text(c['bom-ref'], where, 'bom-ref');
    if (ref) this.claimRef(ref, where);
    const out: SbomComponent = { ref: ref ?? '', type: type ?? 'other', name: '', hashes: [], licenses: [] };
    if (typeof name === 'string' && name) out.name = name;
    else if (name === undefined || name === null || name === '') {
      this.error(
        'invalid_field',
        `${isSubject ? 'The subject component' : 'A component'} has no name`,
        at(where, 'name'),
      );
    } else this.wrongType(at(where, 'name'), 'a string', name);
    if (typeof group === 'string' ? group : this.text(group, where, 'group')) out.group = group as string;
    if (typeof version === 'string' ? version : this.text(version, where, 'version'))
      out.version = version as string;
    if (typeof description === 'string' ? description : this.text(description, where, 'description')) {
      out.description = description as string;
    }
    if (typeof cpe === 'string' ? cpe : this.text(cpe, where, 'cpe')) out.cpe = cpe as string;
    if (typeof purl === 'string' ? purl : this.text(purl, where, 'purl')) {
      if (isValidPurl(purl as string)) out.purl = purl as string;
      else this.invalidPurl(purl as string, out, where);
    }
    if (c.supplier !== undefined && c.supplier !== null) {
      const supplier = this.orgName(c, 'supplier', where);
      if (supplier) out.supplier = supplier;
    }
    const author = c.author === undefined && c.authors === undefined ? undefined : this.author(c, where);
    if (author) out.author = author;
    if (typeof scope === 'string' ? scope : this.text(scope, where, 'scope')) {
      if ((SCOPES as readonly string[]).includes(scope as string))
        out.scope = scope as SbomComponent['scope'];
      else
        this.error(
          'invalid_field',
          `Scope ${JSON.stringify(scope)} is not one of ${SCOPES.join(', ')}`,
          at(where, 'scope'),
        );
    }
    if (hashes !== undefined) this.hashes(hashes, where, out.hashes);
    if (licenses !== undefined) this.licenses(licenses, where, out.licenses);

    if (!out.name || !type) return undefined;
    if (!isSubject && (!out.version || (!cpe && !purl))) this.incomplete(out, where, Boolean(purl || cpe));
    return out;
  }

  /** A string value, or undefined; reports anything else but null (which counts as absent). */
  private text(v: unknown, where: Where, key: string): string | undefined {
    if (typeof v === 'string') return v;
    if (v !== undefined && v !== null) this.wrongType(at(where, key), 'a string', v);
    return undefined;
  }

  private invalidPurl(purl: string, c: SbomComponent, where: Where): void {
    this.cappedWarning(
      'invalid_purl',
      () => `The purl ${JSON.stringify(purl)} of ${label(c)} does not parse; it is ignored`,
      () => at(where, 'purl'),
    );
  }

  private incomplete(c: SbomComponent, where: Where, identified: boolean): void {
    if (!c.version)
      this.cappedWarning(
        'missing_version',
        () => `${label(c)} has no version`,
        () => at(where, 'version'),
      );
    if (!identified) {
      this.cappedWarning(
        'missing_identifier',
        () => `${label(c)} has neither a purl nor a cpe, so it cannot be matched to vulnerabilities`,
        () => where,
      );
    }
  }

  private componentType(type: unknown, where: Where): ComponentType | undefined {
    if (typeof type === 'string' && this.spec.componentTypes.has(type as ComponentType))
      return type as ComponentType;
    if (type === undefined || type === null || type === '') {
      this.error('invalid_field', 'A component has no type', at(where, 'type'));
    } else if (typeof type !== 'string') {
      this.wrongType(at(where, 'type'), 'a string', type);
    } else {
      this.error(
        'invalid_component_type',
        `Component type ${JSON.stringify(type)} is not allowed in CycloneDX ${this.spec.version}, which allows ${[...this.spec.componentTypes].join(', ')}`,
        at(where, 'type'),
      );
    }
    return undefined;
  }

  /** `author` (a string), or the 1.6 `authors` list of organisational contacts. */
  private author(c: JsonObject, where: Where): string | undefined {
    const author = this.str(c, 'author', where);
    if (author) return author;
    const authors = this.list(c.authors, where, 'authors');
    if (!authors) return undefined;
    const names: string[] = [];
    for (let i = 0; i < authors.length; i++) {
      const a = authors[i];
      if (!isObject(a)) this.wrongType(at(where, 'authors', i), 'an object', a);
      else {
        const n = this.str(a, 'name', at(where, 'authors', i));
        if (n) names.push(n);
      }
    }
    return names.length ? names.join(', ') : undefined;
  }

  private hashes(v: unknown, where: Where, out: ComponentHash[]): void {
    const list = this.list(v, where, 'hashes');
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const h = list[i];
      if (isObject(h) && typeof h.alg === 'string' && h.alg && typeof h.content === 'string' && h.content) {
        out.push({ alg: canonicalHashAlg(h.alg), value: h.content.trim().toLowerCase() });
        continue;
      }
      // Only a bad hash pays for its path.
      const hpath = at(where, 'hashes', i);
      if (!isObject(h)) {
        this.wrongType(hpath, 'an object', h);
        continue;
      }
      if (!this.str(h, 'alg', hpath))
        this.error('invalid_field', 'A hash has no algorithm', [...hpath, 'alg']);
      if (!this.str(h, 'content', hpath))
        this.error('invalid_field', 'A hash has no value', [...hpath, 'content']);
    }
  }

  private licenses(v: unknown, where: Where, out: string[]): void {
    const list = this.list(v, where, 'licenses');
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (!isObject(entry)) {
        this.wrongType(at(where, 'licenses', i), 'an object', entry);
        continue;
      }
      if (typeof entry.expression === 'string' && entry.expression) {
        out.push(entry.expression);
        continue;
      }
      const license = entry.license;
      if (isObject(license)) {
        const id = license.id;
        const name = license.name;
        if (typeof id === 'string' && id) out.push(id);
        else if ((id === undefined || id === null) && typeof name === 'string' && name) out.push(name);
        else {
          const lpath = at(where, 'licenses', i, 'license');
          const found = this.str(license, 'id', lpath) || this.str(license, 'name', lpath);
          if (found) out.push(found);
        }
      } else if (license !== undefined && license !== null) {
        this.wrongType(at(where, 'licenses', i, 'license'), 'an object', license);
      } else {
        this.str(entry, 'expression', at(where, 'licenses', i));
      }
    }
  }

  /** Numbers a bom-ref, or reports it as a duplicate; `where` is the thing that has the ref. */
  private claimRef(ref: string, where: Where): void {
    const n = this.refWhere.length;
    let first: number | undefined;
    if (!this.sawDuplicate) {
      // One hash operation per ref while all is well: a repeat shows as a map that did not grow. The
      // first repeat pays once to find the original holder; from then on refs are looked up first.
      this.refs.set(ref, n);
      if (this.refs.size > n) first = undefined;
      else {
        this.sawDuplicate = true;
        first = this.refNames.indexOf(ref);
        this.refs.set(ref, first);
      }
    } else {
      first = this.refs.get(ref);
      if (first === undefined) this.refs.set(ref, n);
    }
    if (first === undefined) {
      this.refWhere.push(where);
      this.refNames.push(ref);
      return;
    }
    const a = this.dialect.render(at(this.refWhere[first]!, 'bom-ref'));
    const b = this.dialect.render(at(where, 'bom-ref'));
    this.error(
      'duplicate_bom_ref',
      `bom-ref ${JSON.stringify(ref)} is used twice: at ${a} and at ${b}`,
      at(where, 'bom-ref'),
    );
  }

  /** Services are not imported, but their bom-refs must be unique too and dependencies may name them. */
  private services(v: unknown): void {
    const top = this.list(v, ['services']);
    if (!top) return;
    const stack: { raw: unknown; path: Path }[] = [];
    for (let i = top.length - 1; i >= 0; i--) stack.push({ raw: top[i], path: ['services', i] });
    while (stack.length) {
      const { raw, path } = stack.pop()!;
      const ref = this.dialect.serviceRef(raw);
      if (typeof ref === 'string' && ref) {
        this.claimRef(ref, path);
        this.isService[this.refs.get(ref)!] = true;
      }
      const kids = this.dialect.serviceChildren(raw);
      if (!Array.isArray(kids)) continue;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ raw: kids[i], path: [...path, 'services', i] });
    }
  }

  /**
   * Gives ref-less components `vigil:gen:<ordinal>`, skipping any the document itself uses, and links
   * parents; the first `subjectNested` nodes are metadata.component's own, whose parent is the subject.
   */
  private finishComponents(
    nodes: ComponentNode[],
    subjectNested: number,
    subjectRef: string | undefined,
  ): SbomComponent[] {
    const out: SbomComponent[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const c = nodes[i]!.component!;
      if (!c.ref) {
        let ref = `vigil:gen:${i + 1}`;
        for (let k = 1; this.refs.has(ref); k++) ref = `vigil:gen:${i + 1}.${k}`;
        c.ref = ref;
      }
      out[i] = c;
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const parentRef = node.parent ? node.parent.component?.ref : i < subjectNested ? subjectRef : undefined;
      if (parentRef) node.component!.parentRef = parentRef;
    }
    return out;
  }

  // ---- dependencies ---------------------------------------------------------------------------

  /**
   * The dependencies whose refs name components (or the subject), in document order. Edges are also
   * collected as numbered refs so that cycle detection needs no more string lookups.
   */
  private dependencies(v: unknown): SbomDependency[] {
    const list = this.list(v, ['dependencies']);
    if (!list) return [];
    const { refs, refNames } = this;
    // Services are few: a byte per numbered ref says which are, without reading holes of a sparse array.
    const isService = new Uint8Array(refNames.length);
    this.isService.forEach((service, n) => {
      if (service) isService[n] = 1;
    });
    const known = (t: string): boolean => {
      const n = refs.get(t);
      return n !== undefined && !isService[n];
    };
    const out: SbomDependency[] = [];
    const graph: DependencyGraph = { names: [], nodeOfEntry: [], edgeFrom: [], edgeTo: [] };
    let lastFrom = -1;
    // No closures in these loops: a closure capturing loop variables costs an allocation per edge.
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (!isObject(d)) {
        this.wrongType(['dependencies', i], 'an object', d);
        continue;
      }
      const ref = d.ref;
      if (typeof ref !== 'string' || !ref) {
        if (ref === undefined || ref === null || ref === '')
          this.error('invalid_field', 'A dependency has no ref', ['dependencies', i, 'ref']);
        else this.wrongType(['dependencies', i, 'ref'], 'a string', ref);
        continue;
      }
      const targets = Array.isArray(d.dependsOn)
        ? d.dependsOn
        : (this.list(d.dependsOn, ['dependencies', i, 'dependsOn']) ?? []);
      // Documents usually list dependencies in the order of their components: try the next ref before
      // hashing this one (the strings are equal, rarely the same object, so this compares characters).
      const next = lastFrom + 1;
      const from = refNames[next] === ref ? next : refs.get(ref);
      if (from === undefined || isService[from]) {
        this.unknownRef(ref, undefined, i, -1);
        continue;
      }
      let kept = 0;
      for (let j = 0; j < targets.length; j++) {
        const t = targets[j];
        if (typeof t !== 'string') {
          this.wrongType(['dependencies', i, 'dependsOn', j], 'a string', t);
          continue;
        }
        const to = refs.get(t);
        if (to === undefined || isService[to]) {
          this.unknownRef(ref, t, i, j);
          continue;
        }
        kept++;
        graph.edgeFrom.push(from);
        graph.edgeTo.push(to);
      }
      // The document's own list serves when nothing was dropped from it, as is usual.
      const dependsOn =
        kept === targets.length
          ? (targets as string[])
          : targets.filter((t): t is string => typeof t === 'string' && known(t));
      lastFrom = from;
      if (graph.nodeOfEntry[from] === undefined) graph.nodeOfEntry[from] = i;
      out.push({ ref, dependsOn });
    }
    graph.names = this.refNames;
    for (const cycle of findCycles(graph)) this.cycle(cycle);
    return out;
  }

  private unknownRef(ref: string, target: string | undefined, entry: number, index: number): void {
    const why = (r: string): string =>
      this.refs.has(r) ? 'a service, which Vigil does not import' : 'no component in the document';
    if (target === undefined) {
      this.cappedWarning(
        'unknown_dependency_ref',
        () => `The dependencies of ${JSON.stringify(ref)} are ignored: that bom-ref names ${why(ref)}`,
        () => ['dependencies', entry, 'ref'],
      );
    } else {
      this.cappedWarning(
        'unknown_dependency_ref',
        () =>
          `The dependency of ${JSON.stringify(ref)} on ${JSON.stringify(target)} is ignored: that bom-ref names ${why(target)}`,
        () => ['dependencies', entry, 'dependsOn', index],
      );
    }
  }

  private cycle(cycle: Cycle): void {
    const more = cycle.groupSize > cycle.refs.length;
    this.cappedWarning(
      'dependency_cycle',
      () =>
        `Dependency cycle: ${[...cycle.refs, cycle.refs[0]].join(' -> ')}${more ? ` (one of the cycles among ${cycle.groupSize} mutually dependent bom-refs)` : ''}`,
      () => ['dependencies', cycle.entry],
    );
  }
}

function label(c: Pick<SbomComponent, 'name' | 'version'>): string {
  return `Component ${JSON.stringify(c.version ? `${c.name}@${c.version}` : c.name)}`;
}

/** Dependencies as numbered refs: edge k goes from edgeFrom[k] to edgeTo[k]. */
export interface DependencyGraph {
  /** The bom-ref of each node number. */
  names: string[];
  /** For each node, the index of its first entry in `dependencies`. */
  nodeOfEntry: number[];
  edgeFrom: number[];
  edgeTo: number[];
}

export interface Cycle {
  /** The refs around the cycle, starting with the one whose dependencies entry comes first. */
  refs: string[];
  /** How many refs are in the strongly connected group the cycle was taken from. */
  groupSize: number;
  /** Index of the starting ref's entry in `dependencies`. */
  entry: number;
}

/**
 * One cycle from each strongly connected group of the dependency graph (Tarjan, iterative so that a
 * deep chain cannot overflow the stack; linear in refs and edges). Listing every elementary cycle
 * could take exponential time, and one per group is what someone untangling the graph needs.
 */
export function findCycles(graph: DependencyGraph): Cycle[] {
  const n = graph.names.length;
  const { edgeFrom, edgeTo } = graph;
  // Compressed adjacency: the targets of node v are targets[start[v] .. start[v + 1]), in document order.
  const start = new Int32Array(n + 1);
  for (const v of edgeFrom) start[v + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const targets = new Int32Array(edgeFrom.length);
  for (let e = 0; e < edgeFrom.length; e++) targets[fill[edgeFrom[e]!]!++] = edgeTo[e]!;

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const next = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack: number[] = [];
  const call: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || start[root] === start[root + 1]) continue;
    index[root] = low[root] = counter++;
    next[root] = start[root]!;
    sccStack.push(root);
    onStack[root] = 1;
    call.push(root);
    while (call.length) {
      const v = call[call.length - 1]!;
      if (next[v]! < start[v + 1]!) {
        const w = targets[next[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          next[w] = start[w]!;
          sccStack.push(w);
          onStack[w] = 1;
          call.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      call.pop();
      if (call.length) {
        const u = call[call.length - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = sccStack.pop()!;
          onStack[w] = 0;
          group.push(w);
        } while (w !== v);
        if (group.length > 1 || hasSelfLoop(v, start, targets)) groups.push(group);
      }
    }
  }

  const inGroup = new Int32Array(n).fill(-1);
  groups.forEach((g, gi) => {
    for (const v of g) inGroup[v] = gi;
  });
  const entry = (v: number): number => graph.nodeOfEntry[v] ?? Number.MAX_SAFE_INTEGER;
  const cycles = groups.map((g, gi) => {
    const first = g.reduce((a, b) => (entry(a) <= entry(b) ? a : b));
    const refs = cycleThrough(first, gi, inGroup, start, targets).map((v) => graph.names[v]!);
    return { refs, groupSize: g.length, entry: entry(first) };
  });
  return cycles.sort((a, b) => a.entry - b.entry);
}

function hasSelfLoop(v: number, start: Int32Array, targets: Int32Array): boolean {
  for (let e = start[v]!; e < start[v + 1]!; e++) if (targets[e] === v) return true;
  return false;
}

/** A shortest cycle from `from` back to itself inside its group, by breadth-first search. */
function cycleThrough(
  from: number,
  group: number,
  inGroup: Int32Array,
  start: Int32Array,
  targets: Int32Array,
): number[] {
  const prev = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let e = start[v]!; e < start[v + 1]!; e++) {
      const w = targets[e]!;
      if (inGroup[w] !== group) continue;
      if (w === from) {
        const path: number[] = [];
        for (let x = v; x !== -1; x = prev.get(x)!) path.push(x);
        return path.reverse();
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [from];
}

/** Maps a JSON-shaped BOM whose header (format, specVersion) has already been checked. */
export function mapBom(
  bom: JsonObject,
  spec: SpecFeatures,
  dialect: Dialect,
  problems: ProblemList,
): SbomDocument {
  return new BomMapper(problems, spec, dialect).map(bom);
}

/** The result for a document refused before mapping began. */
export function refused(problems: ProblemList): ParseResult<SbomDocument> {
  return { ok: false, errors: problems.errors, warnings: problems.warnings };
}
