/**
 * An NVD document read as its bytes stream in, one record at a time: json-outline.ts finds each element of
 * the document's list (`vulnerabilities` of an API page, `cve_items` of a fkie-cad feed, or a root array) and
 * JSON.parse parses it alone, so a yearly feed of hundreds of megabytes costs the memory of one record. A
 * document without such a list is one CVE, read whole (within the size a record may have) as
 * `readNvdDocument` reads it.
 *
 * A document that comes in one chunk no larger than a record (a file per CVE, a page: the usual case) is
 * parsed whole instead, as before streaming: V8's parser is faster than following the text first, and a
 * directory of small files is read no slower than it was. Its records' lines are found only when asked for
 * (`lineOf`, for a problem to name). Where the whole document is not valid JSON, it is followed as a stream
 * after all, which says where, and keeps the records that can be read.
 *
 * What it answers, in order: the records (each with its JSON path), the records that could not be read
 * (their own JSON broken, or over the size a record may have: skipped and reported, the others read), then
 * `done`; or `refused` when the document is not NVD data or its JSON is broken outside any record. A page's
 * `format` and `version` come before its list in every page NVD writes, so a page of another kind is refused
 * before any of its records is read; one that names them only after its list is refused when they come,
 * after its records were answered (`recordsRead` says so).
 */
import { parseJsonText } from '../../core/json-text.js';
import { type Problem, ProblemList } from '../../core/problem.js';
import {
  LEGACY_FEED_MESSAGE,
  type NvdDocument,
  nvdDocumentOf,
  nvdPageProblem,
  nvdRecordOf,
} from './index.js';
import { JsonOutline, type OutlineEvent, type OutlinePosition } from './json-outline.js';

export type NvdStreamEvent =
  /** A record; `line` is where it begins, when it was followed as a stream (else see `lineOf`). */
  | { kind: 'record'; value: unknown; path: string; line?: number }
  | { kind: 'skipped'; problem: Problem }
  | { kind: 'refused'; errors: Problem[] }
  | { kind: 'done'; shape: NvdDocument['shape']; records: number; warnings: Problem[] };

type ListName = 'vulnerabilities' | 'cve_items' | 'root';

const LIST_KEYS: ReadonlySet<string> = new Set(['vulnerabilities', 'cve_items', 'CVE_Items']);
/** The members of a page that say what it is. */
const HEADER: ReadonlySet<string> = new Set(['format', 'version', 'totalResults']);

interface Member {
  key: string;
  text: string;
  at: OutlinePosition;
}

export class NvdStreamReader {
  private readonly outline: JsonOutline;
  private list: ListName | undefined;
  /** The root object's members read so far: all of them until a list begins, then only a page's header. */
  private members: Member[] = [];
  private memberBytes = 0;
  /** A member too large to be held: a document without a list cannot be read then. */
  private tooLarge: { key: string; bytes: number } | undefined;
  private elements = 0;
  private readonly queue: NvdStreamEvent[] = [];
  private over = false;
  /** Chunks pushed and not yet given to the outline: the first is held until it is known to be the only one. */
  private readonly pending: Buffer[] = [];
  private started = false;
  private ended = false;
  private outlineEnded = false;
  /** The document, when it was parsed whole; and its records' lines, once asked for. */
  private whole: Buffer | undefined;
  private lines: Map<string, number> | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly maxRecordBytes: number,
    private readonly streamOnly = false,
  ) {
    this.outline = new JsonOutline({ listKeys: LIST_KEYS, maxValueBytes: maxRecordBytes });
  }

  /** How many of the list's elements were answered (as records or as skipped). */
  get recordsRead(): number {
    return this.elements;
  }

  /** The next bytes, once `next` answered undefined; ignored once the document is refused or over. */
  push(chunk: Buffer): void {
    if (!this.over) this.pending.push(chunk);
  }

  end(): void {
    this.ended = true;
  }

  /** The next event, or undefined when the chunks pushed are used up (or the document is over). */
  next(): NvdStreamEvent | undefined {
    const queued = this.queue.shift();
    if (queued || this.over) return queued;
    if (!this.started) {
      // One chunk, and no word yet of another or of the end: it may be the whole document.
      if (!this.ended && this.pending.length < 2) return undefined;
      this.started = true;
      const only = this.ended && this.pending.length === 1 ? this.pending[0]! : undefined;
      if (only && only.length <= this.maxRecordBytes && !this.streamOnly) {
        const event = this.readWhole(only);
        if (event) return event;
      }
    }
    for (;;) {
      const e = this.outline.next();
      if (e) {
        const event = this.read(e);
        if (event) return event;
        continue;
      }
      const chunk = this.pending.shift();
      if (chunk) this.outline.push(chunk);
      else if (this.ended && !this.outlineEnded) {
        this.outlineEnded = true;
        this.outline.end();
      } else return undefined;
    }
  }

  /** Where a record answered begins in the document, when that can be known. */
  lineOf(record: Extract<NvdStreamEvent, { kind: 'record' }>): number | undefined {
    if (record.line !== undefined || !this.whole) return record.line;
    if (!this.lines) {
      // Found by following the document, which was parsed whole: only when a problem needs it.
      const reader = new NvdStreamReader(this.file, this.maxRecordBytes, true);
      reader.push(this.whole);
      reader.end();
      this.lines = new Map();
      for (let e = reader.next(); e; e = reader.next())
        if (e.kind === 'record' && e.line !== undefined) this.lines.set(e.path, e.line);
    }
    return this.lines.get(record.path);
  }

  /** The document parsed whole, as before streaming; undefined when it is not valid JSON. */
  private readWhole(bytes: Buffer): NvdStreamEvent | undefined {
    const text = bytes.toString('utf8');
    let root: unknown;
    try {
      root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      return undefined;
    }
    this.whole = bytes;
    this.pending.length = 0;
    const problems = new ProblemList(this.file);
    const document = nvdDocumentOf(root, problems);
    if (problems.failed) return this.finish({ kind: 'refused', errors: problems.errors });
    for (const record of document.records)
      this.queue.push({ kind: 'record', value: record.value, path: record.path });
    this.elements = document.records.length;
    this.queue.push({
      kind: 'done',
      shape: document.shape,
      records: this.elements,
      warnings: this.partialPage(document.totalResults),
    });
    this.over = true;
    return this.queue.shift();
  }

  private read(e: OutlineEvent): NvdStreamEvent | undefined {
    switch (e.kind) {
      case 'member':
        return this.member({ key: e.key, text: e.text, at: e.at });
      case 'oversize':
        if (e.index !== undefined) {
          this.elements++;
          return {
            kind: 'skipped',
            problem: this.problem(
              'record_too_large',
              `A record of ${e.bytes.toLocaleString('en')} bytes was skipped: over the ${mb(this.maxRecordBytes)} MB a record may have.`,
              { line: e.at.line, path: this.elementPath(e.index) },
            ),
          };
        }
        if (!this.list) this.tooLarge = { key: e.key ?? '', bytes: e.bytes };
        return undefined;
      case 'list':
        return this.listBegins(e.key);
      case 'element':
        return this.element(e.index, e.text, e.at);
      case 'scalar':
        return this.refuse('not_nvd', 'This is not an NVD CVE document: it is not a JSON object.', {
          path: '$',
        });
      case 'error':
        return this.refuse('json_syntax', `Not valid JSON: ${e.message}.`, {
          line: e.at.line,
          column: e.at.column,
        });
      case 'end':
        return this.documentEnds();
    }
  }

  private member(member: Member): NvdStreamEvent | undefined {
    if (this.list) {
      if (this.list !== 'vulnerabilities' || !HEADER.has(member.key)) return undefined;
      this.members.push(member);
      // Named after the list: checked now, its records already answered.
      return member.key === 'totalResults' ? undefined : this.checkPage();
    }
    this.memberBytes += member.text.length;
    if (this.memberBytes > this.maxRecordBytes)
      this.tooLarge ??= { key: member.key, bytes: this.memberBytes };
    else this.members.push(member);
    return undefined;
  }

  private listBegins(key: string | undefined): NvdStreamEvent | undefined {
    if (key === 'CVE_Items')
      return this.refuse('unsupported_version', LEGACY_FEED_MESSAGE, { path: '$.CVE_Items' });
    this.list = key === 'vulnerabilities' || key === 'cve_items' ? key : 'root';
    // What came before the list is no record: only a page's header is kept.
    this.members = this.members.filter((m) => this.list === 'vulnerabilities' && HEADER.has(m.key));
    this.memberBytes = 0;
    this.tooLarge = undefined;
    return this.list === 'vulnerabilities' ? this.checkPage() : undefined;
  }

  private element(index: number, text: string, at: OutlinePosition): NvdStreamEvent {
    this.elements++;
    const json = parseJsonText(text);
    if (!json.ok)
      return {
        kind: 'skipped',
        problem: this.problem('json_syntax', `A record was skipped: it is not valid JSON: ${json.message}.`, {
          line: at.line + json.line - 1,
          column: json.line === 1 ? at.column + json.column - 1 : json.column,
          path: this.elementPath(index),
        }),
      };
    const record = nvdRecordOf(json.value, this.list!, index);
    return { kind: 'record', value: record.value, path: record.path, line: at.line };
  }

  private documentEnds(): NvdStreamEvent | undefined {
    if (this.list) {
      const total = this.header('totalResults');
      const warnings = this.partialPage(
        total.ok && typeof total.value === 'number' ? total.value : undefined,
      );
      return this.finish({ kind: 'done', shape: this.shape(), records: this.elements, warnings });
    }
    if (this.tooLarge)
      return this.refuse(
        'too_large',
        `This document has no \`vulnerabilities\` or \`cve_items\` list, so it would be one CVE, but its ${JSON.stringify(this.tooLarge.key)} alone is over the ${mb(this.maxRecordBytes)} MB a record may have.`,
        { path: `$.${this.tooLarge.key}` },
      );
    // One CVE (or no NVD data at all): the document, small, read whole.
    const entries: [string, unknown][] = [];
    for (const m of this.members) {
      const json = parseJsonText(m.text);
      if (!json.ok)
        return this.refuse('json_syntax', `Not valid JSON: ${json.message}.`, {
          line: m.at.line + json.line - 1,
          column: json.line === 1 ? m.at.column + json.column - 1 : json.column,
        });
      entries.push([m.key, json.value]);
    }
    // As JSON.parse builds it: own properties (`__proto__` too), the last of a repeated name winning.
    const root = Object.fromEntries(entries);
    const problems = new ProblemList(this.file);
    const document = nvdDocumentOf(root, problems);
    if (problems.failed) return this.finish({ kind: 'refused', errors: problems.errors });
    for (const record of document.records) {
      this.elements++;
      const line = this.members.find((m) => `$.${m.key}` === record.path)?.at.line;
      this.queue.push({ kind: 'record', value: record.value, path: record.path, ...(line ? { line } : {}) });
    }
    this.queue.push({ kind: 'done', shape: document.shape, records: document.records.length, warnings: [] });
    this.over = true;
    return this.queue.shift();
  }

  private partialPage(totalResults: number | undefined): Problem[] {
    if (totalResults === undefined || totalResults <= this.elements) return [];
    return [
      this.problem(
        'partial_page',
        `This page holds ${this.elements} of the ${totalResults} CVEs its query found; the others are in other pages.`,
        { path: '$.totalResults' },
        'warning',
      ),
    ];
  }

  /** A page's `format` and `version`, checked as soon as they are known. */
  private checkPage(): NvdStreamEvent | undefined {
    const format = this.header('format');
    if (!format.ok) return this.refuse('json_syntax', `Not valid JSON: ${format.message}.`, format.where);
    const version = this.header('version');
    if (!version.ok) return this.refuse('json_syntax', `Not valid JSON: ${version.message}.`, version.where);
    const problem = nvdPageProblem(format.value, version.value);
    return problem ? this.refuse(problem.code, problem.message, { path: problem.path }) : undefined;
  }

  private header(
    key: string,
  ): { ok: true; value: unknown } | { ok: false; message: string; where: Pick<Problem, 'line' | 'column'> } {
    const member = this.members.findLast((m) => m.key === key);
    if (!member) return { ok: true, value: undefined };
    const json = parseJsonText(member.text);
    return json.ok
      ? json
      : { ok: false, message: json.message, where: { line: member.at.line, column: member.at.column } };
  }

  private shape(): NvdDocument['shape'] {
    return this.list === 'vulnerabilities' ? 'page' : this.list === 'cve_items' ? 'feed' : 'list';
  }

  private elementPath(index: number): string {
    return this.list === 'root' ? `$[${index}]` : `$.${this.list}[${index}]`;
  }

  private refuse(
    code: string,
    message: string,
    where: Pick<Problem, 'line' | 'column' | 'path'>,
  ): NvdStreamEvent {
    return this.finish({ kind: 'refused', errors: [this.problem(code, message, where)] });
  }

  private finish(event: NvdStreamEvent): NvdStreamEvent {
    this.over = true;
    return event;
  }

  private problem(
    code: string,
    message: string,
    where: Pick<Problem, 'line' | 'column' | 'path'>,
    severity: Problem['severity'] = 'error',
  ): Problem {
    return { severity, code, message, ...(this.file !== undefined ? { file: this.file } : {}), ...where };
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
