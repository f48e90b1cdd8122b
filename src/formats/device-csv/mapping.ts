/**
 * Which CSV columns hold which device fields, and how their values are read. Every CMMS names its
 * columns and spells its values its own way, so a hospital writes one mapping per export instead of
 * reshaping the export by hand before each import.
 */
import { type Static, type TOptional, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
import { CLINICAL_CRITICALITIES, DEVICE_STATUSES, PATCH_POLICIES } from '../../core/device.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import {
  DATE_FORMATS,
  type DateFormat,
  enumKey,
  normaliseCriticality,
  normalisePatchPolicy,
  normaliseStatus,
} from './values.js';

/** The flat list of what a CSV row can say about a device; nested `DeviceInput` parts are spelled out. */
export const DEVICE_FIELDS = [
  'assetTag',
  'serialNumber',
  'manufacturer',
  'model',
  'softwareVersion',
  'deviceType',
  'site',
  'location',
  'department',
  'clinicalFunction',
  'clinicalCriticality',
  'status',
  'ipAddress',
  'macAddress',
  'hostname',
  'osName',
  'osVersion',
  'osBuild',
  'osEdition',
  'lastPatchDate',
  'installedUpdates',
  'securitySoftware',
  'securitySoftwareVersion',
  'avSignatureDate',
  'owner',
  'purchaseDate',
  'endOfSupportDate',
  'patchPolicy',
  'patchRestrictions',
  'compensatingControls',
  'extendedSupport',
  'extendedSupportUntil',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

export const ENUM_FIELDS = ['clinicalCriticality', 'status', 'patchPolicy'] as const;
export type EnumField = (typeof ENUM_FIELDS)[number];

/** Free-text fields whose values a mapping may translate (site codes, vendor abbreviations…). */
export const TEXT_VALUE_MAP_FIELDS = [
  'manufacturer',
  'model',
  'softwareVersion',
  'deviceType',
  'site',
  'location',
  'department',
  'clinicalFunction',
  'osName',
  'osVersion',
  'osBuild',
  'osEdition',
  'securitySoftware',
  'owner',
  'patchRestrictions',
  'compensatingControls',
  'extendedSupport',
] as const;

// Identifiers, addresses, dates and per-device lists are left out: one value for every row is a mistake there.
export const DEFAULTABLE_FIELDS = [
  'manufacturer',
  'model',
  'softwareVersion',
  'deviceType',
  'site',
  'location',
  'department',
  'clinicalFunction',
  'clinicalCriticality',
  'status',
  'osName',
  'osVersion',
  'osBuild',
  'osEdition',
  'owner',
  'patchPolicy',
  'patchRestrictions',
  'extendedSupport',
] as const;
export type DefaultableField = (typeof DEFAULTABLE_FIELDS)[number];

/** How messages name a field. */
export const FIELD_LABELS: Record<DeviceField, string> = {
  assetTag: 'asset tag',
  serialNumber: 'serial number',
  manufacturer: 'manufacturer',
  model: 'model',
  softwareVersion: 'software version',
  deviceType: 'device type',
  site: 'site',
  location: 'location',
  department: 'department',
  clinicalFunction: 'clinical function',
  clinicalCriticality: 'clinical criticality',
  status: 'status',
  ipAddress: 'IP address',
  macAddress: 'MAC address',
  hostname: 'hostname',
  osName: 'operating system name',
  osVersion: 'operating system version',
  osBuild: 'operating system build',
  osEdition: 'operating system edition',
  lastPatchDate: 'last patch date',
  installedUpdates: 'installed updates',
  securitySoftware: 'security software',
  securitySoftwareVersion: 'security software version',
  avSignatureDate: 'antivirus signature date',
  owner: 'owner',
  purchaseDate: 'purchase date',
  endOfSupportDate: 'end-of-support date',
  patchPolicy: 'patch policy',
  patchRestrictions: 'patch restrictions',
  compensatingControls: 'compensating controls',
  extendedSupport: 'extended security updates enrolment',
  extendedSupportUntil: 'extended security updates paid-through date',
};

export const ENUM_VALUES: Record<EnumField, readonly string[]> = {
  clinicalCriticality: CLINICAL_CRITICALITIES,
  status: DEVICE_STATUSES,
  patchPolicy: PATCH_POLICIES,
};

export const DELIMITERS = ['auto', ',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

// `expected` is our own schema keyword: TypeBox reports a failed union only as "Expected union value".
function oneOf<T extends string>(values: readonly T[]) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { expected: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` },
  );
}

function optionalProps<K extends string, S extends TSchema>(keys: readonly K[], schema: S) {
  const props: Partial<Record<K, TOptional<S>>> = {};
  for (const key of keys) props[key] = Type.Optional(schema) as TOptional<S>;
  return props as Record<K, TOptional<S>>;
}

const Name = Type.String({ minLength: 1, pattern: String.raw`\S` });
const NameOrNames = Type.Union([Name, Type.Array(Name, { minItems: 1 })], {
  expected: 'a non-blank string or a non-empty array of them',
});
// An empty target blanks the value, for placeholders such as "N/A" or "Unknown".
const enumMap = <T extends string>(values: readonly T[]) =>
  Type.Record(Type.String(), oneOf<T | ''>([...values, '']));

export const DeviceMappingSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    /** Header name(s) per field; when several are given, the first non-empty cell among them is used. */
    columns: Type.Optional(
      Type.Object(optionalProps(DEVICE_FIELDS, NameOrNames), { additionalProperties: false }),
    ),
    delimiter: Type.Optional(oneOf(DELIMITERS)),
    dateFormat: Type.Optional(oneOf(DATE_FORMATS)),
    listSeparator: Type.Optional(NameOrNames),
    /** Cell values meaning "nothing here" in every column, compared ignoring case. */
    emptyValues: Type.Optional(Type.Array(Type.String())),
    valueMaps: Type.Optional(
      Type.Object(
        {
          ...optionalProps(TEXT_VALUE_MAP_FIELDS, Type.Record(Type.String(), Type.String())),
          clinicalCriticality: Type.Optional(enumMap(CLINICAL_CRITICALITIES)),
          status: Type.Optional(enumMap(DEVICE_STATUSES)),
          patchPolicy: Type.Optional(enumMap(PATCH_POLICIES)),
        },
        { additionalProperties: false },
      ),
    ),
    defaults: Type.Optional(
      Type.Object(optionalProps(DEFAULTABLE_FIELDS, Name), { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type DeviceMapping = Static<typeof DeviceMappingSchema>;

const DEFAULT_COLUMNS: Record<DeviceField, string> = {
  assetTag: 'asset_tag',
  serialNumber: 'serial_number',
  manufacturer: 'manufacturer',
  model: 'model',
  softwareVersion: 'software_version',
  deviceType: 'device_type',
  site: 'site',
  location: 'location',
  department: 'department',
  clinicalFunction: 'clinical_function',
  clinicalCriticality: 'clinical_criticality',
  status: 'status',
  ipAddress: 'ip_address',
  macAddress: 'mac_address',
  hostname: 'hostname',
  osName: 'os_name',
  osVersion: 'os_version',
  osBuild: 'os_build',
  osEdition: 'os_edition',
  lastPatchDate: 'last_patch_date',
  installedUpdates: 'installed_updates',
  securitySoftware: 'security_software',
  securitySoftwareVersion: 'security_software_version',
  avSignatureDate: 'av_signature_date',
  owner: 'owner',
  purchaseDate: 'purchase_date',
  endOfSupportDate: 'end_of_support_date',
  patchPolicy: 'patch_policy',
  patchRestrictions: 'patch_restrictions',
  compensatingControls: 'compensating_controls',
  extendedSupport: 'extended_support',
  extendedSupportUntil: 'extended_support_until',
};

/** Vigil's own CSV layout: snake_case headers, ISO dates, the delimiter detected from the header. */
export const DEFAULT_DEVICE_MAPPING: DeviceMapping = Object.freeze({
  columns: Object.freeze({ ...DEFAULT_COLUMNS }),
  delimiter: 'auto',
  dateFormat: 'YYYY-MM-DD',
  listSeparator: Object.freeze([';', '|']) as string[],
});

/** A checked mapping with every default filled in, ready for the row loop. */
export interface ResolvedDeviceMapping {
  columns: Record<DeviceField, readonly string[]>;
  delimiter: Delimiter;
  dateFormat: DateFormat;
  listSeparators: readonly string[];
  /** Lower-cased. */
  emptyValues: ReadonlySet<string>;
  /** Keyed by `enumKey` of the source value. */
  valueMaps: Partial<Record<DeviceField, ReadonlyMap<string, string>>>;
  /** Only `DefaultableField`s; typed wider so that any field can be looked up. */
  defaults: Partial<Record<DeviceField, string>>;
  /**
   * Whether mapped optional columns that the file lacks deserve a warning: yes for a hand-written
   * mapping, where it usually means a misspelt header; no for Vigil's own layout, where most are optional.
   */
  warnAbsentColumns: boolean;
}

/** Trimmed, or `undefined` for an empty cell, a configured placeholder, or a value mapped to "". */
export function mapValue(
  mapping: ResolvedDeviceMapping,
  field: DeviceField,
  raw: string | undefined,
): string | undefined {
  if (raw === undefined) return undefined;
  let value = raw.trim();
  if (value === '' || (mapping.emptyValues.size > 0 && mapping.emptyValues.has(value.toLowerCase())))
    return undefined;
  const map = mapping.valueMaps[field];
  if (map) value = map.get(enumKey(value)) ?? value;
  return value === '' ? undefined : value;
}

/** "an asset tag", "a site". */
export const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

/** The canonical enum value for a (mapped) value, or `undefined` if it is not one of them. */
export function normaliseEnum(field: EnumField, value: string): string | undefined {
  switch (field) {
    case 'clinicalCriticality':
      return normaliseCriticality(value);
    case 'status':
      return normaliseStatus(value);
    case 'patchPolicy':
      return normalisePatchPolicy(value);
  }
}

const isEnumField = (field: DeviceField): field is EnumField =>
  (ENUM_FIELDS as readonly string[]).includes(field);

const compiled = TypeCompiler.Compile(DeviceMappingSchema);

/** `/valueMaps/status/Tier 1` → `$.valueMaps.status["Tier 1"]`. */
function jsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return `$${pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (/^\d+$/.test(key)) return `[${key}]`;
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    })
    .join('')}`;
}

function schemaMessage(error: ValueError): string {
  const expected: unknown = (error.schema as { expected?: unknown }).expected;
  const got = JSON.stringify(error.value);
  if (typeof expected === 'string') return `expected ${expected}, got ${got}`;
  if (error.message === 'Unexpected property') {
    const parent = error.path.slice(0, error.path.lastIndexOf('/'));
    if (parent === '/columns') return `unknown field; the fields are ${DEVICE_FIELDS.join(', ')}`;
    if (parent === '/valueMaps')
      return `value maps apply to ${[...ENUM_FIELDS, ...TEXT_VALUE_MAP_FIELDS].join(', ')} only`;
    if (parent === '/defaults') return `defaults apply to ${DEFAULTABLE_FIELDS.join(', ')} only`;
    return 'unknown setting';
  }
  return `${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}, got ${got}`;
}

/**
 * Checks a mapping against its schema and for what a schema cannot say (valid defaults, value-map keys
 * that collide once case is ignored), reporting into `problems` with JSON paths.
 */
export function resolveDeviceMapping(
  value: unknown,
  problems: ProblemList,
): ResolvedDeviceMapping | undefined {
  if (!compiled.Check(value)) {
    for (const error of compiled.Errors(value)) {
      problems.error('invalid_mapping', `Mapping ${jsonPath(error.path)}: ${schemaMessage(error)}`, {
        path: jsonPath(error.path),
      });
    }
    return undefined;
  }
  const mapping = value;
  const given = mapping.columns ?? DEFAULT_COLUMNS;
  const columns = {} as Record<DeviceField, readonly string[]>;
  for (const field of DEVICE_FIELDS) {
    const names = given[field];
    columns[field] = names === undefined ? [] : typeof names === 'string' ? [names] : names;
  }
  const separators = mapping.listSeparator ?? [';', '|'];

  const valueMaps: Partial<Record<DeviceField, Map<string, string>>> = {};
  for (const [field, map] of Object.entries(mapping.valueMaps ?? {}) as [
    DeviceField,
    Record<string, string>,
  ][]) {
    const resolved = new Map<string, string>();
    const from = new Map<string, string>();
    for (const [source, target] of Object.entries(map)) {
      const key = enumKey(source);
      const previous = from.get(key);
      if (previous !== undefined && resolved.get(key) !== target) {
        const path = jsonPath(`/valueMaps/${field}/${source.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        problems.error(
          'invalid_mapping',
          `Mapping ${path}: ${JSON.stringify(source)} and ${JSON.stringify(previous)} are the same value once case, spaces, "-" and "_" are ignored, but map to different values`,
          { path },
        );
      }
      from.set(key, source);
      resolved.set(key, target);
    }
    valueMaps[field] = resolved;
  }

  const resolved: ResolvedDeviceMapping = {
    columns,
    delimiter: mapping.delimiter ?? 'auto',
    dateFormat: mapping.dateFormat ?? 'YYYY-MM-DD',
    listSeparators: typeof separators === 'string' ? [separators] : separators,
    emptyValues: new Set((mapping.emptyValues ?? []).map((v) => v.trim().toLowerCase())),
    valueMaps,
    defaults: {},
    warnAbsentColumns: mapping.columns !== undefined && mapping.columns !== DEFAULT_DEVICE_MAPPING.columns,
  };
  for (const [field, raw] of Object.entries(mapping.defaults ?? {}) as [DefaultableField, string][]) {
    const path = `$.defaults.${field}`;
    const mapped = mapValue(resolved, field, raw);
    if (mapped === undefined) {
      problems.error('invalid_mapping', `Mapping ${path}: ${JSON.stringify(raw)} maps to an empty value`, {
        path,
      });
    } else if (isEnumField(field) && normaliseEnum(field, mapped) === undefined) {
      problems.error(
        'invalid_mapping',
        `Mapping ${path}: ${JSON.stringify(raw)} is not ${withArticle(FIELD_LABELS[field])}; accepted: ${ENUM_VALUES[field].join(', ')}`,
        { path },
      );
    } else {
      resolved.defaults[field] = raw;
    }
  }
  return problems.failed ? undefined : resolved;
}

/** Reads a mapping from JSON text (a `docs/mappings/*.json` file) and checks it. */
export function parseDeviceMapping(text: string, file?: string): ParseResult<DeviceMapping> {
  const problems = new ProblemList(file);
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    const line = position ? body.slice(0, Number(position[1])).split('\n').length : undefined;
    problems.error(
      'json_syntax',
      `Mapping is not valid JSON: ${message}`,
      line === undefined ? {} : { line },
    );
    return problems.result(DEFAULT_DEVICE_MAPPING);
  }
  resolveDeviceMapping(value, problems);
  return compiled.Check(value) ? problems.result(value) : problems.result(DEFAULT_DEVICE_MAPPING);
}
