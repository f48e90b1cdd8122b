/**
 * The one way the web application talks to the API: JSON over fetch, the session cookie sent by the
 * browser, the CSRF token on every state-changing request, and errors turned into `ApiError` (the API's
 * `{error: {code, message, details?, problems?}}`). A 401 sends the user to the login page; a 403
 * `password_change_required` to the change-password page (see auth.tsx, which installs the handlers).
 */
import type { ErrorDetail, Problem } from './types.js';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly problems: Problem[] = [],
    readonly warnings: Problem[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message of the problem with a body field (`$.newPassword`), for showing beside that field. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.path === `$.${field}` || d.path?.startsWith(`$.${field}.`))?.message;
  }
}

export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

interface Handlers {
  unauthorized: () => void;
  passwordChangeRequired: () => void;
}

let csrfToken: string | undefined;
let handlers: Handlers = { unauthorized: () => undefined, passwordChangeRequired: () => undefined };

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setAuthHandlers(next: Handlers): void {
  handlers = next;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is (a file), with `contentType`. */
  raw?: Blob;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Do not run the global 401/403 handlers (login and session checks handle them themselves). */
  quiet?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = options.raw;
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection.');
  }
  if (!response.ok) throw await toApiError(response, options.quiet ?? false);
  return response;
}

async function toApiError(response: Response, quiet: boolean): Promise<ApiError> {
  let code = 'http_error';
  let message = `The server answered ${response.status} ${response.statusText}.`;
  let details: ErrorDetail[] = [];
  let problems: Problem[] = [];
  let warnings: Problem[] = [];
  try {
    const body = (await response.json()) as {
      error?: {
        code?: string;
        message?: string;
        details?: ErrorDetail[];
        problems?: Problem[];
        warnings?: Problem[];
      };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details ?? [];
      problems = body.error.problems ?? [];
      warnings = body.error.warnings ?? [];
    }
  } catch {
    // Not JSON: keep the generic message.
  }
  const retry = Number(response.headers.get('retry-after'));
  const error = new ApiError(
    response.status,
    code,
    message,
    details,
    problems,
    warnings,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
  if (!quiet) {
    if (response.status === 401) handlers.unauthorized();
    else if (response.status === 403 && code === 'password_change_required')
      handlers.passwordChangeRequired();
  }
  return error;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return json<T>(await send('GET', path, { query, signal }));
  },
  async post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'json'> = {}): Promise<T> {
    return json<T>(await send('POST', path, { ...options, json: body ?? {} }));
  },
  async patch<T>(path: string, body: unknown): Promise<T> {
    return json<T>(await send('PATCH', path, { json: body }));
  },
  async delete(path: string): Promise<void> {
    await send('DELETE', path);
  },
  send,
  json,
};

export type ImportEvent<R> =
  | { type: 'progress'; done: number; total: number; step?: string }
  | { type: 'result'; result: R }
  | {
      type: 'error';
      error: {
        code: string;
        message: string;
        details?: ErrorDetail[];
        problems?: Problem[];
        warnings?: Problem[];
      };
    };

/**
 * Uploads a file to an import route asking for NDJSON progress events (or, without a file, POSTs to a route
 * that streams them, such as a feed sync); calls `onProgress` for each and answers the result, or throws the
 * import's error as an `ApiError` (status 422 for a refused document).
 */
export async function streamUpload<R>(
  path: string,
  file: Blob | undefined,
  options: {
    query?: Query;
    contentType?: string;
    onProgress: (done: number, total: number, step?: string) => void;
  },
): Promise<R> {
  const response = await send('POST', path, {
    ...(file ? { raw: file } : {}),
    contentType: options.contentType,
    query: options.query,
    accept: 'application/x-ndjson',
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('ndjson')) return json<R>(response);
  const reader = response.body?.getReader();
  if (!reader) throw new ApiError(0, 'no_body', 'The server answered without a body.');
  const decoder = new TextDecoder();
  let buffered = '';
  let outcome: ImportEvent<R> | undefined;
  const take = (line: string) => {
    if (!line.trim()) return;
    const event = JSON.parse(line) as ImportEvent<R>;
    if (event.type === 'progress') options.onProgress(event.done, event.total, event.step);
    else outcome = event;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      take(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  take(buffered + decoder.decode());
  if (!outcome) throw new ApiError(0, 'incomplete', 'The import stream ended without an outcome.');
  if (outcome.type === 'result') return outcome.result;
  if (outcome.type === 'error') {
    const e = outcome.error;
    const status = e.code === 'import_refused' ? 422 : 400;
    throw new ApiError(status, e.code, e.message, e.details, e.problems, e.warnings);
  }
  throw new ApiError(0, 'incomplete', 'The import stream ended without an outcome.');
}
