/**
 * A problem found in input from outside: where it is (file, line, JSON path) and what is wrong.
 * Errors refuse the whole input; warnings are reported and the input is imported.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** A stable, machine-readable code such as `json_syntax`, `duplicate_bom_ref`, `missing_column`. */
  code: string;
  message: string;
  file?: string;
  /** 1-based line in the file, where the format has lines and it is known. */
  line?: number;
  column?: number;
  /** JSON path (`$.components[3].version`) or XML path (`/bom/components/component[4]`). */
  path?: string;
}

export function formatProblem(p: Problem): string {
  const where = [
    p.file,
    p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : undefined,
    p.path,
  ]
    .filter(Boolean)
    .join(', ');
  return `${p.severity}${where ? ` (${where})` : ''}: ${p.message} [${p.code}]`;
}

export type ParseResult<T> =
  | { ok: true; value: T; warnings: Problem[] }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

/** Collects problems while a parser walks a document, so that it can report all of them at once. */
export class ProblemList {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(
    readonly file?: string,
    /** Stop collecting after this many errors: a broken 100k-row file needs 50 messages, not 100k. */
    readonly maxErrors = 50,
  ) {}
  error(code: string, message: string, where: Pick<Problem, 'line' | 'column' | 'path'> = {}): void {
    if (this.errors.length < this.maxErrors)
      this.errors.push({ severity: 'error', code, message, file: this.file, ...where });
  }
  warn(code: string, message: string, where: Pick<Problem, 'line' | 'column' | 'path'> = {}): void {
    if (this.warnings.length < this.maxErrors * 20)
      this.warnings.push({ severity: 'warning', code, message, file: this.file, ...where });
  }
  get failed(): boolean {
    return this.errors.length > 0;
  }
  result<T>(value: T): ParseResult<T> {
    return this.failed
      ? { ok: false, errors: this.errors, warnings: this.warnings }
      : { ok: true, value, warnings: this.warnings };
  }
}
