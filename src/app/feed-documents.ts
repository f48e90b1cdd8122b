/**
 * Feeds that come as whole JSON or text documents rather than as a stream of records: NVD's API pages (and
 * one file per CVE), endoflife.date's product files and API JSON. A path is one such file (gzip'd or not)
 * or a directory of them, read in a stable order, one file at a time: memory is bounded by the largest file
 * (under the import size limit), not by the directory. A file given alone that cannot be read refuses the
 * import; in a directory, it is skipped and reported, and the others are read.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Problem } from '../core/problem.js';
import { UsageError } from './errors.js';
import { readFeedText } from './feed-files.js';

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
