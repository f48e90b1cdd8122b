/**
 * A JSON document followed as its bytes stream in, without building it: the members of its root object, each
 * as the text of its value, and the elements of one list (a root array, or the first array member named in
 * `listKeys`), each as its own text, for JSON.parse to parse alone. Only the structure is followed here:
 * strings, brackets, and the commas and colons of the root and of the list; what is inside a value is
 * JSON.parse's to check (V8's parser is far faster than any tokenizer written in JavaScript, so the bytes of
 * a value are looked at once here, for its end, and parsed once there). Memory holds the value being read,
 * never the document: a value over `maxValueBytes` is passed over and reported by its size.
 *
 * Pull-based, so that its reader can await between values: `push` a chunk, take events with `next` until it
 * answers undefined, push the next chunk; `end` when the input is over.
 */

export interface OutlinePosition {
  /** 1-based line and column (in bytes) of the value's first byte. */
  line: number;
  column: number;
}

export type OutlineEvent =
  /** A member of the root object that is not the list: its key and the text of its value. */
  | { kind: 'member'; key: string; text: string; at: OutlinePosition }
  /** The list begins: a member named in `listKeys` (its key) or the root array (no key). */
  | { kind: 'list'; key?: string; at: OutlinePosition }
  | { kind: 'element'; index: number; text: string; at: OutlinePosition }
  /** A member or element over `maxValueBytes`: passed over, not held. */
  | { kind: 'oversize'; key?: string; index?: number; bytes: number; at: OutlinePosition }
  /** The root is a string, number or literal: valid JSON, but no object to read. */
  | { kind: 'scalar' }
  | { kind: 'end' }
  /** The text is not JSON (or is cut short) at this position: no event follows. */
  | { kind: 'error'; message: string; at: OutlinePosition };

export interface OutlineOptions {
  listKeys: ReadonlySet<string>;
  maxValueBytes: number;
}

// Where the reading is, outside the value being captured.
const ROOT = 0; // before the root value
const DONE = 1; // after it: only whitespace may follow
const KEY_OR_CLOSE = 2; // just inside the root object
const KEY = 3; // after a comma of the root object
const COLON = 4;
const MEMBER = 5; // a member's value is next
const AFTER_MEMBER = 6;
const ELEMENT_OR_CLOSE = 7; // just inside the list
const ELEMENT = 8; // after a comma of the list
const AFTER_ELEMENT = 9;
const VALUE = 10; // inside a value (a key, a member, an element), followed to its end
const FAILED = 11;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON_BYTE = 0x3a;
const NEWLINE = 0x0a;
const MAX_DEPTH = 10_000;
const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (c: number) => c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
const isDelimiter = (c: number) => c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c);

/** What the value being followed is, for when it ends. */
type Target = { kind: 'key' } | { kind: 'member'; key: string } | { kind: 'element'; index: number };

export class JsonOutline {
  private chunk: Buffer = Buffer.alloc(0);
  private i = 0;
  /** Offset in the whole input of the chunk's first byte. */
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private state = ROOT;
  private ended = false;
  private finished = false;
  /** How many bytes of a byte-order mark began the input. */
  private bom = 0;

  private key = '';
  private listTaken = false;
  private listAtRoot = false;
  private index = 0;

  // The value being followed.
  private target: Target = { kind: 'key' };
  private at: OutlinePosition = { line: 1, column: 1 };
  private inString = false;
  /** A backslash ended the last chunk: the next chunk's first byte is escaped. */
  private escaped = false;
  /** A number or literal is being followed: it ends at the next delimiter. */
  private scalarOpen = false;
  private depth = 0;
  private stack = new Uint8Array(64);
  /** Its bytes from earlier chunks; its start in this chunk (0 when it began in an earlier one). */
  private pieces: Buffer[] = [];
  private piecesBytes = 0;
  private start = 0;
  private oversize = false;

  constructor(private readonly options: OutlineOptions) {}

  /** The next chunk of the input, once `next` has answered undefined for the last one. */
  push(chunk: Buffer): void {
    if (this.failure || this.finished) return;
    if (this.i < this.chunk.length) throw new Error('JsonOutline.push before the previous chunk was read');
    if (this.state === VALUE) this.keepPiece(this.chunk.length);
    this.base += this.chunk.length;
    this.chunk = chunk;
    this.i = 0;
    this.start = 0;
  }

  /** The input is over: `next` then answers what remains, and `end` or an error. */
  end(): void {
    this.ended = true;
  }

  next(): OutlineEvent | undefined {
    if (this.failure || this.finished) return undefined;
    const b = this.chunk;
    const n = b.length;
    while (this.i < n) {
      if (this.state === VALUE) {
        this.i = this.follow(b, this.i, n);
        if (this.failure) return this.failure;
        if (this.depth === 0 && !this.inString && !this.scalarOpen) {
          const event = this.valueEnded(b, this.i);
          if (event) return event;
        }
        continue;
      }
      const c = b[this.i]!;
      if (isSpace(c)) {
        if (c === NEWLINE) this.newline(this.i);
        this.i++;
        continue;
      }
      const event = this.structure(c);
      if (event) return event;
    }
    if (!this.ended) return undefined;
    this.finished = true;
    if (this.state === DONE) return { kind: 'end' };
    // The root object or array is still open: the input stops inside it.
    return this.fail(
      this.state === ROOT && this.base + n === 0
        ? 'the document is empty'
        : 'the document ends before it is complete (cut short?)',
      n,
    );
  }

  /** A byte outside any value: the grammar of the root object, the list, and what may follow them. */
  private structure(c: number): OutlineEvent | undefined {
    const i = this.i;
    switch (this.state) {
      case ROOT:
        // A byte-order mark is legal in a UTF-8 file (and refused by JSON.parse); it may span chunks too.
        if (this.base + i === this.bom && c === BOM[this.bom]) {
          this.bom++;
          this.i++;
          return undefined;
        }
        if (c === OPEN_OBJECT) {
          this.state = KEY_OR_CLOSE;
          this.i++;
          return undefined;
        }
        if (c === OPEN_ARRAY) {
          this.listTaken = true;
          this.listAtRoot = true;
          this.state = ELEMENT_OR_CLOSE;
          this.i++;
          return { kind: 'list', at: this.position(i) };
        }
        this.state = DONE;
        if (c === QUOTE || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
          // Valid JSON perhaps, but not a document to read: nothing more is looked at.
          this.finished = true;
          return { kind: 'scalar' };
        }
        return this.fail(`unexpected ${describe(c)} where the document should begin`, i);
      case KEY_OR_CLOSE:
      case KEY:
        if (c === QUOTE) return this.begin({ kind: 'key' }, c);
        if (c === CLOSE_OBJECT && this.state === KEY_OR_CLOSE) return this.closeRoot();
        return this.fail(`unexpected ${describe(c)} where a member's name should be`, i);
      case COLON:
        if (c !== COLON_BYTE) return this.fail(`unexpected ${describe(c)} where ":" should be`, i);
        this.state = MEMBER;
        this.i++;
        return undefined;
      case MEMBER:
        if (c === OPEN_ARRAY && !this.listTaken && this.options.listKeys.has(this.key)) {
          this.listTaken = true;
          this.state = ELEMENT_OR_CLOSE;
          this.i++;
          return { kind: 'list', key: this.key, at: this.position(i) };
        }
        return this.begin({ kind: 'member', key: this.key }, c);
      case AFTER_MEMBER:
        if (c === COMMA) {
          this.state = KEY;
          this.i++;
          return undefined;
        }
        if (c === CLOSE_OBJECT) return this.closeRoot();
        return this.fail(`unexpected ${describe(c)} after a member (a comma or "}" should follow)`, i);
      case ELEMENT_OR_CLOSE:
      case ELEMENT:
        if (c === CLOSE_ARRAY && this.state === ELEMENT_OR_CLOSE) return this.closeList();
        return this.begin({ kind: 'element', index: this.index }, c);
      case AFTER_ELEMENT:
        if (c === COMMA) {
          this.state = ELEMENT;
          this.i++;
          return undefined;
        }
        if (c === CLOSE_ARRAY) return this.closeList();
        return this.fail(`unexpected ${describe(c)} after an element (a comma or "]" should follow)`, i);
      default:
        return this.fail(`unexpected ${describe(c)} after the end of the document`, i);
    }
  }

  private closeRoot(): undefined {
    this.state = DONE;
    this.i++;
    return undefined;
  }

  private closeList(): undefined {
    this.state = this.listAtRoot ? DONE : AFTER_MEMBER;
    this.i++;
    return undefined;
  }

  /** Starts following a value at its first byte. */
  private begin(target: Target, c: number): OutlineEvent | undefined {
    if (target.kind === 'key' && c !== QUOTE) throw new Error('a key is a string');
    this.target = target;
    this.at = this.position(this.i);
    this.state = VALUE;
    this.pieces = [];
    this.piecesBytes = 0;
    this.start = this.i;
    this.oversize = false;
    this.depth = 0;
    this.escaped = false;
    this.inString = false;
    this.scalarOpen = false;
    if (c === QUOTE) {
      this.inString = true;
      this.i++;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      this.stack[0] = c;
      this.depth = 1;
      this.i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY || c === COMMA || c === COLON_BYTE) {
      return this.fail(`unexpected ${describe(c)} where a value should be`, this.i);
    } else {
      // A number or literal: it ends at the next delimiter, and JSON.parse says whether it is one.
      this.scalarOpen = true;
    }
    return undefined;
  }

  /**
   * Follows the value from `i` to its end or the chunk's: the hot loop, run over every byte of every record.
   * Answers where it stopped; the value has ended when depth is 0 and no string or scalar is open.
   */
  private follow(b: Buffer, from: number, n: number): number {
    let i = from;
    if (this.scalarOpen) {
      while (i < n && !isDelimiter(b[i]!)) i++;
      if (i < n) this.scalarOpen = false;
      return i;
    }
    let depth = this.depth;
    let inString = this.inString;
    let stack = this.stack;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    while (i < n) {
      if (inString) {
        // To the next quote not escaped: the one after a run of backslashes of even length (none, or pairs
        // that escape each other). `i` is never an escaped byte, so a run that reaches back to it is whole.
        let quote = b.indexOf(QUOTE, i);
        while (quote !== -1 && b[quote - 1] === BACKSLASH && escapedAt(b, i, quote))
          quote = b.indexOf(QUOTE, quote + 1);
        if (quote === -1) {
          // The string goes on in the next chunk; a backslash ending this one escapes the next one's first byte.
          this.escaped = escapedAt(b, i, n);
          i = n;
          break;
        }
        inString = false;
        i = quote + 1;
        if (depth === 0) break;
        continue;
      }
      const c = b[i]!;
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === stack.length) {
          if (depth >= MAX_DEPTH) {
            this.fail(`a value is nested deeper than ${MAX_DEPTH} levels`, i);
            return i;
          }
          const grown = new Uint8Array(depth * 2);
          grown.set(stack);
          stack = this.stack = grown;
        }
        stack[depth++] = c;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (stack[depth - 1] !== c - 2) {
          this.fail(`unexpected ${describe(c)}: it closes nothing that is open`, i);
          return i;
        }
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (c === NEWLINE) this.newline(i);
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    return i;
  }

  /** The value followed has ended at `end` (exclusive) of this chunk: its event, and what comes next. */
  private valueEnded(b: Buffer, end: number): OutlineEvent | undefined {
    const target = this.target;
    const bytes = this.piecesBytes + (end - this.start);
    const text = this.oversize || bytes > this.options.maxValueBytes ? undefined : this.textTo(b, end);
    this.pieces = [];
    this.piecesBytes = 0;
    if (target.kind === 'key') {
      if (text === undefined) return this.fail('a member name is longer than a value may be', end);
      try {
        this.key = JSON.parse(text) as string;
      } catch (e) {
        return this.fail(`a member name is not a valid string (${(e as Error).message})`, end);
      }
      this.state = COLON;
      return undefined;
    }
    if (target.kind === 'member') {
      this.state = AFTER_MEMBER;
      return text === undefined
        ? { kind: 'oversize', key: target.key, bytes, at: this.at }
        : { kind: 'member', key: target.key, text, at: this.at };
    }
    this.state = AFTER_ELEMENT;
    this.index++;
    return text === undefined
      ? { kind: 'oversize', index: target.index, bytes, at: this.at }
      : { kind: 'element', index: target.index, text, at: this.at };
  }

  private textTo(b: Buffer, end: number): string {
    if (this.pieces.length === 0) return b.toString('utf8', this.start, end);
    return Buffer.concat([...this.pieces, b.subarray(0, end)]).toString('utf8');
  }

  /** The chunk is over inside a value: its bytes so far are kept, unless it is over the size a value may have. */
  private keepPiece(end: number): void {
    const piece = this.chunk.subarray(this.start, end);
    this.piecesBytes += piece.length;
    if (this.oversize) return;
    if (this.piecesBytes > this.options.maxValueBytes) {
      this.oversize = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
  }

  private failure: OutlineEvent | undefined;

  private fail(message: string, i: number): OutlineEvent {
    this.state = FAILED;
    this.failure = { kind: 'error', message, at: this.position(i) };
    return this.failure;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  private position(i: number): OutlinePosition {
    return { line: this.line, column: this.base + i - this.lineStart + 1 };
  }
}

/** Whether the byte at `at` is escaped: it follows an odd run of backslashes, which begins at or after `from`. */
function escapedAt(b: Buffer, from: number, at: number): boolean {
  let run = 0;
  for (let j = at - 1; j >= from && b[j] === BACKSLASH; j--) run++;
  return run % 2 === 1;
}

function describe(c: number): string {
  return c >= 0x21 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
