/**
 * Feeds that come as documents rather than as lines of records: NVD's API pages, files per CVE and yearly
 * feeds; endoflife.date's product files and API JSON. A path is one such file (gzip'd or not) or a directory
 * of them, read in a stable order, one file at a time. endoflife.date's documents are small and read whole
 * (`openFeedDocuments`: memory bounded by the largest file, under the import size limit); NVD's are streamed
 * (`openFeedStreams`: chunks of bytes, so memory is bounded by what their reader holds, whatever the file's
 * size). A file given alone that cannot be read refuses the import; in a directory, it is skipped and
 * reported, and the others are read.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Problem } from '../core/problem.js';
import { UsageError } from './errors.js';
import { isGzip, readFeedText } from './feed-files.js';

/** One document's text, named by its path (relative to the directory given, for a directory). */
export interface FeedDocumentText {
  file: string;
  text: string;
}

/** A document of a directory that could not be read: reported, skipped. */
export interface FeedDocumentUnreadable {
  file: string;
  problem: Problem;
}

export interface FeedDocuments {
  /** True when the path was one file: then a document that cannot be read refuses the import. */
  single: boolean;
  documents: AsyncIterable<FeedDocumentText | FeedDocumentUnreadable>;
  progress(): { done: number; total: number };
  /** sha256 identifying what was read: the file's bytes, or each file's name and bytes in order. */
  documentHash(): string;
  /** When the documents were retrieved: the path's modification time. */
  retrievedAt: string;
}

const GZIP = /\.gz$/i;

/**
 * Opens a file or a directory of documents; in a directory only the files whose names match `accept`
 * (`.json`, `.json.gz`…) are read, sorted so that the same directory reads the same everywhere.
 */
export async function openFeedDocuments(
  path: string,
  accept: RegExp,
  maxBytes: number,
): Promise<FeedDocuments> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory.`);
  }
  const retrievedAt = info.mtime.toISOString();
  if (!info.isDirectory()) {
    let hash = '';
    let done = 0;
    return {
      single: true,
      documents: (async function* () {
        // Refuses (ImportRefusedError) a file over the limit or a truncated gzip stream.
        const file = await readFeedText(path, maxBytes);
        hash = file.documentHash;
        done = 1;
        yield { file: path, text: file.text };
      })(),
      progress: () => ({ done, total: 1 }),
      documentHash: () => hash,
      retrievedAt,
    };
  }
  const digest = createHash('sha256');
  let done = 0;
  let total = 0;
  return {
    single: false,
    documents: (async function* () {
      const files = (await walk(path)).filter((f) => accept.test(f)).sort();
      total = files.length;
      for (const file of files) {
        const name = relative(path, file);
        done++;
        const size = (await stat(file)).size;
        if (size > maxBytes) {
          yield {
            file: name,
            problem: unreadable(
              name,
              'too_large',
              `The file is ${size.toLocaleString('en')} bytes, over the import limit.`,
            ),
          };
          continue;
        }
        const bytes = await readFile(file);
        digest.update(name).update('\u0000').update(bytes);
        let body = bytes;
        if (GZIP.test(file)) {
          try {
            body = gunzipSync(bytes, { maxOutputLength: maxBytes });
          } catch (e) {
            yield {
              file: name,
              problem: unreadable(
                name,
                'unreadable',
                `The gzip file cannot be read: ${(e as Error).message}.`,
              ),
            };
            continue;
          }
        }
        yield { file: name, text: body.toString('utf8') };
      }
    })(),
    progress: () => ({ done, total }),
    documentHash: () => digest.copy().digest('hex'),
    retrievedAt,
  };
}

function unreadable(file: string, code: string, message: string): Problem {
  return { severity: 'error', code, file, message: `${message} It was skipped.` };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/** One file as a stream of bytes (gunzip'd when it is gzip), named as FeedDocumentText names it. */
export interface FeedDocumentStream {
  file: string;
  /** Throws DocumentReadError when the file cannot be read to its end (a gzip stream cut short, say). */
  chunks: AsyncIterable<Buffer>;
}

export interface FeedStreams {
  /** True when the path was one file: then a document that cannot be read refuses the import. */
  single: boolean;
  files: AsyncIterable<FeedDocumentStream | FeedDocumentUnreadable>;
  /** Bytes read of a single file; files begun of a directory. */
  progress(): { done: number; total: number };
  /** sha256 of what was read, as `openFeedDocuments` computes it: the file's bytes, or each name and bytes. */
  documentHash(): string;
  retrievedAt: string;
}

/** A file could not be read to its end: the problem says why, for the import to report or refuse. */
export class DocumentReadError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** How much of a large file is read, and out of gunzip, at a time. */
const CHUNK_BYTES = 1 << 20;
/** A file up to this size is read in one go, and gunzip'd in one go up to the next: as small as a record. */
const SMALL_FILE_BYTES = 1 << 20;
const SMALL_EXPANDED_BYTES = 8 << 20;

/**
 * Opens a file or a directory of documents to be read as streams of bytes, with no limit on a file's size:
 * its reader holds what it needs of it, not the file.
 */
export async function openFeedStreams(path: string, accept: RegExp): Promise<FeedStreams> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory.`);
  }
  const retrievedAt = info.mtime.toISOString();
  const digest = createHash('sha256');
  if (!info.isDirectory()) {
    let done = 0;
    return {
      single: true,
      files: (async function* () {
        yield { file: path, chunks: fileChunks(path, path, digest, (n) => (done += n)) };
      })(),
      progress: () => ({ done, total: info.size }),
      documentHash: () => digest.copy().digest('hex'),
      retrievedAt,
    };
  }
  let done = 0;
  let total = 0;
  return {
    single: false,
    files: (async function* () {
      const files = (await walk(path)).filter((f) => accept.test(f)).sort();
      total = files.length;
      // The next file is read while this one is parsed: most are small, and waiting for each in turn costs
      // as much as parsing them. One file ahead, so no more than one more small file is held.
      const ahead = (i: number) => (i < files.length ? settled(smallFile(files[i]!)) : undefined);
      let next = ahead(0);
      for (const [i, file] of files.entries()) {
        const name = relative(path, file);
        done++;
        digest.update(name).update('\u0000');
        const head = next!;
        next = ahead(i + 1);
        yield { file: name, chunks: fileChunks(file, name, digest, () => undefined, head) };
      }
    })(),
    progress: () => ({ done, total }),
    documentHash: () => digest.copy().digest('hex'),
    retrievedAt,
  };
}

/**
 * A file's bytes, through gunzip when its first bytes say gzip. What is read from disk goes to `digest`; when
 * the reader stops before the end (the document was refused), the rest is hashed still, so that the hash
 * identifies the files given whatever became of them. A small file (one CVE, a page) is read and gunzip'd in
 * one go: setting up streams for it would cost more than reading it, and it is as small as a record.
 */
async function* fileChunks(
  path: string,
  name: string,
  digest: Hash,
  read: (bytes: number) => void,
  opened: Promise<Settled<Head>> = settled(smallFile(path)),
): AsyncGenerator<Buffer> {
  const outcome = await opened;
  if (!outcome.ok) throw new DocumentReadError(readProblem(name, outcome.error, false));
  const head = outcome.value;
  if ('bytes' in head) {
    const bytes = head.bytes;
    digest.update(bytes);
    read(bytes.length);
    if (!isGzip(bytes)) {
      yield bytes;
      return;
    }
    let body: Buffer | undefined;
    try {
      body = gunzipSync(bytes, { maxOutputLength: SMALL_EXPANDED_BYTES });
    } catch (e) {
      // Small, but expanding beyond what is worth holding: streamed after all.
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE')
        throw new DocumentReadError(readProblem(name, e, true));
    }
    if (body) {
      yield body;
      return;
    }
  }
  yield* streamed(path, name, isGzip(head.head), 'bytes' in head ? undefined : { digest, read });
}

type Head = { bytes: Buffer; head: Buffer } | { head: Buffer };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so that one started ahead of its reader is never an unhandled rejection. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The file's bytes when it is small; otherwise its first bytes, to tell gzip by. */
async function smallFile(path: string): Promise<Head> {
  const handle = await open(path, 'r');
  try {
    if ((await handle.stat()).size <= SMALL_FILE_BYTES) {
      const bytes = await handle.readFile();
      return { bytes, head: bytes };
    }
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** A large file's bytes, gunzip'd as they come; hashed on the way unless they were already. */
async function* streamed(
  path: string,
  name: string,
  gzip: boolean,
  hashing: { digest: Hash; read: (bytes: number) => void } | undefined,
): AsyncGenerator<Buffer> {
  let hashed = 0;
  const take = (chunk: Buffer) => {
    if (!hashing) return;
    hashing.digest.update(chunk);
    hashed += chunk.length;
    hashing.read(chunk.length);
  };
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const gunzip = gzip ? createGunzip({ chunkSize: CHUNK_BYTES }) : undefined;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      take(chunk);
      done(null, chunk);
    },
  });
  // Errors reach the reader through the stream it iterates; the pipeline's own promise is only kept quiet.
  if (gunzip) pipeline(source, tap, gunzip).catch(() => undefined);
  const body: AsyncIterable<Buffer> =
    gunzip ??
    (async function* () {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        take(chunk);
        yield chunk;
      }
    })();
  let complete = false;
  try {
    for await (const chunk of body) yield chunk;
    complete = true;
  } catch (e) {
    throw new DocumentReadError(readProblem(name, e, gzip));
  } finally {
    source.destroy();
    gunzip?.destroy();
    if (!complete && hashing) await hashRest(path, hashed, hashing.digest);
  }
}

async function hashRest(path: string, from: number, digest: Hash): Promise<void> {
  try {
    for await (const chunk of createReadStream(path, { start: from, highWaterMark: CHUNK_BYTES }))
      digest.update(chunk as Buffer);
  } catch {
    // The hash only identifies the input; a file that cannot be read again is refused for what it is.
  }
}

function readProblem(file: string, e: unknown, gzip: boolean): Problem {
  const error = e as NodeJS.ErrnoException;
  const truncated =
    gzip && (error.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(error.message)));
  return truncated
    ? {
        severity: 'error',
        code: 'truncated',
        file,
        message:
          'The gzip stream ends before its end: the file is truncated (an interrupted download or copy).',
      }
    : {
        severity: 'error',
        code: 'unreadable',
        file,
        message: `The ${gzip ? 'gzip ' : ''}file cannot be read: ${error.message ?? String(e)}.`,
      };
}
