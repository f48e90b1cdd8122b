/**
 * The one error type of the HTTP API and the handler that turns every error into the same body:
 * `{ error: { code, message, details?, problems?, warnings? } }`. Codes are stable; clients branch on them.
 * Errors we did not anticipate become a generic 500: logged in full, never echoed.
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import {
  ConflictError,
  ForbiddenError,
  ImportRefusedError,
  InvalidInputError,
  UsageError,
} from '../app/errors.js';
import type { Problem } from '../core/problem.js';
import { InvalidCursorError } from '../store/index.js';
import type { ErrorDetail, ErrorResponse } from './schemas.js';

/** An error whose status, code and message are meant for the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  static notFound(what: string): HttpError {
    return new HttpError(404, 'not_found', `${what} was not found.`);
  }
}

/** Fastify's schema validation problems, each with where it is and what is wrong (Fastify's `schemaErrorFormatter`). */
export function validationFailed(errors: FastifySchemaValidationError[], part: string): HttpError {
  const details = errors.map((e): ErrorDetail => {
    const extra = e.keyword === 'additionalProperties' ? e.params.additionalProperty : undefined;
    const path = `$${jsonPointerToPath(e.instancePath)}${typeof extra === 'string' ? pathSegment(extra) : ''}`;
    const message =
      typeof extra === 'string'
        ? part === 'querystring'
          ? 'is not a known parameter'
          : 'is not a known property'
        : (e.message ?? 'is not valid');
    return { in: part, path, message };
  });
  const summary = details.map((d) => `${d.in} ${d.path} ${d.message}`).join('; ');
  return new HttpError(400, 'validation_failed', `The request is not valid: ${summary}.`, details);
}

function jsonPointerToPath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .split('/')
    .slice(1)
    .map((s) => pathSegment(s.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('');
}

function pathSegment(key: string): string {
  if (/^\d+$/.test(key)) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Fastify's own client errors (body too large, wrong media type, malformed JSON), with our codes. */
const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

/** What the client is told about an error, and whether it is ours to log as a failure. */
export function describeError(error: unknown): { status: number; body: ErrorResponse; unexpected: boolean } {
  if (error instanceof HttpError) {
    return {
      status: error.statusCode,
      body: errorBody(error.code, error.message, error.details),
      unexpected: false,
    };
  }
  if (error instanceof ImportRefusedError) {
    return {
      status: 422,
      body: {
        error: {
          code: error.code,
          message: error.message,
          problems: error.errors.map(problem),
          warnings: error.warnings.map(problem),
        },
      },
      unexpected: false,
    };
  }
  if (error instanceof InvalidCursorError) {
    return {
      status: 400,
      body: errorBody(error.code, error.message, [
        { in: 'querystring', path: '$.cursor', message: error.message },
      ]),
      unexpected: false,
    };
  }
  if (error instanceof InvalidInputError) {
    const details = error.details.map((d) => ({ in: 'body', path: d.path, message: d.message }));
    return { status: 400, body: errorBody(error.code, error.message, details), unexpected: false };
  }
  if (error instanceof ForbiddenError || error instanceof ConflictError) {
    const status = error instanceof ForbiddenError ? 403 : 409;
    return { status, body: errorBody(error.code, error.message), unexpected: false };
  }
  // InvalidQueryError is one too.
  if (error instanceof UsageError) {
    return { status: 400, body: errorBody(error.code, error.message), unexpected: false };
  }
  if (isFastifyClientError(error)) {
    const code =
      FASTIFY_CLIENT_ERRORS[error.code] ?? (error.statusCode === 404 ? 'not_found' : 'bad_request');
    const message =
      code === 'too_large' ? 'The request body is larger than this server accepts.' : error.message;
    return { status: error.statusCode, body: errorBody(code, message), unexpected: false };
  }
  return {
    status: 500,
    body: errorBody('internal_error', 'Something went wrong on our side; it has been logged.'),
    unexpected: true,
  };
}

/** Fastify's `setErrorHandler`. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, unexpected } = describeError(error);
  if (unexpected) request.log.error({ err: error }, 'Unexpected error while answering a request');
  else request.log.info({ code: body.error.code, status }, 'Request refused');
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Fastify's `setNotFoundHandler`: no route, whatever the method. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .type('application/json; charset=utf-8')
    .send(errorBody('not_found', `This server has no ${request.method} route at that path.`));
}

function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorResponse {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}

function problem(p: Problem): Problem {
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    ...(p.file !== undefined ? { file: p.file } : {}),
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.path !== undefined ? { path: p.path } : {}),
  };
}

function isFastifyClientError(error: unknown): error is FastifyError & { statusCode: number } {
  if (!(error instanceof Error)) return false;
  const { code, statusCode } = error as Partial<FastifyError>;
  return (
    typeof code === 'string' &&
    code.startsWith('FST_') &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
  );
}
