import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import { type Dialect, isObject, type JsonObject, mapBom, type Path, refused } from './map.js';
import { specFor, unsupportedVersionMessage, versionOfNamespace, XML_NAMESPACE_PREFIX } from './spec.js';

/** Elements that repeat inside their parent: the parser must give a list even when there is only one. */
const listItems = new Set([
  'components.component',
  'hashes.hash',
  'licenses.license',
  'licenses.expression',
  'tools.tool',
  'services.service',
  'dependencies.dependency',
  'dependency.dependency',
  'authors.author',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Entities stay as written: nothing is expanded, no DTD is read (XXE, billion laughs). The five
  // predefined ones and character references are decoded by `decode` below, which cannot expand.
  processEntities: false,
  htmlEntities: false,
  // Versions like `1.10` must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, jpath) => {
    const p = String(jpath);
    const parentStart = p.lastIndexOf('.', p.length - name.length - 2);
    return listItems.has(p.slice(parentStart + 1));
  },
});

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const entityRef = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;

/** Decodes predefined entities and character references; anything else is left as written. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    entityRef,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return predefined[name]!;
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}

/** An element's text: `<name>x</name>` gives a string, `<name a="1">x</name>` an object with `#text`. */
function text(v: unknown): unknown {
  if (typeof v === 'string') return decode(v);
  if (isObject(v) && Object.keys(v).every((k) => k === '#text' || k.startsWith('@'))) {
    return typeof v['#text'] === 'string' ? decode(v['#text']) : '';
  }
  return v;
}

function attr(v: JsonObject, name: string): unknown {
  const a = v[`@${name}`];
  return typeof a === 'string' ? decode(a) : a;
}

/** `<component/>` with neither attributes nor children parses as an empty string. */
function element(v: unknown): unknown {
  return v === '' ? {} : v;
}

function items(v: unknown, name: string): unknown {
  const e = element(v);
  return isObject(e) ? e[name] : e === undefined ? undefined : e;
}

function org(v: unknown): unknown {
  const e = element(v);
  if (!isObject(e)) return e;
  return { name: text(e.name) };
}

const textFields = [
  'name',
  'group',
  'version',
  'description',
  'purl',
  'cpe',
  'author',
  'publisher',
  'scope',
] as const;

/** One `<component>` in the JSON shape the mapper reads, its nested `<components>` left out. */
function component(raw: unknown): unknown {
  const c = element(raw);
  if (!isObject(c)) return c;
  const out: JsonObject = { type: attr(c, 'type'), 'bom-ref': attr(c, 'bom-ref') };
  for (const k of textFields) if (c[k] !== undefined) out[k] = text(c[k]);
  if (c.supplier !== undefined) out.supplier = org(c.supplier);
  if (c.manufacturer !== undefined) out.manufacturer = org(c.manufacturer);
  if (c.authors !== undefined) {
    const authors = items(c.authors, 'author');
    out.authors = Array.isArray(authors) ? authors.map(org) : authors;
  }
  if (c.hashes !== undefined) {
    const hashes = items(c.hashes, 'hash');
    out.hashes = Array.isArray(hashes)
      ? hashes.map((h) => (isObject(h) ? { alg: attr(h, 'alg'), content: text(h) } : { content: text(h) }))
      : hashes;
  }
  if (c.licenses !== undefined) {
    const l = element(c.licenses);
    if (isObject(l)) {
      const licenses: unknown[] = [];
      if (Array.isArray(l.license)) {
        for (const e of l.license) {
          const le = element(e);
          licenses.push(isObject(le) ? { license: { id: text(le.id), name: text(le.name) } } : le);
        }
      }
      if (Array.isArray(l.expression)) for (const e of l.expression) licenses.push({ expression: text(e) });
      out.licenses = licenses;
    } else out.licenses = l;
  }
  return out;
}

function tools(raw: unknown): unknown {
  const t = element(raw);
  if (!isObject(t)) return undefined;
  if (Array.isArray(t.tool)) {
    return t.tool.map((x) => {
      const e = element(x);
      return isObject(e) ? { vendor: text(e.vendor), name: text(e.name), version: text(e.version) } : e;
    });
  }
  const out: JsonObject = {};
  const components = items(t.components, 'component');
  if (Array.isArray(components)) out.components = components;
  const services = items(t.services, 'service');
  if (Array.isArray(services)) {
    out.services = services.map((x) => {
      const e = element(x);
      return isObject(e)
        ? { provider: org(e.provider), group: text(e.group), name: text(e.name), version: text(e.version) }
        : e;
    });
  }
  return out;
}

function metadata(raw: unknown): unknown {
  const m = element(raw);
  if (!isObject(m)) return m;
  const out: JsonObject = {};
  if (m.timestamp !== undefined) out.timestamp = text(m.timestamp);
  if (m.tools !== undefined) out.tools = tools(m.tools);
  for (const k of ['supplier', 'manufacturer', 'manufacture'] as const)
    if (m[k] !== undefined) out[k] = org(m[k]);
  if (m.component !== undefined) out.component = m.component;
  return out;
}

function dependencies(raw: unknown): unknown {
  const list = items(raw, 'dependency');
  if (!Array.isArray(list)) return list;
  return list.map((d) => {
    const e = element(d);
    if (!isObject(e)) return e;
    const inner = Array.isArray(e.dependency) ? e.dependency : [];
    return { ref: attr(e, 'ref'), dependsOn: inner.map((x) => (isObject(x) ? attr(x, 'ref') : x)) };
  });
}

const itemNames: Record<string, string> = {
  components: 'component',
  hashes: 'hash',
  licenses: 'license',
  tools: 'tool',
  services: 'service',
  dependencies: 'dependency',
  authors: 'author',
};
const attributes = new Set(['bom-ref', 'type', 'ref', 'alg']);

/** `/bom/components/component[13]/name`: XPath, whose positions count from 1. */
export function renderXmlPath(path: Path): string {
  let out = '/bom';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next = path[i + 1];
    if (typeof seg === 'number') continue;
    if (seg === 'dependsOn' && typeof next === 'number') {
      // JSON's `dependsOn: ["x"]` is XML's nested `<dependency ref="x"/>`.
      out += `/dependency[${next + 1}]/@ref`;
    } else if (seg === 'licenses' && typeof next === 'number') {
      // `<license>` and `<expression>` elements are counted apart, which the JSON-shaped index cannot tell.
      out += path[i + 2] === 'expression' ? '/licenses/expression' : `/licenses/license[${next + 1}]`;
      i += 2;
    } else if (typeof next === 'number') {
      out += `/${seg}/${itemNames[seg] ?? seg}[${next + 1}]`;
    } else if (seg === 'content') {
      // A hash's value is the element's text.
    } else if (attributes.has(seg) || (i === 0 && (seg === 'version' || seg === 'serialNumber'))) {
      out += `/@${seg}`;
    } else {
      out += `/${seg}`;
    }
  }
  return out;
}

const xmlDialect: Dialect = {
  encoding: 'xml',
  render: renderXmlPath,
  component,
  children: (raw) => {
    const c = element(raw);
    return isObject(c) && c.components !== undefined ? items(c.components, 'component') : undefined;
  },
  serviceRef: (raw) => (isObject(raw) ? attr(raw, 'bom-ref') : undefined),
  serviceChildren: (raw) =>
    isObject(raw) && raw.services !== undefined ? items(raw.services, 'service') : undefined,
};

const startTag =
  /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;

/** The root element's name and namespace, read from the text because the parser drops `xmlns` attributes. */
function rootElement(text: string): { local: string; namespace?: string } | undefined {
  let i = 0;
  for (;;) {
    i = text.indexOf('<', i);
    if (i === -1) return undefined;
    const close = text.startsWith('<?', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (!close) break;
    i = text.indexOf(close, i);
    if (i === -1) return undefined;
  }
  startTag.lastIndex = i;
  const m = startTag.exec(text);
  if (!m) return undefined;
  const prefix = m[1] ? `:${m[1].slice(0, -1)}` : '';
  const ns = new RegExp(`\\sxmlns${prefix}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[3] ?? '');
  const namespace = ns ? (ns[1] ?? ns[2]) : undefined;
  return namespace === undefined ? { local: m[2]! } : { local: m[2]!, namespace };
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses a CycloneDX XML BOM (spec 1.2–1.6) into Vigil's model, or refuses it with the reasons. */
export function parseCycloneDxXml(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const problems = new ProblemList(options.file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  // Refused outright, not just left unexpanded: a BOM has no use for a DTD, and one is the vector of
  // XXE and entity-expansion attacks against whatever reads the file next.
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(body);
  if (dtd) {
    problems.error(
      'xml_doctype',
      `The XML declares a ${dtd[1]!.toUpperCase()}; Vigil refuses DTDs and entity declarations in SBOMs, as they can read local files or expand without bound`,
      lineColumnOf(body, dtd.index),
    );
    return refused(problems);
  }

  // The parser tolerates unclosed and mismatched tags; the validator does not, and knows where they are.
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    problems.error('xml_syntax', `The file is not well-formed XML: ${valid.err.msg}`, {
      line: valid.err.line,
      ...(valid.err.col !== undefined ? { column: valid.err.col } : {}),
    });
    return refused(problems);
  }

  const root = rootElement(body);
  const namespace = root?.namespace;
  const version = namespace === undefined ? undefined : versionOfNamespace(namespace);
  if (root?.local !== 'bom' || version === undefined) {
    const what = !root
      ? 'it has no root element'
      : root.local !== 'bom'
        ? `its root element is <${root.local}>, not <bom>`
        : `its <bom> is in namespace ${namespace === undefined ? '(none)' : JSON.stringify(namespace)}, not ${XML_NAMESPACE_PREFIX}1.x`;
    problems.error('not_cyclonedx', `The file is not a CycloneDX BOM: ${what}`, {
      path: `/${root?.local ?? ''}`,
    });
    return refused(problems);
  }
  const spec = specFor(version);
  if (!spec) {
    problems.error('unsupported_spec_version', unsupportedVersionMessage(version), { path: '/bom/@xmlns' });
    return refused(problems);
  }

  let parsed: unknown;
  try {
    parsed = parser.parse(body);
  } catch (e) {
    // fast-xml-parser refuses some names the validator allows, such as `__proto__`.
    problems.error('xml_syntax', `The XML could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return refused(problems);
  }
  const top = isObject(parsed) ? element(parsed.bom) : undefined;
  const bom = isObject(top) ? top : {};

  const version_ = attr(bom, 'version');
  const shaped: JsonObject = {
    serialNumber: attr(bom, 'serialNumber'),
    version: typeof version_ === 'string' && /^\s*\d+\s*$/.test(version_) ? Number(version_) : version_,
    metadata: bom.metadata === undefined ? undefined : metadata(bom.metadata),
    components: bom.components === undefined ? undefined : items(bom.components, 'component'),
    services: bom.services === undefined ? undefined : items(bom.services, 'service'),
    dependencies: bom.dependencies === undefined ? undefined : dependencies(bom.dependencies),
  };
  return problems.result(mapBom(shaped, spec, xmlDialect, problems));
}
