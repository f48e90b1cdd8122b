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

/** Input that breaks a rule the schema cannot express (a weak password, a supplier role without a supplier). */
export class InvalidInputError extends UsageError {
  constructor(
    message: string,
    /** Where in the input (`$.newPassword`) and what is wrong there. */
    readonly details: { path: string; message: string }[],
  ) {
    super(message, 'validation_failed');
  }
}

/** What the request names already exists (a username taken). */
export class ConflictError extends UsageError {
  constructor(message: string) {
    super(message, 'conflict');
  }
}

/** The principal may not do this to this resource (another user's token, another supplier's product). */
export class ForbiddenError extends UsageError {
  constructor(message = 'You are not allowed to do that.') {
    super(message, 'forbidden');
  }
}
