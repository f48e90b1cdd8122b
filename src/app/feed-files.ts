/**
 * Reading feed files carried in by hand (air-gapped sites): OSV as JSON lines (gzip or not), a zip of JSON
 * files (OSV's `all.zip`) or a directory of JSON files; KEV and EPSS as their files, gzip or not. Records
 * stream one at a time, so memory stays bounded however large the feed; the parsers (src/formats) never
 * see a file. A truncated or corrupted file fails the import: half a feed is not the feed. Zip archives are
 * read with yauzl, one entry at a time, each entry's size and CRC-32 checked, and what they may expand to
 * capped (an entry over MAX_RECORD_BYTES is skipped; an archive over VIGIL_MAX_ARCHIVE_BYTES is refused).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PassThrough, pipeline, type Readable, Transform } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { crc32, createGunzip, gunzipSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Problem } from '../core/problem.js';
import { ImportRefusedError, UsageError } from './errors.js';
import { maxArchiveBytes } from './limits.js';

/** One record's text and where it came from. */
export interface FeedRecordText {
  text: string;
  file: string;
  /** The record's line in a JSON-lines file. */
  line?: number;
}

/** A record that could not even be read as text (too large, say): reported, skipped. */
export interface FeedRecordUnreadable {
  problem: Problem;
}

export interface FeedInput {
  records: AsyncIterable<FeedRecordText | FeedRecordUnreadable>;
  /** How far the reading is, in the input's own unit (bytes of a file, entries of a zip, files of a directory). */
  progress(): { done: number; total: number };
  /** sha256 identifying the document, known once every record was read. */
  documentHash(): string;
  /** When the document was retrieved: its modification time. */
  retrievedAt: string;
}

/** A record over this size is skipped, never held: no real advisory comes near it. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];

export interface OsvInputOptions {
  /** The most a zip archive's entries may expand to, together (default: maxArchiveBytes()). */
  maxArchiveBytes?: number;
}

/** Opens an OSV feed: a directory, a `.zip`, or JSON lines (`.jsonl`, `.ndjson`, gzip'd or not), or one `.json`. */
export async function openOsvInput(path: string, options: OsvInputOptions = {}): Promise<FeedInput> {
  const info = await statOrRefuse(path);
  const retrievedAt = info.mtime.toISOString();
  if (info.isDirectory()) return directoryInput(path, retrievedAt);
  const head = await firstBytes(path, 4);
  if (isZip(head)) return zipInput(path, retrievedAt, options.maxArchiveBytes ?? maxArchiveBytes());
  if (/\.json$/i.test(path) && !isGzip(head)) return singleJsonInput(path, retrievedAt);
  return jsonLinesInput(path, info.size, retrievedAt);
}

/** The lines of a text file, gzip'd or not (recognised by its first bytes), streamed. */
export async function openTextLines(path: string): Promise<{
  lines: AsyncIterable<string>;
  progress(): { done: number; total: number };
  documentHash(): string;
  retrievedAt: string;
}> {
  const info = await statOrRefuse(path);
  if (info.isDirectory()) throw new UsageError(`${path} is a directory; give the file.`);
  const gzip = isGzip(await firstBytes(path, 2));
  const { text, hash, bytesRead } = decodedStream(path, gzip);
  return {
    lines: splitLines(text, path),
    progress: () => ({ done: bytesRead(), total: info.size }),
    documentHash: hash,
    retrievedAt: info.mtime.toISOString(),
  };
}

/** A whole (small) file as text, gzip'd or not, with the sha256 of its bytes; refused over `maxBytes`. */
export async function readFeedText(
  path: string,
  maxBytes: number,
): Promise<{ text: string; documentHash: string; retrievedAt: string }> {
  const info = await statOrRefuse(path);
  if (info.isDirectory()) throw new UsageError(`${path} is a directory; give the file.`);
  if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
  const bytes = await readFile(path);
  let body = bytes;
  if (isGzip(bytes)) {
    try {
      body = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      throw unreadable(path, e);
    }
  }
  return {
    text: body.toString('utf8'),
    documentHash: createHash('sha256').update(bytes).digest('hex'),
    retrievedAt: info.mtime.toISOString(),
  };
}

/**
 * Reads a gzip file to its end (gunzip checks the trailer's CRC-32 and length), so that a body cut short shows
 * before it is imported; a file that is not gzip passes as it is.
 */
export async function checkGzipIntegrity(path: string): Promise<void> {
  if (!isGzip(await firstBytes(path, 2))) return;
  await streamPipeline(createReadStream(path), createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const _ of source) {
      // Only read: the check is gunzip's own.
    }
  });
}

/** Reads a zip's central directory, which sits at its end: a truncated archive has none. */
export async function checkZipDirectory(path: string): Promise<void> {
  (await openZip(path)).close();
}

function jsonLinesInput(path: string, size: number, retrievedAt: string): FeedInput {
  let stream: ReturnType<typeof decodedStream> | undefined;
  return {
    records: (async function* () {
      const gzip = isGzip(await firstBytes(path, 2));
      stream = decodedStream(path, gzip);
      let line = 0;
      for await (const text of splitLines(stream.text, path)) {
        line++;
        if (text.trim() === '') continue;
        yield { text, file: path, line };
      }
    })(),
    progress: () => ({ done: stream?.bytesRead() ?? 0, total: size }),
    documentHash: () => stream?.hash() ?? '',
    retrievedAt,
  };
}

function singleJsonInput(path: string, retrievedAt: string): FeedInput {
  let hash = '';
  let done = 0;
  return {
    records: (async function* () {
      const bytes = await readFile(path);
      hash = createHash('sha256').update(bytes).digest('hex');
      done = 1;
      yield { text: bytes.toString('utf8'), file: path };
    })(),
    progress: () => ({ done, total: 1 }),
    documentHash: () => hash,
    retrievedAt,
  };
}

function directoryInput(root: string, retrievedAt: string): FeedInput {
  const digest = createHash('sha256');
  let done = 0;
  let total = 0;
  return {
    records: (async function* () {
      // Sorted, so that the same directory reads in the same order (and hashes the same) everywhere.
      const files = (await walk(root)).filter((f) => /\.json$/i.test(f)).sort();
      total = files.length;
      for (const file of files) {
        const name = relative(root, file);
        const info = await stat(file);
        done++;
        if (info.size > MAX_RECORD_BYTES) {
          yield { problem: recordTooLarge(name, info.size) };
          continue;
        }
        const bytes = await readFile(file);
        digest.update(name).update('\u0000').update(bytes);
        yield { text: bytes.toString('utf8'), file: name };
      }
    })(),
    progress: () => ({ done, total }),
    documentHash: () => digest.copy().digest('hex'),
    retrievedAt,
  };
}

function zipInput(path: string, retrievedAt: string, maxTotalBytes: number): FeedInput {
  let done = 0;
  let total = 0;
  // The central directory lists every entry with its size and CRC-32: it identifies the content.
  const digest = createHash('sha256');
  return {
    records: (async function* () {
      const zip = await openZip(path);
      total = zip.entryCount;
      let expanded = 0;
      const entries = zip.eachEntry();
      try {
        for (;;) {
          const next = await entries.next().catch((e: unknown) => {
            throw zipBroken(path, e);
          });
          if (next.done) break;
          const entry = next.value;
          done++;
          const name = entry.fileName;
          digest.update(`${name}\u0000${entry.crc32}\u0000${entry.uncompressedSize}\n`);
          if (name.endsWith('/') || !/\.json$/i.test(name)) continue;
          const file = `${path}!${name}`;
          const refusal = entryRefusal(entry);
          if (refusal) {
            yield { problem: { ...refusal, file } };
            continue;
          }
          // Sizes are the central directory's, which yauzl holds each entry to: a bomb cannot lie about them.
          expanded += entry.uncompressedSize;
          if (expanded > maxTotalBytes)
            throw new ImportRefusedError(path, [
              problem(
                path,
                'archive_too_large',
                `The zip archive expands to more than ${maxTotalBytes.toLocaleString('en')} bytes (VIGIL_MAX_ARCHIVE_BYTES): refused as a possible zip bomb. Nothing was imported.`,
              ),
            ]);
          yield { text: (await readZipEntry(zip, entry, path)).toString('utf8'), file };
        }
      } finally {
        zip.close();
      }
    })(),
    progress: () => ({ done, total }),
    documentHash: () => digest.copy().digest('hex'),
    retrievedAt,
  };
}

async function openZip(path: string): Promise<ZipFile> {
  try {
    // autoClose off: the generator closes it, also when its reader stops early.
    return await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (e) {
    throw zipBroken(path, e);
  }
}

/** Why an entry is skipped rather than read, if it is. */
function entryRefusal(entry: Entry): Problem | undefined {
  const name = entry.fileName;
  if (entry.uncompressedSize > MAX_RECORD_BYTES || entry.compressedSize > MAX_RECORD_BYTES)
    return {
      severity: 'error',
      code: 'record_too_large',
      message: `${name} (${entry.uncompressedSize.toLocaleString('en')} bytes) was skipped: over the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may have.`,
    };
  if (entry.isEncrypted())
    return { severity: 'error', code: 'encrypted', message: `${name} was skipped: it is encrypted.` };
  if (!entry.canDecodeFileData())
    return {
      severity: 'error',
      code: 'unsupported_compression',
      message: `${name} was skipped: compression method ${entry.compressionMethod} is neither stored nor deflate.`,
    };
  return undefined;
}

/** One entry's bytes (at most MAX_RECORD_BYTES, checked before), their size and CRC-32 checked. */
async function readZipEntry(zip: ZipFile, entry: Entry, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let crc = 0;
  let length = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > entry.uncompressedSize) throw new Error('it expands past its declared size');
      crc = crc32(chunk, crc);
      chunks.push(chunk);
    }
  } catch (e) {
    throw zipBroken(path, e, entry.fileName);
  }
  if (length !== entry.uncompressedSize || crc !== entry.crc32)
    throw zipBroken(path, new Error('it fails its size or CRC-32 check'), entry.fileName);
  return Buffer.concat(chunks, length);
}

function zipBroken(path: string, e: unknown, entryName?: string): ImportRefusedError {
  if (e instanceof ImportRefusedError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new ImportRefusedError(path, [
    problem(
      path,
      'corrupted_archive',
      `The zip archive cannot be read${entryName ? ` (entry ${entryName})` : ''}: ${reason}. The archive is truncated or corrupted; nothing was imported.`,
    ),
  ]);
}

/**
 * The file's text as a stream of strings, through gunzip when it is gzip'd; counts and hashes the bytes read
 * from disk on the way. A gzip stream cut short fails with a message that says so.
 */
function decodedStream(
  path: string,
  gzip: boolean,
): { text: Readable; bytesRead: () => number; hash: () => string } {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const digest = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      digest.update(chunk);
      done(null, chunk);
    },
  });
  const out = gzip ? createGunzip({ chunkSize: 1 << 18 }) : new PassThrough();
  // Errors reach the reader through the last stream; the callback only keeps them from being unhandled.
  pipeline(file, tap, out, () => undefined);
  out.setEncoding('utf8');
  return { text: out, bytesRead: () => bytes, hash: () => digest.copy().digest('hex') };
}

/** Splits a text stream into lines (without their line breaks); a line over MAX_RECORD_BYTES fails the read. */
async function* splitLines(text: Readable, path: string): AsyncGenerator<string> {
  let carry = '';
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      let start = 0;
      let data = carry + chunk;
      carry = '';
      for (let nl = data.indexOf('\n'); nl !== -1; nl = data.indexOf('\n', start)) {
        const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield data.slice(start, end);
        start = nl + 1;
      }
      carry = data.slice(start);
      data = '';
      if (carry.length > MAX_RECORD_BYTES) {
        throw new ImportRefusedError(path, [
          problem(
            path,
            'line_too_long',
            `A line is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB: this is not a feed of records.`,
          ),
        ]);
      }
    }
  } catch (e) {
    if (e instanceof ImportRefusedError) throw e;
    throw unreadable(path, e);
  }
  if (carry !== '') yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

function unreadable(path: string, e: unknown): ImportRefusedError {
  const error = e as NodeJS.ErrnoException;
  const truncated = error.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(error.message));
  return new ImportRefusedError(path, [
    truncated
      ? problem(
          path,
          'truncated',
          'The gzip stream ends before its end: the file is truncated (an interrupted download or copy). Nothing was imported.',
        )
      : problem(
          path,
          'unreadable',
          `The file cannot be read: ${error.message ?? String(e)}. Nothing was imported.`,
        ),
  ]);
}

function tooLarge(path: string, size: number, limit: number): ImportRefusedError {
  return new ImportRefusedError(path, [
    problem(
      path,
      'too_large',
      `The file is ${size.toLocaleString('en')} bytes; the limit is ${limit.toLocaleString('en')} (VIGIL_MAX_IMPORT_BYTES).`,
    ),
  ]);
}

function recordTooLarge(file: string, size: number): Problem {
  return {
    severity: 'error',
    code: 'record_too_large',
    file,
    message: `A record of ${size.toLocaleString('en')} bytes was skipped: over the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may have.`,
  };
}

function problem(file: string, code: string, message: string): Problem {
  return { severity: 'error', code, message, file };
}

async function statOrRefuse(path: string) {
  try {
    return await stat(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory.`);
  }
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}
