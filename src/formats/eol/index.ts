/**
 * endoflife.date lifecycles, in the shapes carried in: a product file of its repository
 * (`products/windows.md`, YAML front matter with `releases:`, described by `product-schema.json`), the
 * older API's JSON for one product (`/api/windows.json`: `[{cycle, releaseDate, eol, latest, lts, support,
 * extendedSupport, …}]`) and the v1 API's (`/api/v1/products/windows`: `{result: {label, category,
 * identifiers, releases: [{name, releaseDate, isEol, eolFrom, isEoas, eoasFrom, …, latest: {name, date}}]}}`),
 * which, unlike the older one, carries the product's identifiers (CPEs, purls). Each maps into core's
 * LifecycleProduct. A release cycle that is not valid is skipped and reported, and the others are kept; a
 * file that cannot be read as any is refused.
 *
 * The front matter is read by the `yaml` library with YAML's failsafe schema: every scalar stays the text
 * it was written as, so a cycle written `3.10` stays "3.10" (the core schema would make it the number 3.1),
 * and a date stays its `YYYY-MM-DD`; `true` and `false` are read as booleans here, where a field may be one.
 */
import { parse as parseYaml } from 'yaml';
import { parseJsonText } from '../../core/json-text.js';
import type {
  LifecycleDate,
  LifecycleProduct,
  ProductIdentifier,
  ReleaseCycle,
} from '../../core/lifecycle.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** A product id as endoflife.date names them (its file name): `windows`, `red-hat-build-of-openjdk`. */
const PRODUCT_NAME = /^[a-z0-9][a-z0-9._+-]{0,99}$/;
const MAX_CYCLE_LENGTH = 200;

export interface EolParsed {
  product: LifecycleProduct;
  /** Release cycles skipped as invalid; each is also a warning naming it. */
  skipped: number;
  /**
   * When endoflife.date built this answer from its data (v1's `generated_at`, ISO in UTC): the data is
   * current as of then. Not `last_modified`, which says when the product last changed, not when it was last
   * known to be current. Absent from product files and the older API.
   */
  generatedAt?: string;
}

export interface EolWhere {
  file?: string;
  /** The product's id, from its file's name (`windows.md`, `windows.json` → `windows`). */
  name: string;
}

/** Whether a product id is one endoflife.date could have. */
export function isEolProductName(name: string): boolean {
  return PRODUCT_NAME.test(name);
}

/** A product file of the endoflife.date repository: YAML front matter between `---` lines, then Markdown. */
export function parseEolProductFile(text: string, where: EolWhere): ParseResult<EolParsed> {
  const problems = new ProblemList(where.file);
  const empty = { product: { name: where.name, identifiers: [], releases: [] }, skipped: 0 };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const open = /^---[ \t]*\r?\n/.exec(body);
  const close = open ? /^---[ \t]*$/m.exec(body.slice(open[0].length)) : null;
  if (!open || !close) {
    problems.error(
      'not_eol',
      'This is not an endoflife.date product file: no front matter between "---" lines.',
      {
        line: 1,
      },
    );
    return problems.result(empty);
  }
  let front: unknown;
  try {
    front = parseYaml(body.slice(open[0].length, open[0].length + close.index), {
      schema: 'failsafe',
      uniqueKeys: true,
      maxAliasCount: 100,
    });
  } catch (e) {
    const position = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    problems.error(
      'yaml_syntax',
      `The front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      {
        ...(position ? { line: position.line + 1, column: position.col } : {}),
      },
    );
    return problems.result(empty);
  }
  if (!isObject(front) || !Array.isArray(front.releases)) {
    problems.error(
      'not_eol',
      'This is not an endoflife.date product file: its front matter has no `releases:` list.',
      {
        path: '$.releases',
      },
    );
    return problems.result(empty);
  }
  const label = text_(front.title);
  const category = text_(front.category);
  const releases = cyclesOf(front.releases, problems, {
    cycle: 'releaseCycle',
    label: 'releaseLabel',
    support: 'eoas',
    extendedSupport: 'eoes',
  });
  return problems.result({
    product: {
      name: where.name,
      ...(label ? { label } : {}),
      ...(category ? { category } : {}),
      identifiers: identifiersOf(front.identifiers),
      releases: releases.cycles,
    },
    skipped: releases.skipped,
  });
}

/** The endoflife.date API's JSON for one product: v1's `{result: {…}}`, or the older API's array of cycles. */
export function parseEolApiJson(text: string, where: EolWhere): ParseResult<EolParsed> {
  const problems = new ProblemList(where.file);
  const empty = { product: { name: where.name, identifiers: [], releases: [] }, skipped: 0 };
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.error('json_syntax', `Not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
    return problems.result(empty);
  }
  if (isObject(json.value) && isObject(json.value.result) && Array.isArray(json.value.result.releases)) {
    const parsed = parseV1Product(json.value.result, where, problems);
    const generatedAt = instant(json.value.generated_at);
    return parsed.ok && generatedAt ? { ...parsed, value: { ...parsed.value, generatedAt } } : parsed;
  }
  if (!Array.isArray(json.value)) {
    problems.error(
      'not_eol',
      'This is not endoflife.date API data for a product: it is not a list of release cycles.',
      { path: '$' },
    );
    return problems.result(empty);
  }
  // The JSON's values are typed already: true stays true, a date a string. Numbers (a cycle) become text.
  const values = json.value.map((c: unknown) =>
    isObject(c)
      ? Object.fromEntries(
          Object.entries(c).map(([k, v]) => [
            k,
            typeof v === 'number' ? String(v) : v === null ? undefined : v,
          ]),
        )
      : c,
  );
  const releases = cyclesOf(values, problems, {
    cycle: 'cycle',
    label: 'releaseLabel',
    support: 'support',
    extendedSupport: 'extendedSupport',
  });
  return problems.result({
    product: { name: where.name, identifiers: [], releases: releases.cycles },
    skipped: releases.skipped,
  });
}

/**
 * A v1 product: each release's `isX` / `xFrom` pair becomes the one lifecycle date of the other shapes (the
 * date when there is one, else whether it has happened), so that the same data hashes the same whatever the
 * shape it came in.
 */
function parseV1Product(
  result: Record<string, unknown>,
  where: EolWhere,
  problems: ProblemList,
): ParseResult<EolParsed> {
  const either = (release: Record<string, unknown>, from: string, is: string) =>
    release[from] ?? release[is] ?? undefined;
  const values = (result.releases as unknown[]).map((r: unknown) => {
    if (!isObject(r)) return r;
    const latest = isObject(r.latest) ? r.latest : {};
    const cycle = typeof r.name === 'number' ? String(r.name) : r.name;
    return {
      cycle,
      // v1 labels every release, with its name when it has no label of its own: only a real one is kept.
      ...(r.label !== undefined && r.label !== cycle ? { releaseLabel: r.label } : {}),
      releaseDate: r.releaseDate ?? undefined,
      eol: either(r, 'eolFrom', 'isEol'),
      support: either(r, 'eoasFrom', 'isEoas'),
      extendedSupport: either(r, 'eoesFrom', 'isEoes'),
      lts: either(r, 'ltsFrom', 'isLts'),
      discontinued: either(r, 'discontinuedFrom', 'isDiscontinued'),
      latest: latest.name ?? undefined,
      latestReleaseDate: latest.date ?? undefined,
      link: latest.link ?? undefined,
      codename: r.codename ?? undefined,
    };
  });
  const releases = cyclesOf(values, problems, {
    cycle: 'cycle',
    label: 'releaseLabel',
    support: 'support',
    extendedSupport: 'extendedSupport',
  });
  const label = text_(result.label);
  const category = text_(result.category);
  const identifiers: ProductIdentifier[] = [];
  if (Array.isArray(result.identifiers))
    for (const item of result.identifiers) {
      const type = isObject(item) ? text_(item.type) : undefined;
      const id = isObject(item) ? text_(item.id) : undefined;
      if (type && id) identifiers.push({ type, id });
    }
  return problems.result({
    product: {
      name: where.name,
      ...(label ? { label } : {}),
      ...(category ? { category } : {}),
      identifiers,
      releases: releases.cycles,
    },
    skipped: releases.skipped,
  });
}

/** The names the two shapes give the fields that differ. */
interface FieldNames {
  cycle: string;
  label: string;
  support: string;
  extendedSupport: string;
}

function cyclesOf(
  items: unknown[],
  problems: ProblemList,
  names: FieldNames,
): { cycles: ReleaseCycle[]; skipped: number } {
  const cycles: ReleaseCycle[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  items.forEach((item, i) => {
    const path = `$.releases[${i}]`;
    const result = cycleOf(item, names);
    if (typeof result === 'string') {
      skipped++;
      const id = isObject(item) ? text_(item[names.cycle]) : undefined;
      problems.warn(
        'invalid_release',
        `${id ? `Release cycle ${id}` : 'A release cycle'} was skipped: ${result}`,
        {
          path,
        },
      );
      return;
    }
    if (seen.has(result.cycle)) {
      skipped++;
      problems.warn(
        'duplicate_release',
        `Release cycle ${result.cycle} is listed twice; the first is kept.`,
        {
          path,
        },
      );
      return;
    }
    seen.add(result.cycle);
    cycles.push(result);
  });
  return { cycles, skipped };
}

/** One release cycle, or why it is not valid. */
function cycleOf(item: unknown, names: FieldNames): ReleaseCycle | string {
  if (!isObject(item)) return 'it is not a mapping.';
  const cycle = text_(item[names.cycle]);
  if (!cycle) return `it has no ${names.cycle}.`;
  if (cycle.length > MAX_CYCLE_LENGTH)
    return `its ${names.cycle} is longer than ${MAX_CYCLE_LENGTH} characters.`;
  const release: ReleaseCycle = { cycle };
  const label = text_(item[names.label]);
  if (label) release.label = label;
  for (const [key, field] of [
    ['releaseDate', 'releaseDate'],
    ['latestReleaseDate', 'latestReleaseDate'],
  ] as const) {
    const value = text_(item[field]);
    if (value === undefined) continue;
    if (!isDate(value)) return `its ${field} ${JSON.stringify(value)} is not a date (YYYY-MM-DD).`;
    release[key] = value;
  }
  for (const [key, field] of [
    ['eol', 'eol'],
    ['support', names.support],
    ['extendedSupport', names.extendedSupport],
    ['lts', 'lts'],
    ['discontinued', 'discontinued'],
  ] as const) {
    const value = lifecycleDate(item[field]);
    if (value === undefined) continue;
    if (value === null)
      return `its ${field} ${JSON.stringify(item[field])} is neither a date nor true or false.`;
    release[key] = value;
  }
  if (release.eol === undefined) return 'it does not say when its support ends (eol).';
  for (const key of ['latest', 'codename', 'link'] as const) {
    const value = text_(item[key]);
    if (value) release[key] = value;
  }
  return release;
}

/** A date or a boolean, as either shape writes it; undefined when absent, null when neither. */
function lifecycleDate(value: unknown): LifecycleDate | null | undefined {
  if (typeof value === 'boolean') return value;
  const text = text_(value);
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return isDate(text) ? text : null;
}

function identifiersOf(value: unknown): ProductIdentifier[] {
  if (!Array.isArray(value)) return [];
  const identifiers: ProductIdentifier[] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    for (const [type, id] of Object.entries(item)) {
      const text = text_(id);
      if (text) identifiers.push({ type, id: text });
    }
  }
  return identifiers;
}

/** An ISO 8601 date and time with its offset (`2026-08-27T13:14:55+00:00`), in UTC; undefined otherwise. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function isDate(text: string): boolean {
  return DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** A scalar as text; absent for nothing, YAML's null spellings and empty text. */
function text_(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || text === 'null' || text === '~' || text === 'Null' || text === 'NULL'
    ? undefined
    : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
