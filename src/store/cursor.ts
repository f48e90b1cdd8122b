import { UsageError } from '../app/errors.js';

/** Keyset-pagination cursors: the last row's sort value and id, opaque to clients. */
export type CursorValue = string | number | null;

export function encodeCursor(value: CursorValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export class InvalidCursorError extends UsageError {
  constructor() {
    super('The cursor is not one this server handed out.', 'invalid_cursor');
  }
}

export function decodeCursor(cursor: string): { value: CursorValue; id: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number' || parsed[0] === null) &&
      Number.isInteger(parsed[1]) &&
      parsed[1] >= 0 &&
      // ids are 32-bit integers in both databases
      parsed[1] <= 2_147_483_647
    ) {
      return { value: parsed[0] as CursorValue, id: parsed[1] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError();
}
