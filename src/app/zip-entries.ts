/**
 * The entries of a zip archive (OSV's `all.zip`), one at a time, read from the file by their offsets: the
 * archive is never held whole. Stored and deflated entries, ZIP64 (archives over 4 GB or 65,535 entries,
 * as the larger OSV ecosystems are); no encryption, no multi-disk. Each entry's size and CRC-32 are checked,
 * so that a corrupted archive fails instead of importing damaged records.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import type { Problem } from '../core/problem.js';
import { ImportRefusedError } from './errors.js';

export type ZipEntry = { name: string; text: string } | { name: string; problem: Problem };

export interface ZipContents {
  entryCount: number;
  /** sha256 of the central directory: names, sizes and CRC-32 of every entry. */
  directoryHash: string;
  entries: AsyncIterable<ZipEntry>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export async function readZipEntries(path: string, options: { maxEntryBytes: number }): Promise<ZipContents> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, MAX_EOCD_SEARCH);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at === -1)
      throw broken(path, 'it has no end of central directory: the archive is truncated or not a zip.');
    let entryCount = tail.readUInt16LE(at + 10);
    let directorySize = tail.readUInt32LE(at + 12);
    let directoryOffset = tail.readUInt32LE(at + 16);
    if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = size - tailLength + at - 20;
      const locator = locatorAt >= 0 ? await readAt(handle, locatorAt, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR)
        throw broken(path, 'its ZIP64 end of central directory is missing.');
      const record = await readAt(handle, Number(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD)
        throw broken(path, 'its ZIP64 end of central directory is damaged.');
      entryCount = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
    if (directoryOffset + directorySize > size)
      throw broken(path, 'its central directory lies past its end: the archive is truncated.');
    const directory = await readAt(handle, directoryOffset, directorySize);
    const central = centralEntries(path, directory, entryCount);
    const directoryHash = createHash('sha256').update(directory).digest('hex');
    await handle.close();
    return {
      entryCount: central.length,
      directoryHash,
      entries: readEntries(path, central, size, options.maxEntryBytes),
    };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

function centralEntries(path: string, directory: Buffer, count: number): CentralEntry[] {
  const entries: CentralEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL)
      throw broken(path, 'its central directory is damaged.');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    let compressedSize = directory.readUInt32LE(p + 20);
    let size = directory.readUInt32LE(p + 24);
    let offset = directory.readUInt32LE(p + 42);
    const flags = directory.readUInt16LE(p + 8);
    // Bit 11: the name is UTF-8; otherwise CP437, which for OSV's ASCII names is the same.
    const name = directory.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    // ZIP64 extra field: the 64-bit values, in this order, of those whose 32-bit field is all ones.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = directory.readUInt16LE(e);
      const length = directory.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = Number(directory.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(directory.readBigUInt64LE(q));
          q += 8;
        }
        if (offset === 0xffffffff) offset = Number(directory.readBigUInt64LE(q));
      }
      e += 4 + length;
    }
    entries.push({
      name,
      method: directory.readUInt16LE(p + 10),
      flags,
      crc: directory.readUInt32LE(p + 16),
      compressedSize,
      size,
      offset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function* readEntries(
  path: string,
  entries: CentralEntry[],
  archiveSize: number,
  maxEntryBytes: number,
): AsyncGenerator<ZipEntry> {
  const handle = await open(path, 'r');
  try {
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      if (entry.size > maxEntryBytes || entry.compressedSize > maxEntryBytes) {
        yield {
          name: entry.name,
          problem: skipped(
            'record_too_large',
            `${entry.name} (${entry.size.toLocaleString('en')} bytes) was skipped: over the ${maxEntryBytes / 1024 / 1024} MB a record may have.`,
          ),
        };
        continue;
      }
      if (entry.flags & 0x1) {
        yield {
          name: entry.name,
          problem: skipped('encrypted', `${entry.name} was skipped: it is encrypted.`),
        };
        continue;
      }
      if (entry.method !== 0 && entry.method !== 8) {
        yield {
          name: entry.name,
          problem: skipped(
            'unsupported_compression',
            `${entry.name} was skipped: compression method ${entry.method} is neither stored nor deflate.`,
          ),
        };
        continue;
      }
      const local = await readAt(handle, entry.offset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
        throw broken(path, `the entry ${entry.name} is damaged.`);
      const dataAt = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (dataAt + entry.compressedSize > archiveSize)
        throw broken(path, `the entry ${entry.name} lies past the end: the archive is truncated.`);
      const compressed = await readAt(handle, dataAt, entry.compressedSize);
      let data: Buffer;
      try {
        data =
          entry.method === 0
            ? compressed
            : inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.size) });
      } catch {
        throw broken(path, `the entry ${entry.name} cannot be inflated: the archive is corrupted.`);
      }
      if (data.length !== entry.size || crc32(data) !== entry.crc)
        throw broken(
          path,
          `the entry ${entry.name} fails its size or CRC-32 check: the archive is corrupted.`,
        );
      yield { name: entry.name, text: data.toString('utf8') };
    }
  } finally {
    await handle.close();
  }
}

async function readAt(
  handle: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

function skipped(code: string, message: string): Problem {
  return { severity: 'error', code, message };
}

function broken(path: string, reason: string): ImportRefusedError {
  return new ImportRefusedError(path, [
    {
      severity: 'error',
      code: 'corrupted_archive',
      file: path,
      message: `The zip archive cannot be read: ${reason} Nothing was imported.`,
    },
  ]);
}
