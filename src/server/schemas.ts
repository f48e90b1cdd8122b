/**
 * Schemas every resource shares: ids, list parameters and pages, problems and errors. Route schemas are
 * TypeBox, which gives both the validation, the handler's types and the OpenAPI document.
 */
import { type Static, type TProperties, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';

/** Largest id the API accepts: PostgreSQL's `integer`. */
export const MAX_ID = 2_147_483_647;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** A string that is one of `values`, as a plain JSON Schema `enum` (clearer errors and docs than `anyOf`). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SearchText = Type.String({ minLength: 1, maxLength: 200 });

export const Limit = Type.Integer({
  minimum: 1,
  maximum: MAX_LIMIT,
  default: DEFAULT_LIMIT,
  description: `Items per page (1–${MAX_LIMIT}).`,
});

/** The query string of a list: page size, cursor, sort and order, plus the resource's filters. Unknown parameters are refused. */
export function listQuery<const S extends readonly [string, ...string[]], P extends TProperties>(
  sorts: S,
  filters: P,
) {
  return Type.Object(
    {
      limit: Type.Optional(Limit),
      cursor: Type.Optional(
        Type.String({ minLength: 1, maxLength: 1000, description: 'The `nextCursor` of the previous page.' }),
      ),
      sort: Type.Optional(StringEnum(sorts, { default: sorts[0] })),
      order: Type.Optional(StringEnum(['asc', 'desc'] as const, { default: 'asc' })),
      ...filters,
    },
    { additionalProperties: false },
  );
}

/** A page of a list; `nextCursor` is present while more items follow. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Optional(
      Type.String({ description: 'Pass as `cursor` to get the next page; absent on the last page.' }),
    ),
  });
}

/** A complete, unpaged list. */
export function List<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}

export const ProblemSchema = Type.Object({
  severity: StringEnum(['error', 'warning'] as const),
  code: Type.String({ description: 'Stable, machine-readable: `json_syntax`, `missing_column`…' }),
  message: Type.String(),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer({ description: '1-based line in the file.' })),
  column: Type.Optional(Type.Integer()),
  path: Type.Optional(Type.String({ description: 'JSON path or XML path inside the document.' })),
});

export const ErrorDetailSchema = Type.Object({
  in: Type.Optional(
    Type.String({ description: 'Which part of the request: `querystring`, `params`, `body`.' }),
  ),
  path: Type.Optional(Type.String({ description: 'JSON path inside that part: `$.limit`.' })),
  message: Type.String(),
});
export type ErrorDetail = Static<typeof ErrorDetailSchema>;

export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description:
          'Stable: `not_found`, `validation_failed`, `invalid_cursor`, `import_refused`, `too_large`, `internal_error`…',
      }),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetailSchema)),
      problems: Type.Optional(Type.Array(ProblemSchema, { description: 'Why an import was refused.' })),
      warnings: Type.Optional(Type.Array(ProblemSchema)),
    }),
  },
  { description: 'Every error has this shape.' },
);
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`validation_failed`, `invalid_cursor`, `invalid_query`).',
  401: 'No valid credential (`authentication_required`, `invalid_credentials`).',
  403: 'Not allowed (`forbidden`, `csrf_failed`, `password_change_required`).',
  409: 'Conflicts with what exists (`conflict`).',
  429: 'Too many attempts (`too_many_attempts`); see Retry-After.',
  404: 'No such resource (`not_found`).',
  413: 'The body is larger than this server accepts (`too_large`).',
  415: 'The body has a media type this route does not read (`unsupported_media_type`).',
  422: 'The document was read and refused (`import_refused`); nothing was stored.',
  500: 'An unexpected error (`internal_error`); it is logged, never echoed.',
};

/**
 * A route's responses: its successes, and the errors it can answer with (400, 404 and 500 unless told; 401
 * and 403 always, as every route but sign-in and health needs a credential and a permission).
 */
export function responses<R extends Record<number, object>>(
  ok: R,
  errors: readonly number[] = [400, 404, 500],
) {
  // Typed by string key, so that the success statuses keep their own types in handlers.
  const failures: Record<string, TSchema> = Object.fromEntries(
    [...new Set([...errors, 401, 403])].sort().map((status) => [
      status,
      Type.Object(ErrorResponseSchema.properties, {
        description: ERROR_DESCRIPTIONS[status] ?? 'An error.',
      }),
    ]),
  );
  return Object.assign(failures, ok);
}
