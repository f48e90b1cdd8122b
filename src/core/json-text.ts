/**
 * JSON text from outside: parsed with JSON.parse, and when that fails, the line and column where it failed
 * (Node 20 names a position for most errors but not for an unexpected token).
 */

export type JsonText =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number };

/** Parses JSON text, dropping a leading byte-order mark (legal in UTF-8 files, refused by JSON.parse). */
export function parseJsonText(text: string): JsonText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(raw);
    const offset = at
      ? Number(at[1])
      : /Unexpected end of JSON input/.test(raw)
        ? body.length
        : jsonErrorOffset(body);
    // V8 quotes the text around an unexpected token, newlines and all; the line and column say it better.
    const message = /^(Unexpected token '[^']*'), /.exec(raw)?.[1] ?? raw;
    return { ok: false, message, ...lineColumn(body, offset) };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const numberAt = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ARRAY = 0;
const OBJECT = 1;

/**
 * Where JSON.parse gave up, for the messages of V8's that name no position (`Unexpected token 'x', "…" is
 * not valid JSON`). Runs only on text already known to be malformed; iterative, so nesting depth is harmless.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  let state: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after' = 'value';
  const string = (): number => {
    // i is at the opening quote; answers -1 once i is past the closing one, else the offending offset.
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        i = j + 1;
        return -1;
      }
      if (c < 0x20) return j;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return j;
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
        else return j;
      }
    }
    return n;
  };
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
    // Running out of text is the error when the text was malformed at all.
    if (i >= n) return n;
    const c = text[i]!;
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i;
      if (c === ',') {
        i++;
        state = top === ARRAY ? 'value' : 'key';
      } else if ((top === ARRAY && c === ']') || (top === OBJECT && c === '}')) {
        stack.pop();
        i++;
      } else return i;
    } else if (state === 'key' || state === 'keyOrClose') {
      if (state === 'keyOrClose' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const bad = string();
      if (bad !== -1) return bad;
      while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      if (state === 'valueOrClose' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{') {
        stack.push(OBJECT);
        i++;
        state = 'keyOrClose';
      } else if (c === '[') {
        stack.push(ARRAY);
        i++;
        state = 'valueOrClose';
      } else if (c === '"') {
        const bad = string();
        if (bad !== -1) return bad;
        state = 'after';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        state = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = 'after';
      } else {
        numberAt.lastIndex = i;
        if (!numberAt.test(text)) return i;
        i = numberAt.lastIndex;
        state = 'after';
      }
    }
  }
}
