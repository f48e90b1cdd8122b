import type { Problem } from '../core/problem.js';

/** An import refused because its input is wrong; nothing was stored. Carries every problem found. */
export class ImportRefusedError extends Error {
  readonly code = 'import_refused';
  constructor(
    readonly file: string | undefined,
    readonly errors: Problem[],
    readonly warnings: Problem[] = [],
  ) {
    super(
      `${file ?? 'The input'} was refused: ${errors.length} error${errors.length === 1 ? '' : 's'}, nothing was imported.`,
    );
  }
}

/** The caller asked for something wrong (bad flags, bad query, bad cursor); the message says what to fix. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code: string = 'bad_request',
  ) {
    super(message);
  }
}
