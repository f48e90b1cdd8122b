import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/core/json-text.js';

describe('JSON text from outside', () => {
  it('parses JSON after a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('finds the line and column of an unexpected token, which V8 does not give', () => {
    expect(parseJsonText('{\n  "a": 1,\n  "b": ,\n}')).toMatchObject({ ok: false, line: 3, column: 8 });
  });

  it('places a document that ends too early at its end', () => {
    expect(parseJsonText('{\n  "a": [1, 2')).toMatchObject({ ok: false, line: 2 });
  });

  it('finds the error in deeply nested text without running out of stack', () => {
    const deep = `${'['.repeat(100_000)}x`;
    expect(parseJsonText(deep)).toMatchObject({ ok: false, line: 1, column: 100_001 });
  });
});
