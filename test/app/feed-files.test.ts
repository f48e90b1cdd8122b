import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { type FeedInput, MAX_RECORD_BYTES, openOsvInput, openTextLines } from '../../src/app/feed-files.js';
import { buildZip } from '../support/zip.js';

const fixtures = new URL('../fixtures/osv/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vigil-feed-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(input: FeedInput) {
  const records: { text?: string; file?: string; line?: number; problem?: string }[] = [];
  for await (const r of input.records)
    records.push('problem' in r ? { problem: r.problem.code } : { text: r.text, file: r.file, line: r.line });
  return records;
}

describe('reading OSV feeds from files', () => {
  const jsonl = readFileSync(`${fixtures}advisories.jsonl`);

  it('reads JSON lines, gzip or not, one record a line with its line number', async () => {
    const gz = join(dir, 'advisories.jsonl.gz');
    writeFileSync(gz, gzipSync(jsonl));
    for (const path of [`${fixtures}advisories.jsonl`, gz]) {
      const input = await openOsvInput(path);
      const records = await read(input);
      expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
      expect(JSON.parse(records[0]!.text!).id).toBe('GHSA-jfh8-c2jp-5v3q');
      expect(input.progress().done).toBe(input.progress().total);
      expect(input.documentHash()).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('reads the JSON files of a zip archive (OSV all.zip), leaving other files aside', async () => {
    const input = await openOsvInput(`${fixtures}all.zip`);
    const records = await read(input);
    expect(records.map((r) => JSON.parse(r.text!).id)).toEqual([
      'GHSA-jfh8-c2jp-5v3q',
      'PYSEC-2099-1',
      'GHSA-aaaa-bbbb-cccc',
      'RUSTSEC-2099-0002',
      'ALSA-2099:0001',
    ]);
    expect(records[0]!.file).toContain('all.zip!GHSA-jfh8-c2jp-5v3q.json');
  });

  it('reads the JSON files of a directory and its subdirectories, in name order', async () => {
    const root = join(dir, 'osv-dir');
    mkdirSync(join(root, 'nested'), { recursive: true });
    const [first, second] = jsonl.toString('utf8').split('\n');
    writeFileSync(join(root, 'nested', 'b.json'), second!);
    writeFileSync(join(root, 'a.json'), first!);
    writeFileSync(join(root, 'README.md'), 'not a record');
    const records = await read(await openOsvInput(root));
    expect(records.map((r) => r.file)).toEqual(['a.json', join('nested', 'b.json')]);
  });

  it('fails clearly on a truncated gzip file', async () => {
    const whole = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => jsonl)));
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await read(await openOsvInput(cut)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect((error as ImportRefusedError).errors[0]).toMatchObject({ code: 'truncated', file: cut });
  });

  it('fails clearly on a truncated or corrupted zip archive', async () => {
    const zip = readFileSync(`${fixtures}all.zip`);
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, zip.subarray(0, zip.length - 40));
    await expect(read(await openOsvInput(cut))).rejects.toMatchObject({
      errors: [{ code: 'corrupted_archive' }],
    });
    // One byte changed inside the first entry's compressed data: its CRC-32 no longer matches.
    const damaged = Buffer.from(zip);
    damaged[60] = damaged[60]! ^ 0xff;
    const bad = join(dir, 'damaged.zip');
    writeFileSync(bad, damaged);
    await expect(read(await openOsvInput(bad))).rejects.toMatchObject({
      errors: [{ code: 'corrupted_archive' }],
    });
  });

  it('skips an entry that would expand past the size a record may have, and reads the rest', async () => {
    const bomb = join(dir, 'bomb-entry.zip');
    writeFileSync(
      bomb,
      buildZip([
        { name: 'huge.json', data: Buffer.alloc(MAX_RECORD_BYTES + 1, 0x20) },
        { name: 'ok.json', data: '{"id":"OK-1","modified":"2026-01-01T00:00:00Z"}' },
      ]),
    );
    const records = await read(await openOsvInput(bomb));
    expect(records.map((r) => r.problem ?? JSON.parse(r.text!).id)).toEqual(['record_too_large', 'OK-1']);
  });

  it('refuses an archive whose entries together expand past the limit, as a zip bomb', async () => {
    const bomb = join(dir, 'bomb-total.zip');
    const entry = (i: number) => ({ name: `${i}.json`, data: Buffer.alloc(1024 * 1024, 0x20) });
    writeFileSync(bomb, buildZip(Array.from({ length: 5 }, (_, i) => entry(i))));
    const error = await read(await openOsvInput(bomb, { maxArchiveBytes: 3 * 1024 * 1024 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect((error as ImportRefusedError).errors[0]).toMatchObject({ code: 'archive_too_large' });
  });

  it('refuses an entry that expands to more than its headers say', async () => {
    const liar = join(dir, 'liar.zip');
    writeFileSync(liar, buildZip([{ name: 'a.json', data: Buffer.alloc(100_000, 0x20), declaredSize: 100 }]));
    await expect(read(await openOsvInput(liar))).rejects.toMatchObject({
      errors: [{ code: 'corrupted_archive' }],
    });
  });

  it('reads the lines of a gzip CSV the same as the plain one', async () => {
    const csv = readFileSync(new URL('../fixtures/epss/no-metadata.csv', import.meta.url));
    const gz = join(dir, 'scores.csv.gz');
    writeFileSync(gz, gzipSync(csv));
    const lines: string[] = [];
    for await (const line of (await openTextLines(gz)).lines) lines.push(line);
    expect(lines).toEqual(csv.toString('utf8').trimEnd().split('\n'));
  });
});
