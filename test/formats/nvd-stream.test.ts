import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNvdDocument } from '../../src/formats/nvd/index.js';
import { JsonOutline, type OutlineEvent } from '../../src/formats/nvd/json-outline.js';
import { type NvdStreamEvent, NvdStreamReader } from '../../src/formats/nvd/stream.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/nvd/${name}`, import.meta.url));
const MB = 1024 * 1024;

/** Everything the reader answers for `bytes`, pushed in chunks of `size` bytes (all at once by default). */
function read(bytes: Buffer | string, size = Number.MAX_SAFE_INTEGER, maxRecordBytes = 32 * MB) {
  const input = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const reader = new NvdStreamReader('doc.json', maxRecordBytes);
  const events: NvdStreamEvent[] = [];
  const drain = () => {
    for (let e = reader.next(); e; e = reader.next()) events.push(e);
  };
  for (let i = 0; i < input.length; i += size) {
    reader.push(input.subarray(i, i + size));
    drain();
  }
  reader.end();
  drain();
  return { events, reader };
}

const recordsOf = (events: NvdStreamEvent[]) =>
  events.flatMap((e) => (e.kind === 'record' ? [{ path: e.path, value: e.value }] : []));
const only = <K extends NvdStreamEvent['kind']>(events: NvdStreamEvent[], kind: K) =>
  events.filter((e): e is Extract<NvdStreamEvent, { kind: K }> => e.kind === kind);

function outline(text: string, size: number, listKeys = ['list']): OutlineEvent[] {
  const scanner = new JsonOutline({ listKeys: new Set(listKeys), maxValueBytes: 1 * MB });
  const bytes = Buffer.from(text);
  const events: OutlineEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    scanner.push(bytes.subarray(i, i + size));
    for (let e = scanner.next(); e; e = scanner.next()) events.push(e);
  }
  scanner.end();
  for (let e = scanner.next(); e; e = scanner.next()) events.push(e);
  return events;
}

describe('the JSON outline: members and list elements as their own text, whatever the chunks', () => {
  const text =
    '\uFEFF{ "a" : 1.5e3 , "s":"x\\"}]\\\\", "list" : [ {"k":["]",{"}":"\\u005d"}]}, "é𝄞\\\\", -0, null ]\n, "z": {"n":[[]]} }';

  it('finds the same values at every place the chunks may be cut', () => {
    const whole = outline(text, text.length * 4);
    expect(whole.map((e) => ('text' in e ? [e.kind, e.text] : [e.kind]))).toEqual([
      ['member', '1.5e3'],
      ['member', '"x\\"}]\\\\"'],
      ['list'],
      ['element', '{"k":["]",{"}":"\\u005d"}]}'],
      ['element', '"é𝄞\\\\"'],
      ['element', '-0'],
      ['element', 'null'],
      ['member', '{"n":[[]]}'],
      ['end'],
    ]);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(outline(text, size), `chunks of ${size}`).toEqual(whole);
  });

  it('says where each value begins, by line and column', () => {
    const events = outline('{\n  "list": [\n    {"a": 1},\n    {"a": 2}\n  ]\n}', 4);
    expect(events.filter((e) => e.kind === 'element').map((e) => 'at' in e && e.at)).toEqual([
      { line: 3, column: 5 },
      { line: 4, column: 5 },
    ]);
  });

  it.each([
    ['{"a" 1}', 'where ":" should be', { line: 1, column: 6 }],
    ['{"list": [1 2]}', 'a comma or "]" should follow', { line: 1, column: 13 }],
    ['{"a": {"b": [}}', 'closes nothing that is open', { line: 1, column: 14 }],
    ['{"list": [1,]}', 'where a value should be', { line: 1, column: 13 }],
    ['{"a": 1}\n{"b": 2}', 'after the end of the document', { line: 2, column: 1 }],
    ['{"list": [{"a": 1}', 'ends before it is complete', { line: 1, column: 19 }],
    ['', 'the document is empty', { line: 1, column: 1 }],
    ['<html>', 'unexpected "<" where the document should begin', { line: 1, column: 1 }],
  ])('refuses %j: %s', (text, message, at) => {
    const last = outline(text, 3).at(-1);
    expect(last).toMatchObject({ kind: 'error', message: expect.stringContaining(message), at });
  });

  it('passes over a value too large to hold, and reads on', () => {
    const scanner = new JsonOutline({ listKeys: new Set(['list']), maxValueBytes: 10 });
    scanner.push(Buffer.from(`{"list": [${JSON.stringify('x'.repeat(100))}, 1]}`));
    scanner.end();
    const events: OutlineEvent[] = [];
    for (let e = scanner.next(); e; e = scanner.next()) events.push(e);
    expect(events.map((e) => e.kind)).toEqual(['list', 'oversize', 'element', 'end']);
    expect(events[1]).toMatchObject({ index: 0, bytes: 102 });
  });
});

describe('NVD documents read as they stream in', () => {
  it('answers the records of a page with their paths and lines, as the whole-document reader does', () => {
    const page = fixture('page.json');
    const whole = readNvdDocument(page.toString('utf8'));
    if (!whole.ok) throw new Error('page.json is an NVD page');
    const { events } = read(page, 7);
    expect(recordsOf(events)).toEqual(whole.value.records);
    expect(only(events, 'record').map((e) => e.line)).toEqual([9, 115, 129, 182, 203, 211]);
    expect(events.at(-1)).toEqual({ kind: 'done', shape: 'page', records: 6, warnings: [] });
  });

  it('parses a document that comes whole at once, and finds a record’s line only when asked', () => {
    const page = fixture('page.json');
    const streamed = read(page, 7).events;
    const { events, reader } = read(page);
    expect(events).toEqual(
      streamed.map((e) => (e.kind === 'record' ? { kind: e.kind, value: e.value, path: e.path } : e)),
    );
    expect(only(events, 'record').map((e) => reader.lineOf(e))).toEqual([9, 115, 129, 182, 203, 211]);
  });

  it('follows a document that comes whole but is not valid JSON, keeping the records that can be read', () => {
    const text = '{"vulnerabilities": [{"cve": {"id": "CVE-2099-0001"}}, {"cve": {"id": tru}}]}';
    expect(read(text).events).toEqual(read(text, 5).events);
    expect(read(text).events.map((e) => e.kind)).toEqual(['record', 'skipped', 'done']);
  });

  it('reads fkie-cad feeds, root arrays and single CVEs, with the paths of the whole-document reader', () => {
    const cve = { id: 'CVE-2099-0100', lastModified: '2099-01-01T00:00:00' };
    for (const document of [
      { timestamp: 'x', cve_items: [cve, cve] },
      [{ cve }, cve, { cve: 'not an object' }],
      { cve },
      cve,
    ]) {
      const text = JSON.stringify(document, null, 2);
      const whole = readNvdDocument(text);
      if (!whole.ok) throw new Error(JSON.stringify(whole.errors));
      expect(recordsOf(read(text, 5).events)).toEqual(whole.value.records);
      expect(recordsOf(read(text).events)).toEqual(whole.value.records);
    }
  });

  it('skips a record whose own JSON is broken, naming its path and line, and reads the others', () => {
    const text =
      '{"vulnerabilities": [\n{"cve": {"id": "CVE-2099-0001"}},\n{"cve": {"id": tru}},\n{"cve": {"id": "CVE-2099-0003"}}\n]}';
    const { events } = read(text, 10);
    expect(only(events, 'record').map((e) => e.path)).toEqual([
      '$.vulnerabilities[0].cve',
      '$.vulnerabilities[2].cve',
    ]);
    expect(only(events, 'skipped')).toEqual([
      {
        kind: 'skipped',
        problem: expect.objectContaining({
          code: 'json_syntax',
          file: 'doc.json',
          path: '$.vulnerabilities[1]',
          line: 3,
          column: expect.any(Number),
        }),
      },
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'done', records: 3 });
  });

  it('skips a record over the size a record may have without holding it', () => {
    const big = JSON.stringify({ cve: { id: 'CVE-2099-0001', pad: 'x'.repeat(5000) } });
    const { events } = read(`{"vulnerabilities": [${big}, {"cve": {"id": "CVE-2099-0002"}}]}`, 512, 1000);
    expect(only(events, 'skipped')[0]?.problem).toMatchObject({
      code: 'record_too_large',
      path: '$.vulnerabilities[0]',
    });
    expect(only(events, 'record').map((e) => e.path)).toEqual(['$.vulnerabilities[1].cve']);
  });

  it('refuses a legacy 1.1 feed as soon as its list begins, before reading it', () => {
    const reader = new NvdStreamReader('old.json', 32 * MB);
    reader.push(Buffer.from('{"CVE_data_type": "CVE", "CVE_Items": [{"cve": {'));
    // The first chunk is held until it is known not to be the whole document.
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.from('"CVE_data_meta": {"ID": "CVE-2017-0144"}}},'));
    expect(reader.next()).toMatchObject({
      kind: 'refused',
      errors: [
        {
          code: 'unsupported_version',
          path: '$.CVE_Items',
          message: expect.stringMatching(/legacy NVD 1.1/),
        },
      ],
    });
    expect(reader.recordsRead).toBe(0);
  });

  it('refuses a page of another format before any record, or when its format comes after them', () => {
    const first = read('{"format": "OSV", "vulnerabilities": [{"cve": {"id": "CVE-2099-0001"}}]}');
    expect(first.events).toEqual([
      { kind: 'refused', errors: [expect.objectContaining({ code: 'not_nvd', path: '$.format' })] },
    ]);
    const lateText = '{"vulnerabilities": [{"cve": {"id": "CVE-2099-0001"}}], "version": "1.1"}';
    const late = read(lateText, 10);
    expect(late.events.map((e) => e.kind)).toEqual(['record', 'refused']);
    expect(late.reader.recordsRead).toBe(1);
    // Come whole, it is refused before any of its records.
    expect(read(lateText).events.map((e) => e.kind)).toEqual(['refused']);
  });

  it('warns when a page holds only some of the results of its query', () => {
    const { events } = read('{"totalResults": 5, "vulnerabilities": [{"cve": {"id": "CVE-2099-0001"}}]}');
    expect(events.at(-1)).toMatchObject({
      kind: 'done',
      warnings: [{ code: 'partial_page', severity: 'warning', path: '$.totalResults' }],
    });
  });

  it.each([
    ['a CVE 5 record', '{"dataType": "CVE_RECORD", "cveMetadata": {}}', 'not_nvd'],
    ['a JSON string', '"CVE-2099-0001"', 'not_nvd'],
    ['text cut short', '{"vulnerabilities": [{"cve": {"id": "CVE-2099-0001"}}', 'json_syntax'],
    ['HTML', '<html><body>Sign in</body></html>', 'json_syntax'],
  ])('refuses %s', (_what, text, code) => {
    expect(read(text, 4).events.at(-1)).toMatchObject({ kind: 'refused', errors: [{ code }] });
  });
});

describeCorpus('the shared NVD data read as it streams in', () => {
  it('answers exactly the records (so the same record hashes) of the whole-document reader, in every file', () => {
    const dir = join(corpusDir, 'nvd');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(40);
    let compared = 0;
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      const whole = readNvdDocument(bytes.toString('utf8'));
      // Followed as a stream, and come whole at once.
      for (const size of [4093, undefined]) {
        const { events } = read(bytes, size);
        if (!whole.ok)
          expect(events.at(-1), file).toMatchObject({
            kind: 'refused',
            errors: [{ code: whole.errors[0]!.code }],
          });
        // The import hashes JSON.stringify of each record's value: equal values, equal hashes.
        else expect(recordsOf(events), file).toEqual(whole.value.records);
      }
      if (whole.ok) compared += whole.value.records.length;
    }
    expect(compared).toBe(66);
  });
});
