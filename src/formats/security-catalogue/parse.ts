/**
 * A security catalogue as an administrator writes it (docs/security-catalogue.md): core's SecurityCatalogue
 * as JSON. Refused whole when anything is wrong, every problem with its JSON path, because a catalogue
 * half read would quietly stop checking products. Beyond types, what would make the catalogue lie is
 * refused too: a fact without a source (the honesty rule of the built-in one), a version the comparison
 * cannot read (the check would be skipped in silence), a name two products claim (which one an installed
 * product is would depend on the order of the file).
 */

import { isIsoDate } from '../../core/hygiene/dates.js';
import { OS_FAMILIES, type OsFamily } from '../../core/hygiene/os-identity.js';
import {
  type EndOfLifeFact,
  PROTECTION_KINDS,
  type SecurityCatalogue,
  type SecurityProductEntry,
  type VersionFact,
} from '../../core/hygiene/security-catalogue.js';
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import { genericScheme } from '../../core/versions/generic.js';
import { childPath, describeValue, JsonFields, type JsonObject } from './json-fields.js';

/** Far above any real catalogue (the built-in one is 12 KB): a larger document is a mistake or an attack. */
export const MAX_SECURITY_CATALOGUE_BYTES = 5 * 1024 * 1024;
export const MAX_CATALOGUE_PRODUCTS = 5_000;
const MAX_NAMES = 100;
const MAX_FACTS = 100;
const MAX_TEXT = 300;
const MAX_SOURCE = 2_000;
const ID = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

const ROOT_FIELDS = ['$schema', 'description', 'asOf', 'products'] as const;
const PRODUCT_FIELDS = [
  'id',
  'label',
  'vendor',
  'names',
  'kind',
  'signatures',
  'hosted',
  'unversioned',
  'platforms',
  'latest',
  'endOfLife',
] as const;
const LATEST_FIELDS = ['version', 'asOf', 'source'] as const;
const END_OF_LIFE_FIELDS = ['versions', 'date', 'source'] as const;

/**
 * A product name as the catalogue lookup compares it (core/hygiene/software-checks.ts findCatalogueEntry):
 * lower case, trademark signs dropped, spaces single.
 */
export function catalogueNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[®™]|\((?:r|tm)\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseSecurityCatalogue(
  text: string,
  options: { file?: string } = {},
): ParseResult<SecurityCatalogue> {
  const problems = new ProblemList(options.file);
  const empty: SecurityCatalogue = { asOf: '', products: [] };
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SECURITY_CATALOGUE_BYTES) {
    problems.error(
      'too_large',
      `The catalogue is ${size.toLocaleString('en')} bytes; at most ${MAX_SECURITY_CATALOGUE_BYTES.toLocaleString('en')} are accepted.`,
    );
    return problems.result(empty);
  }
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.error('json_syntax', `Not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
    return problems.result(empty);
  }
  const fields = new JsonFields(problems);
  const root = fields.object(json.value, '$', ROOT_FIELDS);
  if (!root) return problems.result(empty);
  const asOf = date(fields, root, 'asOf', '$', true);
  fields.text(root, 'description', '$', { required: false, max: 2_000 });
  const list = fields.list(root, 'products', '$', { required: true, min: 1, max: MAX_CATALOGUE_PRODUCTS });
  const products: SecurityProductEntry[] = [];
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  list?.forEach((item, i) => {
    const product = readProduct(fields, item, childPath('$.products', i), asOf);
    if (!product) return;
    const path = childPath('$.products', i);
    const sameId = ids.get(product.id);
    if (sameId)
      problems.error('duplicate_id', `The id "${product.id}" is already used at ${sameId}.`, {
        path: `${path}.id`,
      });
    ids.set(product.id, path);
    product.names.forEach((name, n) => {
      const claimed = names.get(name);
      if (claimed && claimed !== path)
        problems.error(
          'duplicate_name',
          `The name "${name}" is already claimed by ${claimed}: which product an installed one is would depend on the order of the file.`,
          { path: childPath(`${path}.names`, n) },
        );
      names.set(name, path);
    });
    products.push(product);
  });
  return problems.result({ asOf: asOf ?? '', products });
}

function readProduct(
  fields: JsonFields,
  item: unknown,
  path: string,
  catalogueAsOf: string | undefined,
): SecurityProductEntry | undefined {
  const { problems } = fields;
  const product = fields.object(item, path, PRODUCT_FIELDS);
  if (!product) return undefined;
  const before = problems.errors.length;
  const id = fields.text(product, 'id', path, { required: true, max: 100 });
  if (id !== undefined && !ID.test(id))
    problems.error(
      'invalid_value',
      `The id "${id}" must be lower-case letters, digits, ".", "-" or "_" (like "microsoft-defender-antivirus").`,
      { path: `${path}.id` },
    );
  const label = fields.text(product, 'label', path, { required: true, max: MAX_TEXT });
  const vendor = fields.text(product, 'vendor', path, { required: true, max: MAX_TEXT });
  const names = readNames(fields, product, path);
  const kind = fields.oneOf(product.kind, `${path}.kind`, PROTECTION_KINDS, 'a kind of protection');
  const signatures = fields.boolean(product, 'signatures', path, true);
  const hosted = fields.boolean(product, 'hosted', path, false);
  const unversioned = fields.boolean(product, 'unversioned', path, false);
  const platforms = readPlatforms(fields, product, path);
  const latest =
    product.latest === undefined ? undefined : readLatest(fields, product.latest, `${path}.latest`);
  const endOfLife = readEndOfLife(fields, product, path);

  if (latest && catalogueAsOf && latest.asOf > catalogueAsOf)
    problems.warn(
      'fact_after_catalogue',
      `The latest version is dated ${latest.asOf}, after the catalogue's asOf ${catalogueAsOf}: is asOf up to date?`,
      { path: `${path}.latest.asOf` },
    );
  if ((hosted || unversioned) && (latest || endOfLife))
    problems.warn(
      'fact_not_checked',
      `${hosted ? 'A hosted service' : 'An unversioned product'} has no version on site to compare: its latest and end-of-life facts are kept but not checked.`,
      { path },
    );
  if (hosted && signatures)
    problems.warn(
      'fact_not_checked',
      'A hosted service has no signatures on site to date: "signatures" is not checked.',
      {
        path: `${path}.signatures`,
      },
    );

  if (
    problems.errors.length > before ||
    id === undefined ||
    label === undefined ||
    vendor === undefined ||
    names === undefined ||
    kind === undefined ||
    signatures === undefined ||
    platforms === undefined
  )
    return undefined;
  return {
    id,
    label,
    vendor,
    names,
    kind,
    signatures,
    ...(hosted ? { hosted } : {}),
    ...(unversioned ? { unversioned } : {}),
    platforms,
    ...(latest ? { latest } : {}),
    ...(endOfLife?.length ? { endOfLife } : {}),
  };
}

function readNames(fields: JsonFields, product: JsonObject, path: string): string[] | undefined {
  const list = fields.list(product, 'names', path, { required: true, min: 1, max: MAX_NAMES });
  if (!list) return undefined;
  const names: string[] = [];
  list.forEach((raw, i) => {
    const at = childPath(`${path}.names`, i);
    const text = fields.textAt(raw, at, { required: true, max: MAX_TEXT });
    if (text === undefined) return;
    const key = catalogueNameKey(text);
    if (key !== text)
      fields.problems.warn(
        'name_normalised',
        `"${text}" is compared as "${key}" (names are matched in lower case, without trademark signs).`,
        { path: at },
      );
    if (names.includes(key))
      fields.problems.warn('duplicate_name', `"${key}" is listed twice for this product.`, { path: at });
    else names.push(key);
  });
  return names;
}

function readPlatforms(fields: JsonFields, product: JsonObject, path: string): OsFamily[] | undefined {
  const list = fields.list(product, 'platforms', path, { required: false, max: OS_FAMILIES.length * 4 });
  if (!list) return product.platforms === undefined ? [] : undefined;
  const platforms: OsFamily[] = [];
  list.forEach((raw, i) => {
    const family = fields.oneOf(
      raw,
      childPath(`${path}.platforms`, i),
      OS_FAMILIES,
      'an operating system family',
    );
    if (family && !platforms.includes(family)) platforms.push(family);
  });
  return platforms;
}

function readLatest(fields: JsonFields, value: unknown, path: string): VersionFact | undefined {
  const latest = fields.object(value, path, LATEST_FIELDS);
  if (!latest) return undefined;
  const version = versionText(fields, latest, 'version', path);
  const asOf = date(fields, latest, 'asOf', path, true);
  const source = sourceOf(fields, latest, path, 'a latest version');
  return version && asOf && source ? { version, asOf, source } : undefined;
}

function readEndOfLife(fields: JsonFields, product: JsonObject, path: string): EndOfLifeFact[] | undefined {
  const list = fields.list(product, 'endOfLife', path, { required: false, max: MAX_FACTS });
  if (!list) return undefined;
  const facts: EndOfLifeFact[] = [];
  list.forEach((raw, i) => {
    const at = childPath(`${path}.endOfLife`, i);
    const fact = fields.object(raw, at, END_OF_LIFE_FIELDS);
    if (!fact) return;
    const versions = versionText(fields, fact, 'versions', at);
    const day = date(fields, fact, 'date', at, true);
    const source = sourceOf(fields, fact, at, 'an end of life');
    if (versions && day && source) facts.push({ versions, date: day, source });
  });
  return facts;
}

/** Where a fact comes from: the honesty rule of the built-in catalogue holds for imported ones too. */
function sourceOf(fields: JsonFields, fact: JsonObject, path: string, what: string): string | undefined {
  if (typeof fact.source === 'string' ? fact.source.trim() === '' : fact.source === undefined) {
    fields.problems.error(
      'missing_source',
      `Every fact needs its source (a vendor page, a release note): ${what} without one is not imported.`,
      { path: childPath(path, 'source') },
    );
    return undefined;
  }
  return fields.text(fact, 'source', path, { required: true, max: MAX_SOURCE });
}

/** A version the generic ordering reads: one it cannot would leave the product unchecked without a word. */
function versionText(fields: JsonFields, object: JsonObject, key: string, path: string): string | undefined {
  const version = fields.text(object, key, path, { required: true, max: 100 });
  if (version !== undefined && !genericScheme.parse(version)) {
    fields.problems.error(
      'invalid_version',
      `${describeValue(version)} cannot be read as a version (digits and letters separated by dots).`,
      { path: childPath(path, key) },
    );
    return undefined;
  }
  return version;
}

function date(
  fields: JsonFields,
  object: JsonObject,
  key: string,
  path: string,
  required: boolean,
): string | undefined {
  const text = fields.text(object, key, path, { required, max: 100 });
  if (text !== undefined && !isIsoDate(text)) {
    fields.problems.error('invalid_date', `${describeValue(text)} is not a date (YYYY-MM-DD).`, {
      path: childPath(path, key),
    });
    return undefined;
  }
  return text;
}
