/**
 * Reading a small JSON document written by hand (a catalogue, a gateway list) field by field: every value's
 * type and shape checked where it is, each problem naming its JSON path, unknown fields refused (a misspelt
 * `lastest` must not silently drop a fact), and every problem collected before the document is refused.
 */
import type { ProblemList } from '../../core/problem.js';

export type JsonObject = Record<string, unknown>;

/** `$.products[3].names[0]`; keys that are not identifiers quoted: `$.products[3]["end of life"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is described in a message: its type, and short values themselves. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return value.length > 60 ? `a text of ${value.length} characters` : JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

export class JsonFields {
  constructor(readonly problems: ProblemList) {}

  /** The value at `path` as an object, its fields limited to `allowed`; an error otherwise. */
  object(value: unknown, path: string, allowed: readonly string[]): JsonObject | undefined {
    if (!isObject(value)) {
      this.problems.error('invalid_value', `Expected an object, got ${describeValue(value)}.`, { path });
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.problems.error(
          'unknown_field',
          `Unknown field "${key}"; the fields here are ${allowed.join(', ')}.`,
          {
            path: childPath(path, key),
          },
        );
    }
    return value;
  }

  /** A list of at least `min` and at most `max` items, or an error. */
  list(
    object: JsonObject,
    key: string,
    path: string,
    { required, min = 0, max }: { required: boolean; min?: number; max: number },
  ): unknown[] | undefined {
    const at = childPath(path, key);
    const value = object[key];
    if (value === undefined) {
      if (required) this.problems.error('missing_field', `"${key}" is required.`, { path: at });
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.problems.error('invalid_value', `Expected a list, got ${describeValue(value)}.`, { path: at });
      return undefined;
    }
    if (value.length < min) {
      this.problems.error(
        'invalid_value',
        `Expected at least ${min} item${min === 1 ? '' : 's'}, got none.`,
        {
          path: at,
        },
      );
      return undefined;
    }
    if (value.length > max) {
      this.problems.error(
        'too_many',
        `${value.length.toLocaleString('en')} items; at most ${max.toLocaleString('en')} are accepted.`,
        { path: at },
      );
      return undefined;
    }
    return value;
  }

  /** Trimmed text of at most `max` characters; a blank one is missing. */
  text(
    object: JsonObject,
    key: string,
    path: string,
    { required, max }: { required: boolean; max: number },
  ): string | undefined {
    return this.textAt(object[key], childPath(path, key), { required, max, name: key });
  }

  textAt(
    value: unknown,
    path: string,
    { required, max, name }: { required: boolean; max: number; name?: string },
  ): string | undefined {
    if (value === undefined || value === null) {
      if (required)
        this.problems.error('missing_field', `${name ? `"${name}"` : 'A text'} is required.`, { path });
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problems.error('invalid_value', `Expected a text, got ${describeValue(value)}.`, { path });
      return undefined;
    }
    const text = value.trim();
    if (text === '') {
      if (required)
        this.problems.error('missing_field', `${name ? `"${name}"` : 'The text'} is blank.`, { path });
      return undefined;
    }
    if (text.length > max) {
      this.problems.error('invalid_value', `${text.length} characters; at most ${max} are accepted.`, {
        path,
      });
      return undefined;
    }
    return text;
  }

  boolean(object: JsonObject, key: string, path: string, required: boolean): boolean | undefined {
    const at = childPath(path, key);
    const value = object[key];
    if (value === undefined) {
      if (required)
        this.problems.error('missing_field', `"${key}" is required (true or false).`, { path: at });
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problems.error('invalid_value', `Expected true or false, got ${describeValue(value)}.`, {
        path: at,
      });
      return undefined;
    }
    return value;
  }

  /** One of `values`, or an error listing them. */
  oneOf<T extends string>(value: unknown, path: string, values: readonly T[], what: string): T | undefined {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    if (value === undefined) {
      this.problems.error('missing_field', `Required: ${what}, one of ${values.join(', ')}.`, { path });
      return undefined;
    }
    this.problems.error(
      'invalid_value',
      `${describeValue(value)} is not ${what}; accepted: ${values.join(', ')}.`,
      { path },
    );
    return undefined;
  }
}
